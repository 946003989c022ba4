import { analyze, analyzeBatch, createAnalyzer, DEFAULT_TAXONOMY, type Taxonomy } from './index.js';

describe('analyze', () => {
  it('reads a customer-service complaint with no negative word as negative', () => {
    const a = analyze('@united on hold for two hours, still no answer');
    expect(a.sentiment.label).toBe('negative');
    expect(a.intent).toBe('complaint');
  });

  it('does not call litotes a complaint: "not bad at all"', () => {
    const a = analyze('Not bad at all, the new app');
    expect(a.sentiment.label).not.toBe('negative');
    expect(a.intent).not.toBe('complaint');
    expect(analyze('No complaints, the crew was great').intent).not.toBe('complaint');
  });

  it('reads sarcastic praise as a negative complaint: "great, another delay"', () => {
    const a = analyze('great, another delay @SouthwestAir');
    expect(a.sentiment.label).toBe('negative');
    expect(a.sentiment.sarcasm).toContain('another delay');
    expect(a.intent).toBe('complaint');
    expect(a.urgency.reasons.map((r) => r.code)).toContain('sarcasm');
  });

  it('does not read sincere praise with a failure word as sarcasm', () => {
    // "again" right after thanks / "fly with you again" is sincere
    expect(analyze('@united thanks again for your help').sentiment.sarcasm).toBeUndefined();
    expect(analyze('@JetBlue thank you for compensating us, we will fly with you again!').sentiment.sarcasm).toBeUndefined();
    // praise that goes on past the opener is sincere
    expect(analyze('@VirginAmerica amazing customer service, again! RaeAnn is the best').sentiment.sarcasm).toBeUndefined();
    expect(analyze('Love the team at the gate, waited for a delayed flight and they made it fun').sentiment.sarcasm).toBeUndefined();
    // but the plain failure after the opener still is
    expect(analyze('great, delayed again @united').sentiment.sarcasm).toContain('delayed');
    expect(analyze('Thanks for the 3 hours on hold').sentiment.sarcasm).toBeDefined();
    // a negated praise word does not count as further praise
    expect(analyze('great, another delay, not happy').sentiment.sarcasm).toContain('another delay');
  });

  it('sees sarcasm markers', () => {
    expect(analyze('Thanks for nothing @united').sentiment.sarcasm).toBeDefined();
    expect(analyze('Love waiting 3 hours for a bag #sarcasm').sentiment.label).toBe('negative');
  });

  it('finds praise, questions and suggestions', () => {
    expect(analyze('Thank you @Delta, the crew was wonderful and the flight was perfect!').intent).toBe('praise');
    expect(analyze('How do I change the email address on my account?').intent).toBe('question');
    expect(analyze('You should add a dark mode to the app, it would be great').intent).toBe('suggestion');
  });

  it('keeps scores in range', () => {
    for (const t of ['I love it!!!', 'worst company ever, I hate you', 'The store opens at 9.']) {
      const a = analyze(t);
      expect(a.sentiment.score).toBeGreaterThanOrEqual(-1);
      expect(a.sentiment.score).toBeLessThanOrEqual(1);
      expect(a.sentiment.confidence).toBeGreaterThan(0);
      expect(a.sentiment.confidence).toBeLessThanOrEqual(1);
      expect(a.urgency.score).toBeGreaterThanOrEqual(0);
      expect(a.urgency.score).toBeLessThanOrEqual(100);
      expect(a.complaintProbability).toBeGreaterThanOrEqual(0);
      expect(a.complaintProbability).toBeLessThanOrEqual(1);
    }
    expect(analyze('I love it, best service ever!').sentiment.score).toBeGreaterThan(0.3);
    expect(analyze('worst company ever, I hate you').sentiment.score).toBeLessThan(-0.3);
  });

  it('is deterministic and JSON-serialisable', () => {
    const ctx = { followers: 120_000, authorRecentPosts: 3, verified: true };
    const t = 'Smoke in the cabin on flight 22 and nobody is answering @united';
    const a = analyze(t, ctx);
    const b = createAnalyzer().analyze(t, ctx);
    expect(b).toEqual(a);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });

  it.each([
    [''],
    ['   '],
    ['😡😡😡'],
    ['<p>Hello <b>world</b></p><script>alert(1)</script>'],
    ['x'.repeat(50_000)],
    ['word '.repeat(5000)],
    ['\u0000\u0001 \uFFFF'],
  ])('never throws on odd input %#', (t) => {
    expect(() => analyze(t)).not.toThrow();
    const a = analyze(t);
    expect(a.urgency.level).toMatch(/low|medium|high|critical/);
  });

  it('batch keeps order and matches single calls', () => {
    const items = [{ text: 'I love this' }, { text: 'my bag is lost', context: { authorRecentPosts: 2 } }, { text: 'hello' }];
    const out = analyzeBatch(items);
    expect(out).toHaveLength(3);
    items.forEach((it, i) => expect(out[i]).toEqual(analyze(it.text, it.context)));
  });
});

