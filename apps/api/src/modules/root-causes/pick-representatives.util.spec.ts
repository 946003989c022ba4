import { jaccard, pickRepresentatives, tokenSet } from './pick-representatives.util.js';

describe('pickRepresentatives', () => {
  it('keeps one of ten near-identical complaints, one per author, at most five', () => {
    const copies = Array.from({ length: 10 }, (_, i) => ({
      id: `c${i}`,
      authorId: `a${i}`,
      text: `The app is down again and I cannot log in ${['', 'please', 'now'][i % 3]}`,
    }));
    const distinct = [
      'Charged twice for one order',
      'Refund still missing after a month',
      'Support chat closes on its own',
      'Invoice shows the wrong address',
      'Password reset mail never comes',
    ];
    const picked = pickRepresentatives([
      ...copies,
      { id: 'dup-author', authorId: 'a0', text: 'Completely different words here' },
      ...distinct.map((text, i) => ({ id: `d${i}`, authorId: `b${i}`, text })),
    ]);
    expect(picked.map((p) => p.id)).toEqual(['c0', 'd0', 'd1', 'd2', 'd3']);
  });

  it('measures token-set similarity', () => {
    expect(jaccard(tokenSet('a b c Delivery late'), tokenSet('delivery LATE'))).toBe(1);
    expect(jaccard(tokenSet('parcel lost'), tokenSet('refund missing'))).toBe(0);
  });
});
