import { QuerySyntaxError } from './ast.js';
import { compileQuery, describeQueryError } from './compile.js';
import { prepareMention } from './match.js';
import { parseQuery } from './parse.js';

const m = (text: string, extra: { lang?: string; platform?: string; authorHandle?: string } = {}) =>
  prepareMention({ text, platform: extra.platform ?? 'mastodon', lang: extra.lang ?? null, authorHandle: extra.authorHandle ?? null });

const hit = (q: string, text: string, extra?: Parameters<typeof m>[1]) => compileQuery(q).test(m(text, extra));

describe('listening query: matching', () => {
  it('matches the example from the design', () => {
    const q = '"lost luggage" AND (refund OR cancel) NOT @acme lang:en';
    expect(hit(q, 'Lost luggage again, I want a refund', { lang: 'en' })).toBe(true);
    expect(hit(q, 'Lost luggage again, I want a refund', { lang: 'fr' })).toBe(false);
    expect(hit(q, 'lost my luggage, refund please', { lang: 'en' })).toBe(false);
    expect(hit(q, '@acme lost luggage, cancel it', { lang: 'en' })).toBe(false);
  });

  it('treats adjacent terms as AND and AND as tighter than OR', () => {
    expect(hit('acme refund', 'acme gave me a refund')).toBe(true);
    expect(hit('acme refund', 'acme is great')).toBe(false);
    expect(hit('acme refund OR beta', 'beta rocks')).toBe(true);
    expect(hit('acme (refund OR beta)', 'beta rocks')).toBe(false);
  });

  it('matches whole words, case- and accent-insensitively, with * prefixes', () => {
    expect(hit('cafe', 'Best CAFÉ in town')).toBe(true);
    expect(hit('ref', 'refund please')).toBe(false);
    expect(hit('refund*', 'two refunds pending')).toBe(true);
  });

  it('supports -term exclusion, #hashtags, @handles (in text or as author) and platform:', () => {
    expect(hit('acme -job', 'acme job opening')).toBe(false);
    expect(hit('acme -job', 'acme broke my phone')).toBe(true);
    expect(hit('#acmefail', 'so slow #AcmeFail')).toBe(true);
    expect(hit('#acmefail', 'acmefail')).toBe(false);
    expect(hit('@acme', 'hey @Acme@mastodon.social help')).toBe(true);
    expect(hit('@acme', 'new post', { authorHandle: 'acme' })).toBe(true);
    expect(hit('@acme', 'email me at bob@acme.com')).toBe(false);
    expect(hit('acme platform:reddit', 'acme', { platform: 'reddit' })).toBe(true);
    expect(hit('acme platform:reddit', 'acme', { platform: 'x' })).toBe(false);
  });

  it('keeps a hyphen inside a word as part of the word, not an exclusion', () => {
    expect(hit('e-mail', 'your e mail bounced')).toBe(true);
    expect(hit('wi-fi broken', 'wi fi is broken')).toBe(true);
  });
});

describe('listening query: errors say where and what to fix', () => {
  const cases: Array<[string, RegExp, number]> = [
    ['', /empty/, 0],
    ['   ', /empty/, 0],
    ['"lost luggage', /never closed/, 0],
    ['(acme OR beta', /never closed: add \)/, 0],
    ['acme)', /no matching \(/, 4],
    ['acme AND', /AND needs a term after it/, 8],
    ['acme OR', /OR needs a term after it/, 7],
    ['OR acme', /OR needs a term before it/, 0],
    ['acme NOT', /NOT needs a term after it/, 8],
    ['NOT acme', /only excludes/, 0],
    ['acme ()', /Empty parentheses/, 5],
    ['lang:english acme', /two-letter language code/, 5],
    ['platform:myspace acme', /platform: takes one of/, 9],
    ['color:red acme', /Unknown filter "color:"/, 0],
    ['@ acme', /@ needs a handle/, 0],
    ['acme ""', /Empty phrase/, 5],
    ['ab* acme', /at least 3 letters/, 0],
  ];
  it.each(cases)('%j', (q, message, position) => {
    let err: unknown;
    try {
      parseQuery(q);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QuerySyntaxError);
    expect((err as QuerySyntaxError).message).toMatch(message);
    expect((err as QuerySyntaxError).position).toBe(position);
  });

  it('describeQueryError returns null for a good query and the problem for a bad one', () => {
    expect(describeQueryError('acme OR "acme corp"')).toBeNull();
    expect(describeQueryError('acme AND')).toEqual({ message: expect.stringMatching(/AND needs a term/), position: 8 });
  });

  it('rejects pathological input without blowing the stack', () => {
    expect(() => parseQuery('('.repeat(1000) + 'a' + ')'.repeat(1000))).toThrow(QuerySyntaxError);
    expect(() => parseQuery('a '.repeat(1500))).toThrow(/at most 2000 characters/);
  });

  it('lowercase and/or/not are words, not operators', () => {
    expect(hit('rock and roll', 'rock and roll')).toBe(true);
    expect(hit('rock and roll', 'rock roll')).toBe(false);
  });
});
