import type { AlertEvent, AlertRule, Incident, IncidentAuthor } from '@earshot/contracts';
import { DEFAULT_VOICE_GUIDE } from '@earshot/voice';
import { buildMention, nextId } from '../../../test/factories';

export const ACME_ID = '22222222-2222-4222-8222-222222222222';

/** An alert as the api sends it: Acme's delivery complaints, 6.2× normal, raised and live. */
export function buildAlert(overrides: Partial<AlertEvent> = {}): AlertEvent {
  const id = overrides.id ?? nextId();
  const alert: AlertEvent = {
    id,
    seq: 1,
    ruleId: nextId(),
    brandId: ACME_ID,
    brandName: 'Acme',
    category: 'delivery',
    metric: 'volume',
    status: 'raised',
    surgeStart: '2026-12-05T14:00:00.000Z',
    raisedAt: '2026-12-05T14:04:00.000Z',
    detectedAt: '2026-12-05T14:04:20.000Z',
    clearedAt: null,
    windowMinutes: 15,
    observed: 42,
    expected: 6.8,
    ratio: 6.2,
    z: 9.1,
    topTerms: [
      { term: 'delivery', count: 30 },
      { term: 'late', count: 21 },
      { term: 'refund', count: 12 },
    ],
    mentionCount: 42,
    historical: false,
    createdAt: '2026-12-05T14:04:20.000Z',
    updatedAt: '2026-12-05T14:04:20.000Z',
    mentions: { brandId: ACME_ID, category: 'delivery', postedFrom: '2026-12-05T14:00:00.000Z', postedTo: '2026-12-05T14:05:00.000Z' },
    inboxPath: '',
    incidentPath: `/alerts/${id}`,
    ...overrides,
  };
  return alert;
}

/** The list answer of `GET /api/alerts`. */
export function alertList(alerts: AlertEvent[], seq = Math.max(0, ...alerts.map((a) => a.seq)), hasMore = false) {
  return { alerts, seq, hasMore };
}

export function buildRule(overrides: Partial<AlertRule> = {}): AlertRule {
  return {
    id: nextId(),
    brandId: ACME_ID,
    brandName: 'Acme',
    brandKind: 'own',
    category: null,
    enabled: true,
    metrics: ['volume', 'negative_share'],
    webhookUrl: null,
    email: null,
    state: {
      learning: false,
      learnedFrom: '2026-11-05T00:00:00.000Z',
      watermark: '2026-12-05T14:30:00.000Z',
      raised: false,
      lateMinutes: 0,
      lastRunAt: null,
      lastError: null,
    },
    createdAt: '2026-11-05T00:00:00.000Z',
    updatedAt: '2026-11-05T00:00:00.000Z',
    ...overrides,
  };
}

/** The brand's voice guide as `GET /api/brands/:id/voice` answers: the shipped default. */
export function defaultGuide(brandId = ACME_ID) {
  return { ...DEFAULT_VOICE_GUIDE, brandId, customised: false, updatedAt: null, updatedBy: null };
}

export function buildAuthor(overrides: Partial<IncidentAuthor> = {}): IncidentAuthor {
  return {
    authorId: nextId(),
    handle: 'casey',
    displayName: 'Casey',
    platform: 'mastodon',
    mentionId: nextId(),
    postedAt: '2026-12-05T14:06:00.000Z',
    mentions: 1,
    replied: false,
    replyStatus: null,
    canReply: true,
    cannotReply: null,
    ref: 'k7q2m',
    ...overrides,
  };
}

const STATEMENT = 'Hi {{author.name | "there"}}, I\'m sorry about this. Our team is working on it right now. Please send us a DM if you need help.';

/**
 * Acme's delivery incident: a short series, two groups (one sample's text is markup, to be shown as text), three
 * authors of whom one is answered, the default holding statement and a status post draft for one Mastodon source.
 */
export function buildIncident(alert: AlertEvent = buildAlert(), overrides: Partial<Incident> = {}): Incident {
  const authors = [
    buildAuthor({ handle: 'casey', displayName: 'Casey', ref: 'k7q2m' }),
    buildAuthor({ handle: 'robin', displayName: 'Robin', platform: 'bluesky', ref: 'p3x9a' }),
    buildAuthor({ handle: 'sam', displayName: 'Sam', replied: true, replyStatus: 'sent', ref: 'zz8r4' }),
  ];
  const hostile = buildMention({ text: '<img src=x onerror="alert(1)"> my parcel is late', author: { handle: 'robin' } });
  const preview = `Hi Casey, I'm sorry about this. Our team is working on it right now. Please send us a DM if you need help. (ref k7q2m)`;
  return {
    alert,
    window: { from: '2026-12-05T12:00:00.000Z', to: '2026-12-05T15:00:00.000Z', bucketMinutes: 5 },
    expectedBasis: 'detector',
    series: [
      { start: '2026-12-05T13:50:00.000Z', observed: 2, negative: 1, expected: 2.1 },
      { start: '2026-12-05T13:55:00.000Z', observed: 3, negative: 1, expected: 2.2 },
      { start: '2026-12-05T14:00:00.000Z', observed: 19, negative: 15, expected: 2.3 },
      { start: '2026-12-05T14:05:00.000Z', observed: 23, negative: 18, expected: 2.2 },
    ],
    groups: [
      { key: 'category:delivery', kind: 'category', label: 'Delivery and delays', count: 40, authors: 31, sample: [hostile] },
      { key: 'term:late', kind: 'term', label: '“late”', count: 21, authors: 19, sample: [] },
    ],
    authors,
    holdingStatement: {
      templateId: null,
      templateTitle: null,
      body: STATEMENT,
      preview,
      previewMentionId: authors[0]!.mentionId,
      lint: { findings: [], length: { used: preview.length + 7, max: 500, unit: 'chars' }, blocked: false, requiresApproval: false },
    },
    statusPostDraft: {
      body: 'We know some Acme customers are having a problem with delivery right now. Our team is working on it.',
      lint: { findings: [], length: { used: 101, max: 500, unit: 'chars' }, blocked: false, requiresApproval: false },
    },
    statusPosts: [],
    statusPostSources: [{ id: '33333333-3333-4333-8333-333333333333', name: 'Acme on Mastodon', platform: 'mastodon', suggested: true }],
    counts: { mentions: 42, authors: 3, negative: 33, replied: 1, toAnswer: 2 },
    ...overrides,
  };
}
