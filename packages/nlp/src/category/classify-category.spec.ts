import { createAnalyzer, type Taxonomy } from '../index.js';

describe('classifyCategory with unlabeled background posts', () => {
  const background = [
    ...Array.from({ length: 15 }, (_, i) => `my flight ${i} was delayed again at the gate`),
    ...Array.from({ length: 15 }, (_, i) => `lost my suitcase number ${i} at baggage claim`),
    ...Array.from({ length: 10 }, (_, i) => `nice flight ${i}, thanks for the help`),
  ];
  const taxonomy: Taxonomy = {
    categories: [
      { id: 'late', name: 'Late flight', keywords: ['delay*', 'late'], examples: ['Flight delayed three hours at the gate'] },
      { id: 'bags', name: 'Lost luggage', keywords: ['suitcase*', 'baggage'], examples: ['They lost my bag, nothing at baggage claim'] },
      { id: 'other', name: 'Other', keywords: [] },
    ],
    fallback: 'other',
    background,
  };
  const a = createAnalyzer({ taxonomy });

  it('still finds categories from keywords and examples', () => {
    expect(a.analyze('stuck at the gate, delayed for hours').category.id).toBe('late');
    expect(a.analyze('where is my suitcase?').category.id).toBe('bags');
    expect(a.analyze('hello there').category.id).toBe('other');
  });

  it('is deterministic', () => {
    const again = createAnalyzer({ taxonomy: { ...taxonomy } });
    const t = 'the gate agent said my baggage was delayed';
    expect(again.analyze(t).category).toEqual(a.analyze(t).category);
  });
});
