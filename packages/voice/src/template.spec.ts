import { isUneditedRendering, parseTemplate, rankTemplates, renderTemplate, type RankableTemplate } from './template.js';

describe('parseTemplate', () => {
  it('lists the variables used, once, with fallbacks and positions', () => {
    const body = 'Hi {{author.name | "there"}}, {{ agent.first_name }} here. {{author.name}} ^{{agent.signature}}';
    const p = parseTemplate(body);
    expect(p.errors).toEqual([]);
    expect(p.variables).toEqual(['author.name', 'agent.first_name', 'agent.signature']);
    expect(p.placeholders[0]).toEqual({ variable: 'author.name', fallback: 'there', start: 3, end: 28 });
    expect(body.slice(p.placeholders[1]!.start, p.placeholders[1]!.end)).toBe('{{ agent.first_name }}');
  });
  it('names an unknown variable, lists the known ones and suggests the closest', () => {
    const body = 'Hi {{author.nmae}} and {{agent.nickname}}';
    const [a, b] = parseTemplate(body).errors;
    expect(a).toMatchObject({ code: 'unknown_variable', variable: 'author.nmae', start: 3, end: 18 });
    expect(a!.message).toContain('did you mean author.name?');
    expect(a!.message).toContain('author.name, author.handle, agent.first_name, agent.signature, brand.name, mention.url');
    expect(b).toMatchObject({ code: 'unknown_variable', variable: 'agent.nickname', start: 23 });
  });
  it('reports an unclosed {{ with its position', () => {
    expect(parseTemplate('Hi {{author.name, thanks').errors).toEqual([expect.objectContaining({ code: 'unclosed', start: 3, end: 24 })]);
    const p = parseTemplate('Hi {{author.name and {{brand.name}}');
    expect(p.errors).toEqual([expect.objectContaining({ code: 'unclosed', start: 3, end: 21 })]);
    expect(p.variables).toEqual(['brand.name']);
  });
  it('reports bad fallback syntax and empty variables', () => {
    expect(parseTemplate('{{author.name | there}}').errors[0]).toMatchObject({ code: 'bad_fallback', variable: 'author.name', start: 0 });
    expect(parseTemplate('{{author.name | "there}}').errors[0]!.code).toBe('bad_fallback');
    expect(parseTemplate('{{author.name |}}').errors[0]!.code).toBe('bad_fallback');
    expect(parseTemplate('{{ }}').errors[0]!.code).toBe('empty_variable');
  });
  it('accepts single quotes and escaped quotes in fallbacks', () => {
    expect(parseTemplate(`{{author.name | 'friend'}}`).placeholders[0]!.fallback).toBe('friend');
    expect(parseTemplate('{{author.name | "the \\"best\\" you"}}').placeholders[0]!.fallback).toBe('the "best" you');
  });
  it('a body without variables is fine', () => expect(parseTemplate('Thanks so much!')).toEqual({ variables: [], placeholders: [], errors: [] }));
});

describe('renderTemplate', () => {
  const body = 'Hi {{author.name | "there"}}, {{agent.first_name}} from {{brand.name}} here. ^{{agent.signature}}';
  it('fills values', () => {
    expect(renderTemplate(body, { 'author.name': 'Jane', 'agent.first_name': 'Jo', 'brand.name': 'Acme', 'agent.signature': 'JD' })).toEqual({
      ok: true,
      text: 'Hi Jane, Jo from Acme here. ^JD',
    });
  });
  it('uses the fallback when the value is missing or blank', () => {
    const r = renderTemplate(body, { 'author.name': '  ', 'agent.first_name': 'Jo', 'brand.name': 'Acme', 'agent.signature': 'JD' });
    expect(r).toEqual({ ok: true, text: 'Hi there, Jo from Acme here. ^JD' });
  });
  it('fails naming each variable with neither value nor fallback (never an empty hole)', () => {
    const r = renderTemplate(body, { 'agent.first_name': 'Jo', 'author.name': null });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.code, e.variable])).toEqual([
      ['missing_value', 'brand.name'],
      ['missing_value', 'agent.signature'],
    ]);
    expect(r.errors[0]!.message).toContain('{{brand.name}} has no value');
    expect(r.errors[0]!.message).toContain('{{brand.name | "the team"}}');
  });
  it('refuses to render a body with parse errors', () => {
    const r = renderTemplate('Hi {{author.nmae}}', { 'author.name': 'Jane' });
    expect(r.ok).toBe(false);
  });
  it('never re-expands values: an author called {{brand.name}} stays literal', () => {
    const r = renderTemplate('Hi {{author.name}}', { 'author.name': '{{brand.name}} <b>x</b>', 'brand.name': 'Acme' });
    expect(r).toEqual({ ok: true, text: 'Hi {{brand.name}} <b>x</b>' });
  });
});