describe('category', () => {
  it('uses the default taxonomy', () => {
    expect(analyze('I was charged twice and still have no refund').category.id).toBe('billing');
    expect(analyze('I cannot log in, password reset never arrives').category.id).toBe('account');
    expect(analyze('The app keeps crashing on startup').category.id).toBe('outage');
    expect(analyze('hello there').category.id).toBe('other');
    expect(DEFAULT_TAXONOMY.categories.map((c) => c.id)).toEqual(
      expect.arrayContaining(['billing', 'delivery', 'outage', 'account', 'quality', 'service', 'safety', 'legal', 'pricing']),
    );
  });

  it('uses a workspace taxonomy from the context or the analyzer', () => {
    const taxonomy: Taxonomy = {
      fallback: 'misc',
      categories: [
        { id: 'coffee', name: 'Coffee', keywords: ['latte', 'espresso*'], examples: ['my latte was cold'] },
        { id: 'wifi', name: 'Wi-Fi', keywords: ['wifi', 'wi-fi'], examples: ['the wifi in the store never works'] },
        { id: 'misc', name: 'Misc', keywords: [] },
      ],
    };
    const a = analyze('The espressos were burnt today', { taxonomy });
    expect(a.category).toMatchObject({ id: 'coffee', name: 'Coffee' });
    expect(a.category.matched).toContain('espressos');
    expect(createAnalyzer({ taxonomy }).analyze('wifi down again').category.id).toBe('wifi');
    expect(analyze('nothing to see', { taxonomy }).category.id).toBe('misc');
  });

  it('matches example posts without keywords', () => {
    const taxonomy: Taxonomy = {
      categories: [
        { id: 'parking', name: 'Parking', keywords: [], examples: ['no parking spaces left at the store', 'parking lot full again'] },
        { id: 'music', name: 'Music', keywords: [], examples: ['music too loud in the shop'] },
      ],
    };
    expect(analyze('The parking lot is always full', { taxonomy }).category.id).toBe('parking');
  });

  it('an "a & b" keyword needs both parts', () => {
    const taxonomy: Taxonomy = {
      categories: [
        { id: 'damaged', name: 'Damaged bag', keywords: ['broke* & bag*'] },
        { id: 'other', name: 'Other', keywords: [] },
      ],
    };
    const a = analyze('They broke the handle of my bag', { taxonomy });
    expect(a.category.id).toBe('damaged');
    expect(a.category.matched).toEqual(['broke & bag']);
    expect(analyze('the app is broken', { taxonomy }).category.id).toBe('other');
  });

  it('categorises complaints only when asked to, and complaints exactly as before', () => {
    const complaintsOnly = createAnalyzer({ categorize: 'complaints' });
    const texts = [
      'I was charged twice and still have no refund, this is a scam',
      'The app keeps crashing on startup, fix it',
      'love the new app, the refund was quick',
      'how do I change my password?',
    ];
    for (const t of texts) {
      const full = analyze(t);
      const lean = complaintsOnly.analyze(t);
      if (full.intent === 'complaint') expect(lean.category).toEqual(full.category);
      else expect(lean.category).toEqual({ id: 'other', name: 'Other', confidence: 0, matched: [] });
      expect({ ...lean, category: null }).toEqual({ ...full, category: null });
    }
    expect(texts.map((t) => analyze(t).intent)).toContain('complaint');
    expect(texts.map((t) => analyze(t).intent).some((i) => i !== 'complaint')).toBe(true);
  });

  it('ignores negated keywords', () => {
    expect(analyze('no refund needed, all good').category.id).not.toBe('billing');
  });
});

describe('language, spam and entities', () => {
  it.each([
    ['The flight was delayed and nobody told us what is going on', 'en'],
    ['El vuelo está retrasado y nadie nos dice nada, qué mal servicio', 'es'],
    ['Le vol est en retard et personne ne nous dit rien, merci pour rien', 'fr'],
    ['Der Flug ist verspätet und niemand sagt uns, was los ist', 'de'],
    ['O voo está atrasado e ninguém nos diz nada, muito obrigado', 'pt'],
    ['Il volo è in ritardo e nessuno ci dice niente, grazie mille', 'it'],
    ['Het vliegtuig is te laat en niemand zegt ons iets', 'nl'],
    ['Рейс задерживается, никто ничего не говорит', 'ru'],
    ['フライトが遅れています', 'ja'],
  ])('detects language: %s', (text, code) => {
    expect(analyze(text).language.code).toBe(code);
  });

  it('returns und for no words', () => {
    expect(analyze('😡 123 !!!').language.code).toBe('und');
  });

  it('flags spam and bot-like authors', () => {
    const s = analyze('Follow me and win a free iPhone!!! click here http://a.example http://b.example #giveaway #free #win #iphone #promo');
    expect(s.spam.isSpam).toBe(true);
    expect(s.spam.reasons.length).toBeGreaterThan(0);
    expect(s.urgency.reasons.map((r) => r.code)).toContain('spam');
    expect(analyze('my order has not arrived').spam.isSpam).toBe(false);
    const bot = analyze('check out my profile', { authorRecentPosts: 40 });
    expect(bot.spam.isSpam).toBe(true);
  });

  it('extracts entities with wink-nlp', () => {
    const e = analyze('@united lost my bag 😡 #fail see https://t.co/abc or mail me at a.b@example.com :(').entities;
    expect(e.handles).toEqual(['@united']);
    expect(e.hashtags).toEqual(['#fail']);
    expect(e.urls).toEqual(['https://t.co/abc']);
    expect(e.emails).toEqual(['a.b@example.com']);
    expect(e.emoji).toEqual(expect.arrayContaining(['😡', ':(']));
  });
});
