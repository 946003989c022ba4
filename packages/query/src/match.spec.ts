import fc from 'fast-check';
import { compileQuery } from './compile.js';
import { prepareMention } from './match.js';
import { fold } from './normalize.util.js';

/**
 * CPU milliseconds this process has used: the linear-scan bounds below are on work done, not on
 * wall time, so a loaded machine (CI beside other jobs) cannot make them flaky.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** How prepareMention found handles and hashtags with regexes (quadratic on crafted runs): the oracle. */
function regexHandlesAndHashtags(raw: string, authorHandle: string | null): { handles: Set<string>; hashtags: Set<string> } {
  const text = fold(raw);
  const handles = new Set<string>();
  for (const h of text.matchAll(/(?:^|[^\p{L}\p{N}_])@([\p{L}\p{N}_.-]+(?:@[\p{L}\p{N}_.-]+)?)/gu)) {
    const full = h[1]!.replace(/[.-]+$/, '');
    handles.add(full);
    handles.add(full.split('@')[0]!);
  }
  if (authorHandle) {
    const a = fold(authorHandle).replace(/^@/, '');
    handles.add(a);
    handles.add(a.split('@')[0]!);
  }
  const hashtags = new Set<string>();
  for (const h of text.matchAll(/(?:^|[^\p{L}\p{N}_])#([\p{L}\p{N}_]+)/gu)) hashtags.add(h[1]!);
  return { handles, hashtags };
}

/** Text made of what the scanners care about: sigils, handle characters, letters of every kind, surrogates. */
const PIECES = [
  '@',
  '@',
  '#',
  '#',
  '.',
  '-',
  '_',
  'a',
  'b',
  'Z',
  '1',
  ' ',
  '\n',
  ',',
  '!',
  'é',
  'É',
  'ß',
  'ǅ',
  '١',
  '𝐀',
  '😀',
  '\ud800',
  '\udc00',
  'acme',
  'acme.social',
  'x@y',
];
const postText = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((a) => a.join(''));

describe('prepareMention: handles and hashtags', () => {
  it('finds handles (with instance, trailing dots dropped) and hashtags', () => {
    const m = prepareMention({ text: 'Hey @Acme@mastodon.social, and @bob... #AcmeFail! mail x@acme.com #', platform: 'mastodon' });
    expect([...m.handles].sort()).toEqual(['acme', 'acme@mastodon.social', 'bob']);
    expect([...m.hashtags]).toEqual(['acmefail']);
  });

  it('gives the same handles and hashtags as the regexes it replaced, on random text', () => {
    fc.assert(
      fc.property(postText, fc.option(postText, { nil: null }), (text, authorHandle) => {
        const want = regexHandlesAndHashtags(text, authorHandle);
        const got = prepareMention({ text, authorHandle, platform: 'x' });
        expect(got.handles).toEqual(want.handles);
        expect(got.hashtags).toEqual(want.hashtags);
      }),
      { numRuns: 5000 },
    );
  });

  // The runs ending in a letter took seconds with the regexes (`[.-]+$` backtracks over the whole
  // run at every start: ~1.3 s for 50,000 dots, ~5-20 s for 100,000); the issue's own post (dots
  // to the end) was fast. The bound is generous on purpose: the scanners take milliseconds.
  it.each([
    ["acme @a + 50,000 dots (the issue's post)", 'acme @a' + '.'.repeat(50_000)],
    ['acme @a + 100,000 dots + a letter', 'acme @a' + '.'.repeat(100_000) + 'x'],
    ['acme @a + 100,000 ".-" + a letter', 'acme @a' + '.-'.repeat(50_000) + 'x'],
    ['@a@ + 100,000 dots + a letter', '@a@' + '.'.repeat(100_000) + 'x'],
    ['100,000 "@"', '@'.repeat(100_000)],
    ['50,000 " @a"', ' @a'.repeat(50_000)],
    ['100,000 "#"', '#'.repeat(100_000)],
    ['a 100,000-letter hashtag', '#' + 'a'.repeat(100_000)],
    ['a non-ASCII handle + 100,000 dots + a letter', '@é' + '.'.repeat(100_000) + 'é!'],
  ])('stays linear on %s', (_name, text) => {
    const started = cpuMs();
    prepareMention({ text, authorHandle: text, platform: 'x' });
    expect(cpuMs() - started).toBeLessThan(2000);
  });

  it('still matches the brand in the hostile post', () => {
    const q = compileQuery('acme OR @acme');
    expect(q.test(prepareMention({ text: 'acme @a' + '.'.repeat(50_000) + 'x', platform: 'x' }))).toBe(true);
    expect(prepareMention({ text: 'acme @a' + '.'.repeat(50_000) + 'x', platform: 'x' }).handles).toEqual(new Set(['a' + '.'.repeat(50_000) + 'x']));
  });
});
