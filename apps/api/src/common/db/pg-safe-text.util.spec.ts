import { pgSafeJsonText, pgSafeText } from './pg-safe-text.util.js';

const pgSafeJson = (v: unknown): string => pgSafeJsonText(JSON.stringify(v));

describe('pgSafeText / pgSafeJson', () => {
  it('replaces NUL and lone surrogates, keeps real emoji', () => {
    expect(pgSafeText('a\u0000b')).toBe('a\uFFFDb');
    expect(pgSafeText('cut \uD83D')).toBe('cut \uFFFD');
    expect(pgSafeText('ok 😀')).toBe('ok 😀');
  });

  it('makes every string in a JSON value safe, keys included', () => {
    const json = pgSafeJson({ t: 'x\u0000', list: ['\uDE00'], ['k\u0000']: 1, n: 2 });
    expect(json).not.toMatch(/\\u0000|\\ude00/i);
    expect(JSON.parse(json)).toEqual({ t: 'x\uFFFD', list: ['\uFFFD'], ['k\uFFFD']: 1, n: 2 });
  });
});

describe('pgSafeJson escapes', () => {
  it('leaves an escaped backslash followed by u0000 as it was', () => {
    const v = { s: 'path\\u0000x', t: '\u0000' };
    expect(JSON.parse(pgSafeJson(v))).toEqual({ s: 'path\\u0000x', t: '\uFFFD' });
  });
});
