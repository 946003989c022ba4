import type { AlertEvent, AlertRule } from '@earshot/contracts';
import { nextId } from '../../../test/factories';

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
