import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box.js';

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
