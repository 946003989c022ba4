import type { ReplyTemplate } from '@earshot/contracts';
import { DEFAULT_VOICE_GUIDE, lintReply, renderTemplate } from '@earshot/voice';
import { addressedReply, authorReference, DEFAULT_HOLDING_STATEMENT, defaultStatusPost, incidentClientKey, pickHoldingTemplate } from './incident-text.util.js';

const template = (over: Partial<ReplyTemplate>): ReplyTemplate => ({
  id: '00000000-0000-4000-8000-000000000000',
  brandId: '00000000-0000-4000-8000-000000000001',
  title: 'T',
  body: 'Thanks {{author.name | "there"}}',
  intents: [],
  categories: [],
  platform: null,
  language: null,
  shortcut: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  ...over,
});

describe('incident texts', () => {
  it('picks the incident/apology template that suits a complaint in the category, an incident title first', () => {
    const order = template({ id: '1', title: 'Order update', intents: ['complaint'], body: 'Your order is on its way, {{author.name | "there"}}.' });
    const apology = template({ id: '2', title: 'Customer care', intents: ['complaint'], body: 'Sorry about this, {{author.name | "there"}}.' });
    const outage = template({ id: '3', title: 'Outage: we know', intents: ['complaint', 'question'], body: 'We know about it.' });
    const billing = template({ id: '4', title: 'Billing outage', intents: ['complaint'], categories: ['billing'], body: 'Sorry, billing is down.' });
    const praise = template({ id: '5', title: 'Sorry (praise)', intents: ['praise'], body: 'Sorry!' });
    expect(pickHoldingTemplate([order, apology, outage, billing, praise], 'delivery')?.id).toBe('3');
    expect(pickHoldingTemplate([order, apology, billing, praise], 'delivery')?.id).toBe('2');
    expect(pickHoldingTemplate([order, apology, billing, praise], 'billing')?.id).toBe('4');
    expect(pickHoldingTemplate([order, praise], null)).toBeNull();
  });

  it('addresses each author: @handle on X, the reference before the sign-off; every author a different text', () => {
    const ref = authorReference('alert-1', 'author-1');
    expect(ref).toMatch(/^[a-z2-9]{5}$/);
    expect(authorReference('alert-1', 'author-1')).toBe(ref);
    expect(authorReference('alert-1', 'author-2')).not.toBe(ref);
    expect(addressedReply('Sorry about this. ^AU', { platform: 'x', handle: 'jane' }, 'abcde', '^AU')).toBe('@jane Sorry about this. (ref abcde) ^AU');
    expect(addressedReply('Hi @Jane, sorry. ^AU', { platform: 'x', handle: 'jane' }, 'abcde', '^AU')).toBe('Hi @Jane, sorry. (ref abcde) ^AU');
    expect(addressedReply('Sorry about this.', { platform: 'mastodon', handle: 'jane@m.example' }, 'abcde', '^AU')).toBe('Sorry about this. (ref abcde)');
    expect(incidentClientKey('a', 'k', 'x')).toMatch(/^inc-[A-Za-z0-9_-]{40}$/);
    expect(incidentClientKey('a', 'k', 'x')).not.toBe(incidentClientKey('a', 'k', 'y'));
  });

  it('the default holding statement and status post pass the default voice guide (no block, no promise)', () => {
    const values = { 'author.name': 'Jane', 'author.handle': 'jane', 'agent.signature': 'AU', 'agent.first_name': 'Ada', 'brand.name': 'Acme' };
    const holding = renderTemplate(`${DEFAULT_HOLDING_STATEMENT} ${DEFAULT_VOICE_GUIDE.signOff}`, values);
    const post = renderTemplate(`${defaultStatusPost('delivery')} ${DEFAULT_VOICE_GUIDE.signOff}`, values);
    if (!holding.ok || !post.ok) throw new Error('render failed');
    expect(post.text).toContain('Acme customers are having a problem with delivery');
    for (const [text, intent] of [
      [addressedReply(holding.text, { platform: 'x', handle: 'jane' }, 'abcde', '^AU'), 'complaint'],
      [post.text, null],
    ] as const) {
      const report = lintReply(text, DEFAULT_VOICE_GUIDE, {
        platform: 'x',
        intent,
        category: 'delivery',
        mentionText: 'my parcel never arrived',
        authorHandle: intent ? 'jane' : null,
        agent: { firstName: 'Ada', signature: 'AU' },
        brandName: 'Acme',
      });
      expect({ text, blocked: report.blocked, approval: report.requiresApproval, findings: report.findings.map((f) => f.ruleId) }).toEqual({
        text,
        blocked: false,
        approval: false,
        findings: [],
      });
    }
  });
});
