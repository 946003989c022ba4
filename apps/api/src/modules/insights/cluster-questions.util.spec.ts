import { clusterQuestions, questionTerms, stem } from './cluster-questions.util.js';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute));
const q = (id: string, authorId: string, text: string, minute: number) => ({ id, authorId, text, postedAt: at(minute) });

describe('clusterQuestions', () => {
  it('stems so the same words in other forms meet', () => {
    expect(['changed', 'changing', 'change'].map(stem)).toEqual(['chang', 'chang', 'chang']);
    expect(['shipping', 'ships', 'ship'].map(stem)).toEqual(['ship', 'ship', 'ship']);
    expect(['deliveries', 'delivery', 'address', 'addresses'].map(stem)).toEqual(['delivery', 'delivery', 'address', 'address']);
    expect([...questionTerms('@acme Can I change my delivery address? https://x.example/1 #Delivery').keys()]).toEqual(['chang', 'delivery', 'address']);
  });

  it('groups four wordings of one question, three of another, and leaves unrelated questions alone', () => {
    const docs = [
      q('a1', 'u1', '@acme how do I change the delivery address on my order?', 0),
      q('b1', 'u5', 'Do you ship to Canada?', 1),
      q('a2', 'u2', 'can i change delivery address after i ordered??', 2),
      q('x1', 'u8', 'What time does the Berlin store open on Sundays?', 3),
      q('a3', 'u3', 'Is it possible to change my delivery address @acme', 4),
      q('b2', 'u6', 'are you shipping to canada yet', 5),
      q('a4', 'u4', 'changed my mind about the delivery address - can it be changed after ordering?', 6),
      q('b3', 'u7', 'Any plans to ship orders to Canada?', 7),
      q('x2', 'u9', 'Does the app work offline?', 8),
    ];
    const clusters = clusterQuestions(docs);
    const ids = clusters.map((c) => c.members.map((m) => m.id).sort()).sort((x, y) => y.length - x.length || x[0]!.localeCompare(y[0]!));
    expect(ids).toEqual([['a1', 'a2', 'a3', 'a4'], ['b1', 'b2', 'b3'], ['x1'], ['x2']]);
    const address = clusters.find((c) => c.members.length === 4)!;
    expect(['a1', 'a2', 'a3', 'a4']).toContain(address.representative.id);
    expect(address.terms.slice(0, 3).sort()).toEqual(['address', 'change', 'delivery']);
    // Deterministic whatever the input order.
    const again = clusterQuestions([...docs].reverse()).map((c) =>
      c.members
        .map((m) => m.id)
        .sort()
        .join(','),
    );
    expect(again.sort()).toEqual(
      clusters
        .map((c) =>
          c.members
            .map((m) => m.id)
            .sort()
            .join(','),
        )
        .sort(),
    );
  });

  it('holds a wording together where every question is about the same thing (a small corpus weighs the rarer words up)', () => {
    const texts = ['@acme do you ship to Canada?', '@acme are you shipping to canada yet', '@acme any plans to ship orders to Canada?'];
    const docs = [...texts, ...texts].map((text, i) => q(`d${i}`, `u${i}`, text, i));
    expect(clusterQuestions(docs).map((c) => c.members.length)).toEqual([6]);
    const apart = clusterQuestions([
      q('c1', 'u1', 'Do you ship to Canada?', 0),
      q('m1', 'u2', 'Do you ship to Mexico?', 1),
      q('c2', 'u3', 'shipping to canada?', 2),
    ]);
    expect(apart.map((c) => c.members.map((m) => m.id).sort())).toEqual([['c1', 'c2'], ['m1']]);
  });

  it('a question without a usable word stays on its own', () => {
    const clusters = clusterQuestions([q('e1', 'u1', '???', 0), q('e2', 'u2', 'why?', 1)]);
    expect(clusters.map((c) => c.members.length)).toEqual([1, 1]);
  });
});