describe('isUneditedRendering', () => {
  it('ignores whitespace and normalisation only', () => {
    expect(isUneditedRendering(' Hi Jane,\n\nthanks ', 'Hi Jane, thanks')).toBe(true);
    expect(isUneditedRendering('Hi Jose\u0301', 'Hi José')).toBe(true);
    expect(isUneditedRendering('Hi Jane, thanks!', 'Hi Jane, thanks')).toBe(false);
    expect(isUneditedRendering('hi Jane, thanks', 'Hi Jane, thanks')).toBe(false);
  });
});

describe('rankTemplates', () => {
  const t = (title: string, over: Partial<RankableTemplate> = {}): RankableTemplate => ({
    title,
    intents: [],
    categories: [],
    platform: null,
    language: null,
    ...over,
  });
  const templates = [
    t('Generic'),
    t('Praise thanks', { intents: ['praise'] }),
    t('Delivery apology', { intents: ['complaint'], categories: ['delivery'] }),
    t('Complaint apology', { intents: ['complaint'] }),
    t('Billing complaint', { intents: ['complaint'], categories: ['billing'] }),
    t('Delivery apology (X)', { intents: ['complaint'], categories: ['delivery'], platform: 'x' }),
    t('Delivery apology (de)', { intents: ['complaint'], categories: ['delivery'], language: 'de' }),
  ];
  it('puts the templates that fit the mention first, most specific first', () => {
    const ranked = rankTemplates(templates, { intent: 'complaint', category: 'delivery', platform: 'mastodon', language: 'en-GB' });
    expect(ranked.map((r) => [r.template.title, r.fits])).toEqual([
      ['Delivery apology', true],
      ['Complaint apology', true],
      ['Generic', true],
      // Not fitting, closest first: one criterion off, then the wrong category, then the wrong intent.
      ['Delivery apology (de)', false],
      ['Delivery apology (X)', false],
      ['Billing complaint', false],
      ['Praise thanks', false],
    ]);
    expect(ranked[0]!.match).toEqual({ intent: 'exact', category: 'exact', platform: 'any', language: 'any' });
    expect(ranked.find((r) => r.template.title === 'Delivery apology (X)')!.match.platform).toBe('mismatch');
  });
  it('a platform- or language-specific template wins on its own platform/language', () => {
    const x = rankTemplates(templates, { intent: 'complaint', category: 'delivery', platform: 'x', language: 'en' });
    expect(x[0]!.template.title).toBe('Delivery apology (X)');
    const de = rankTemplates(templates, { intent: 'complaint', category: 'delivery', platform: 'bluesky', language: 'de' });
    expect(de[0]!.template.title).toBe('Delivery apology (de)');
    expect(de.find((r) => r.template.title === 'Delivery apology (X)')!.fits).toBe(false);
  });
  it('unknown mention values neither match nor exclude', () => {
    const ranked = rankTemplates(templates, { intent: null, category: null, platform: null, language: null });
    expect(ranked.every((r) => r.fits)).toBe(true);
    expect(ranked[0]!.template.title).toBe('Generic');
  });
});
