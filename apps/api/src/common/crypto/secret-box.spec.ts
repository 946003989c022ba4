import { createCipheriv, randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box.js';
import { sourceCredentialsAad } from './source-credentials-aad.js';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips a value for the same workspace and hides the plaintext', () => {
    const sealed = box.seal('{"token":"abc123-secret"}', 'ws-a');
    expect(sealed).not.toContain('abc123');
    expect(box.open(sealed, 'ws-a')).toBe('{"token":"abc123-secret"}');
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal('same', 'ws-a')).not.toBe(box.seal('same', 'ws-a'));
  });

  it('refuses a value moved to another workspace', () => {
    expect(() => box.open(box.seal('x', 'ws-a'), 'ws-b')).toThrow();
  });

  it('refuses a value with one flipped byte', () => {
    const sealed = box.seal('hello world', 'ws-a');
    const parts = sealed.split('.');
    const ct = Buffer.from(parts[3]!, 'base64url');
    ct[0] = ct[0]! ^ 1;
    parts[3] = ct.toString('base64url');
    expect(() => box.open(parts.join('.'), 'ws-a')).toThrow();
  });

  it('refuses a value sealed with another key', () => {
    expect(() => new SecretBox(randomBytes(32)).open(box.seal('x', 'ws-a'), 'ws-a')).toThrow();
  });
});

describe('SecretBox: v2 format, tag length, legacy values', () => {
  const key = randomBytes(32);
  const box = new SecretBox(key);

  /** A value in the first format (v1: AAD = workspace id), as rows written before v2 hold. */
  function sealV1(plaintext: string, workspaceId: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, iv);
    c.setAAD(Buffer.from(workspaceId, 'utf8'));
    const ct = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
    return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  }

  it('seals as v2', () => {
    expect(box.seal('x', 'a')).toMatch(/^v2\./);
    expect(box.versionOf(box.seal('x', 'a'))).toBe('v2');
  });

  it('refuses a tag truncated to 12 bytes (and to 4), which GCM would otherwise accept', () => {
    const sealed = box.seal('hello', 'ws-a');
    const parts = sealed.split('.');
    for (const len of [12, 4]) {
      const short = [...parts];
      short[2] = Buffer.from(parts[2]!, 'base64url').subarray(0, len).toString('base64url');
      expect(() => box.open(short.join('.'), 'ws-a')).toThrow(/truncated authentication tag/);
    }
  });

  it('opens a legacy v1 value with its workspace id, and nothing else', () => {
    const old = sealV1('{"accessToken":"t"}', 'ws-a');
    expect(box.open(old, 'new-binding', 'ws-a')).toBe('{"accessToken":"t"}');
    expect(() => box.open(old, 'new-binding', 'ws-b')).toThrow();
  });

  it('a v2 value relabelled v1 does not open (no downgrade to the weaker binding)', () => {
    const sealed = box.seal('secret', 'ws-a');
    expect(() => box.open(`v1${sealed.slice(2)}`, 'ws-a', 'ws-a')).toThrow();
  });

  it('a v2 value opens only with the binding it was sealed with', () => {
    const aad = sourceCredentialsAad({ workspaceId: 'ws-a', sourceId: 's-1', baseUrl: 'https://mastodon.social' });
    const sealed = box.seal('{"accessToken":"t"}', aad);
    expect(box.open(sealed, sourceCredentialsAad({ workspaceId: 'ws-a', sourceId: 's-1', baseUrl: 'https://mastodon.social/api/' }))).toBe(
      '{"accessToken":"t"}',
    );
    for (const other of [
      { workspaceId: 'ws-b', sourceId: 's-1', baseUrl: 'https://mastodon.social' },
      { workspaceId: 'ws-a', sourceId: 's-2', baseUrl: 'https://mastodon.social' },
      { workspaceId: 'ws-a', sourceId: 's-1', baseUrl: 'http://127.0.0.1:9999' },
      { workspaceId: 'ws-a', sourceId: 's-1', baseUrl: 'https://mastodon.social:8443' },
    ]) {
      expect(() => box.open(sealed, sourceCredentialsAad(other))).toThrow();
    }
  });
});
