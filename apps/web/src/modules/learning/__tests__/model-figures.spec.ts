import type { ModelMetrics } from '@earshot/contracts';
import { describeModelFigures } from '../model-figures';
import { describeRule } from '../components/PhraseRules';

const m = (o: Partial<ModelMetrics>): ModelMetrics => ({
  sentimentMacroF1: null,
  intentMacroF1: null,
  categoryMacroF1: null,
  agreement: null,
  heldOut: 60,
  ...o,
});

describe('describeModelFigures', () => {
  it('says each head before → after on the held-out corrections, leaving out heads nobody labelled', () => {
    expect(describeModelFigures(m({ sentimentMacroF1: 0.71, agreement: 0.64 }), m({ sentimentMacroF1: 0.78, agreement: 0.7 }))).toEqual([
      'agreement with the team 64 % → 70 % on 60 held-out corrections',
      'sentiment macro-F1 0.71 → 0.78 on 60 held-out corrections',
    ]);
  });

  it('writes n/a where only one side has a figure, and one correction in the singular', () => {
    expect(describeModelFigures(m({ heldOut: 1 }), m({ categoryMacroF1: 0.5, heldOut: 1 }))).toEqual(['category macro-F1 n/a → 0.50 on 1 held-out correction']);
  });
});

describe('describeRule', () => {
  it('puts what a rule does in words', () => {
    expect(describeRule({ sentiment: 'neutral', urgency: null, category: null })).toBe('sentiment neutral');
    expect(describeRule({ sentiment: 'ignore', urgency: 'ignore', category: null })).toBe('its tone is ignored; raises no urgency');
  });
});
