import { CreateTemplateRequestSchema, type Intent } from '@earshot/contracts';
import { DEFAULT_VOICE_GUIDE, lintReply, parseTemplate, renderTemplate } from '@earshot/voice';
import { DEMO_TEMPLATES } from './demo-templates.js';

/** What each demo template's intent would be answering (the linter looks for account or order talk in it). */
const MENTION: Record<Intent, string> = {
  complaint: 'My order #4471 from @acme still has not arrived and nobody answers, this is ridiculous',
  question: 'Does @acme ship to Canada?',
  praise: 'Shout-out to @acme support, they sorted my problem in minutes',
  suggestion: 'acme should add dark mode',
  other: 'acme',
};
/** An outage complaint is about the service, not an order or account: no private channel needed. */
const OUTAGE_MENTION = 'The @acme app has been down all morning, is anyone fixing it?';

describe('demo templates', () => {
  it('are valid requests with bodies that parse, and unique shortcuts', () => {
    for (const t of DEMO_TEMPLATES) {
      const parsed = CreateTemplateRequestSchema.safeParse({ brandId: '5f0c7a3e-8d1b-4c2a-9e6f-0a1b2c3d4e5f', ...t });
      expect({ title: t.title, ok: parsed.success }).toEqual({ title: t.title, ok: true });
      expect({ title: t.title, errors: parseTemplate(t.body).errors }).toEqual({ title: t.title, errors: [] });
    }
    const shortcuts = DEMO_TEMPLATES.map((t) => t.shortcut);
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
  });

  it('cover a complaint with a next step and a DM hand-off, a question, praise and an outage', () => {
    const has = (intent: Intent, category?: string) => DEMO_TEMPLATES.some((t) => t.intents.includes(intent) && (!category || t.categories.includes(category)));
    expect([has('complaint'), has('question'), has('praise'), has('complaint', 'outage')]).toEqual([true, true, true, true]);
    expect(DEMO_TEMPLATES.some((t) => t.intents.includes('complaint') && /\bDM\b/.test(t.body))).toBe(true);
  });

  it('render with or without the author name and pass the shipped voice guide with no finding at all, on every platform', () => {
    const findings: unknown[] = [];
    for (const t of DEMO_TEMPLATES) {
      for (const name of ['Dana', null]) {
        const rendered = renderTemplate(t.body, { 'author.name': name, 'agent.signature': 'DR', 'agent.first_name': 'Dana', 'brand.name': 'Acme' });
        expect(rendered.ok).toBe(true);
        if (!rendered.ok) continue;
        for (const intent of t.intents) {
          for (const platform of ['mastodon', 'bluesky', 'reddit', 'x'] as const) {
            const report = lintReply(rendered.text, DEFAULT_VOICE_GUIDE, {
              platform,
              intent,
              category: t.categories[0] ?? null,
              mentionText: t.categories.includes('outage') ? OUTAGE_MENTION : MENTION[intent],
              authorHandle: 'dana@example.social',
              agent: { firstName: 'Dana', signature: 'DR' },
              brandName: 'Acme',
            });
            for (const f of report.findings) findings.push({ title: t.title, intent, platform, rule: f.ruleId, message: f.message });
          }
        }
      }
    }
    expect(findings).toEqual([]);
    // The check can fail: a cliché-laden draft gets findings from the same call.
    const control = lintReply('We apologize for any inconvenience, valued customer!!!', DEFAULT_VOICE_GUIDE, {
      platform: 'x',
      intent: 'complaint',
      category: null,
      mentionText: MENTION.complaint,
      authorHandle: null,
      agent: { firstName: 'Dana', signature: 'DR' },
      brandName: 'Acme',
    });
    expect(control.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['banned_phrase', 'too_many_exclamations', 'sign_off']));
  });
});
