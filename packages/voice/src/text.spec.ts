import { fleschKincaidGrade, PhraseTrie, syllables, tokenize } from './text.js';

describe('syllables', () => {
  it.each([
    ['cat', 1],
    ['the', 1],
    ['table', 2],
    ['wanted', 2],
    ['jumped', 1],
    ['boxes', 2],
    ['make', 1],
    ['beautiful', 3],
    ['apologise', 4],
    ['frustrating', 3],
    ['communication', 5],
    ['Café', 2],
    ['日本', 1],
  ])('%s has %i', (w, n) => expect(syllables(w)).toBe(n));
});

describe('fleschKincaidGrade', () => {
  it('is low for short plain sentences and high for long complex ones', () => {
    expect(fleschKincaidGrade(10, 2, 12)).toBeLessThan(3);
    expect(fleschKincaidGrade(30, 1, 60)).toBeGreaterThan(15);
    expect(fleschKincaidGrade(0, 0, 0)).toBe(0);
  });
});

describe('tokenize', () => {
  it('keeps UTF-16 spans, splits contractions for matching and counts sentences', () => {
    const text = "We'll fix it. 👍🏽 Okay?";
    const t = tokenize(text);
    expect(t.slice(0, 2).map((x) => [x.key, text.slice(x.start, x.end)])).toEqual([
      ['we', "We'll"],
      ['will', "We'll"],
    ]);
    expect(t.find((x) => x.key === 'okay')!.sentence).toBe(1);
  });
  it('skips masked ranges', () => {
    expect(tokenize('see http://a.b/but ok', [{ start: 4, end: 18 }]).map((t) => t.key)).toEqual(['see', 'ok']);
  });
});

describe('PhraseTrie', () => {
  it('prefers the longest phrase and never matches inside a word', () => {
    const trie = new PhraseTrie<'a' | 'b'>();
    trie.add('a', 0, 'but');
    trie.add('a', 1, 'we will');
    trie.add('a', 2, 'we will refund');
    trie.add('b', 0, 'refund');
    const text = 'The button works but we will refund you';
    const m = trie.match(tokenize(text)).map((x) => [x.kind, text.slice(x.start, x.end)]);
    expect(m).toEqual([
      ['a', 'but'],
      ['a', 'we will refund'],
      ['b', 'refund'],
    ]);
  });
});
