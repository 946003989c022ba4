import type { AlertEvent } from '@earshot/contracts';
import { alertHeadline, alertMail, alertSlackPayload, describeJump, slackEscape } from './alert-message.util.js';

const alert: AlertEvent = {
  id: '00000000-0000-4000-8000-000000000001',
  seq: 7,
  ruleId: '00000000-0000-4000-8000-000000000002',
  brandId: '00000000-0000-4000-8000-000000000003',
  brandName: 'Acme <!channel> & Co\r\nBcc: evil@example.com',
  category: null,
  metric: 'volume',
  status: 'raised',
  surgeStart: '2026-11-10T14:27:00.000Z',
  raisedAt: '2026-11-10T14:28:00.000Z',
  detectedAt: '2026-11-10T14:30:00.000Z',
  clearedAt: null,
  windowMinutes: 1,
  observed: 67,
  expected: 26.566,
  ratio: 2.522,
  z: 6.05,
  topTerms: [
    { term: '#acmedown', count: 40, baselineCount: 0, score: 9.1 },
    { term: '<@U123>', count: 3, baselineCount: 0, score: 2 },
  ],
  mentionCount: 67,
  historical: false,
  createdAt: '2026-11-10T14:30:00.000Z',
  updatedAt: '2026-11-10T14:30:00.000Z',
  mentions: {
    brandId: '00000000-0000-4000-8000-000000000003',
    category: null,
    postedFrom: '2026-11-10T14:27:00.000Z',
    postedTo: '2026-11-10T14:30:00.000Z',
  },
  inboxPath: '/inbox?status=all',
  incidentPath: '/alerts/00000000-0000-4000-8000-000000000001',
};

describe('alert messages', () => {
  it('names the jump against normal for volume and for the negative share', () => {
    expect(describeJump(alert)).toBe('67 mentions in 1 min against 26.6 expected (×2.5)');
    expect(describeJump({ metric: 'negative_share', observed: 0.81, expected: 0.4, ratio: 2.025, windowMinutes: 60 })).toBe(
      '81 % negative in 1 h against 40 % usually (×2)',
    );
    expect(describeJump({ metric: 'volume', observed: 12, expected: 0, ratio: null, windowMinutes: 15 })).toBe('12 mentions in 15 min against 0 expected');
  });

  it('escapes everything from posts and names for Slack: no <!channel>, no injected link or user mention', () => {
    expect(slackEscape('<!channel> & <https://evil.example|click>')).toBe('&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;');
    const payload = alertSlackPayload(alert, { incident: 'https://earshot.example/alerts/x', inbox: 'https://earshot.example/inbox?status=all' });
    const json = JSON.stringify(payload);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@U123>');
    expect(payload.text).toContain('&lt;!channel&gt; &amp; Co Bcc: evil@example.com');
    expect(payload.text).toContain('<https://earshot.example/alerts/x|Open the incident>');
    expect(payload.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'actions']);
  });

  it('without a public URL the incident path is named in the text, with no button', () => {
    const payload = alertSlackPayload(alert, { incident: null, inbox: null });
    expect(payload.text).toContain('Incident: /alerts/00000000-0000-4000-8000-000000000001');
    expect(payload.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'context']);
  });

  it('the e-mail subject is one line whatever the brand name holds', () => {
    const mail = alertMail(alert, { incident: null, inbox: null });
    expect(mail.subject).toBe('Earshot alert: Acme <!channel> & Co Bcc: evil@example.com: mentions ×2.5 normal');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(alertHeadline({ ...alert, category: 'delivery', metric: 'negative_share' })).toContain('(delivery): negative share ×2.5 normal');
    expect(mail.text).toContain('Open the incident: /alerts/00000000-0000-4000-8000-000000000001');
  });
});
