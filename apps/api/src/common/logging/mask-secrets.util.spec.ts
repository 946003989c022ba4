import { createSecretMasker } from './mask-secrets.util.js';

describe('createSecretMasker', () => {
  const mask = createSecretMasker(['hunter2-very-secret', 'p@ss"word']);

  it('masks every occurrence, in plain, JSON-escaped and URL-encoded form', () => {
    const line = JSON.stringify({ msg: 'connect postgres://u:hunter2-very-secret@h/db', other: 'p@ss"word', url: encodeURIComponent('p@ss"word') });
    const out = mask(line);
    expect(out).not.toContain('hunter2-very-secret');
    expect(out).not.toContain('p@ss\\"word');
    expect(out).not.toContain(encodeURIComponent('p@ss"word'));
    expect(out.match(/\[secret\]/g)).toHaveLength(3);
    expect(() => JSON.parse(out)).not.toThrow();
  });

  it('leaves lines without secrets unchanged', () => {
    expect(mask('{"msg":"hello"}')).toBe('{"msg":"hello"}');
    expect(createSecretMasker([])('x')).toBe('x');
  });
});
