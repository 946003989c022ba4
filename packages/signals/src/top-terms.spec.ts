import { tokenize, topTerms } from './top-terms.js';

describe('tokenize', () => {
  it('keeps words and hashtags, drops links, handles, stop words and numbers', () => {
    expect(tokenize('@AcmeAir My flight 1234 was CANCELLED again!! #AcmeFail https://t.co/x')).toEqual(['flight', 'cancelled', '#acmefail']);
  });
});

describe('topTerms', () => {
  it('ranks the terms over-represented in the surge, by log-odds with a prior', () => {
    const baseline = Array.from({ length: 200 }, (_, i) => (i % 2 ? 'great flight and friendly crew' : 'my bag arrived late, the crew was kind'));
    const surge = [
      'the app is down, cannot check in',
      'app down again, check in impossible #outage',
      'your app is down and the crew says nothing',
      'outage? app down for an hour #outage',
      'website and app down',
    ];
    const top = topTerms(surge, baseline, 3);
    expect(top.map((t) => t.term)).toEqual(['app', 'down', '#outage']);
    expect(top[0]).toMatchObject({ surgeCount: 5, baselineCount: 0 });
    expect(top.every((t) => t.score > 0)).toBe(true);
    expect(topTerms(surge, baseline, 20).some((t) => t.term === 'crew')).toBe(false);
  });

  it('returns nothing for an empty surge', () => {
    expect(topTerms([], ['a post'], 5)).toEqual([]);
  });
});
