import { createAnalyzer, validatePhraseRule, type PhraseRule, type Taxonomy } from '../index.js';

describe('phrase rules', () => {
  const shipped = createAnalyzer();

  it("'ignore' takes the phrase's own sentiment out, and leaves the rest of the post", () => {
    const rules: PhraseRule[] = [{ phrase: 'war zone', sentiment: 'ignore' }];
    const a = createAnalyzer({ phraseRules: rules });
    const t = 'The new map is a war zone';
    const masked = shipped.analyze('The new map is a');
    expect(a.analyze(t).sentiment).toEqual(masked.sentiment);
    expect(a.analyze(t).sentiment.score).toBeGreaterThan(shipped.analyze(t).sentiment.score);
    // the rest of the post still counts: an angry post stays negative
    expect(a.analyze('The new map is a war zone and I hate this awful broken game').sentiment.label).toBe('negative');
    // matched on whole words, case-insensitively; other posts are untouched
    expect(a.analyze('WAR ZONE in ranked tonight').sentiment).toEqual(shipped.analyze('in ranked tonight').sentiment);
    expect(a.analyze('warzone').sentiment).toEqual(shipped.analyze('warzone').sentiment);
    expect(a.analyze('my flight was cancelled').sentiment).toEqual(shipped.analyze('my flight was cancelled').sentiment);
  });

  it('a sentiment label sets the label when the phrase is present', () => {
    const a = createAnalyzer({ phraseRules: [{ phrase: 'war zone', sentiment: 'neutral' }] });
    const r = a.analyze('Season 3: the war zone is back');
    expect(r.sentiment.label).toBe('neutral');
    expect(r.sentiment.confidence).toBe(1);
    expect(r.sentiment.score).toBe(0);
    const p = createAnalyzer({ phraseRules: [{ phrase: 'sick', sentiment: 'positive' }] }).analyze('that boss fight is sick');
    expect(p.sentiment.label).toBe('positive');
    expect(p.sentiment.score).toBeGreaterThan(0);
    // the first matching rule in the list wins
    const both = createAnalyzer({
      phraseRules: [
        { phrase: 'sick', sentiment: 'positive' },
        { phrase: 'boss', sentiment: 'negative' },
      ],
    });
    expect(both.analyze('that boss is sick').sentiment.label).toBe('positive');
  });

  it("urgency 'ignore' stops the phrase raising an urgency reason", () => {
    const t = 'This killer feature is going to explode, the bomb of the year';
    const before = shipped.analyze(t).urgency.reasons.map((r) => r.code);
    expect(before.length).toBeGreaterThan(0);
    const a = createAnalyzer({
      phraseRules: [
        { phrase: 'killer', urgency: 'ignore' },
        { phrase: 'explode', urgency: 'ignore' },
        { phrase: 'bomb', urgency: 'ignore' },
      ],
    });
    const after = a.analyze(t).urgency;
    expect(after.score).toBeLessThanOrEqual(shipped.analyze(t).urgency.score);
    for (const r of after.reasons) expect(r.triggers.join(' ')).not.toMatch(/killer|explode|bomb/i);
  });

  it('a category rule puts the post in that category', () => {
    const taxonomy: Taxonomy = {
      categories: [
        { id: 'servers', name: 'Servers', keywords: ['lag*'] },
        { id: 'other', name: 'Other', keywords: [] },
      ],
      fallback: 'other',
    };
    const a = createAnalyzer({ taxonomy, phraseRules: [{ phrase: 'rubber banding', category: 'servers' }] });
    const c = a.analyze('so much rubber banding tonight').category;
    expect(c).toEqual({ id: 'servers', name: 'Servers', confidence: 1, matched: ['rubber banding'] });
    // contractions and capitals as the rule lists see them: "can't" = "cant" = "can not"
    const login = createAnalyzer({ taxonomy, phraseRules: [{ phrase: "can't connect", category: 'servers' }] });
    expect(login.analyze('I CANT connect since the patch').category.id).toBe('servers');
    expect(login.analyze('I can connect since the patch').category.id).toBe('other');
    expect(login.analyze("Can't connect since the patch").category.id).toBe('servers');
    expect(login.analyze('I cannot connect since the patch').category.id).toBe('servers');
    // an id the taxonomy does not have is ignored
    const b = createAnalyzer({ taxonomy, phraseRules: [{ phrase: 'rubber banding', category: 'gone' }] });
    expect(b.analyze('so much rubber banding tonight').category.id).toBe('other');
  });
});

describe('validatePhraseRule', () => {
  it('accepts good rules', () => {
    expect(validatePhraseRule({ phrase: 'war zone', sentiment: 'ignore' })).toEqual([]);
    expect(validatePhraseRule({ phrase: 'killer feature', urgency: 'ignore', sentiment: 'positive' })).toEqual([]);
    expect(validatePhraseRule({ phrase: "can't log in", category: 'login' }, ['login'])).toEqual([]);
  });

  it('says what is wrong in plain words', () => {
    expect(validatePhraseRule('war zone')).toEqual(['A phrase rule must be an object with a phrase and what the phrase means.']);
    expect(validatePhraseRule({ sentiment: 'neutral' })).toEqual(['The phrase is missing: write the words the rule is about, e.g. "war zone".']);
    expect(validatePhraseRule({ phrase: '  ', sentiment: 'neutral' })[0]).toMatch(/phrase is missing/);
    expect(validatePhraseRule({ phrase: 'x'.repeat(101), sentiment: 'neutral' })).toEqual(['The phrase is too long: at most 100 characters.']);
    expect(validatePhraseRule({ phrase: 'a b c d e f g h i', sentiment: 'neutral' })).toEqual(['The phrase is too long: at most 8 words.']);
    expect(validatePhraseRule({ phrase: 'refund*', sentiment: 'neutral' })[0]).toMatch(/cannot use "\*"/);
    expect(validatePhraseRule({ phrase: '!!!', sentiment: 'neutral' })).toEqual(['The phrase needs at least one word made of letters or digits.']);
    expect(validatePhraseRule({ phrase: 'war zone', sentiment: 'happy' })).toEqual([
      'The sentiment must be one of negative, neutral, positive or ignore (the phrase itself carries no sentiment).',
    ]);
    expect(validatePhraseRule({ phrase: 'war zone', urgency: 'high' })).toEqual(['The urgency can only be ignore (the phrase raises no urgency reason).']);
    expect(validatePhraseRule({ phrase: 'war zone', category: 'nope' }, ['login'])).toEqual(['"nope" is not one of the workspace\'s categories.']);
    expect(validatePhraseRule({ phrase: 'war zone' })).toEqual(['The rule does nothing: give it a sentiment, an urgency or a category.']);
    expect(validatePhraseRule({ phrase: 'war zone', sentiment: 'neutral', weight: 3 })).toEqual([
      '"weight" is not a field of a phrase rule (it has phrase, sentiment, urgency and category).',
    ]);
  });
});
