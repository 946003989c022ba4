import type { FixOutcome, RepresentativeMention, RootCauseBoard, RootCauseDetail, RootCausePeriod, RootCauseRow } from '@earshot/contracts';
import { nextId } from '../../../test/factories';
import { addDays, todayIn } from '../period';

export const TODAY = todayIn('Europe/Berlin');

export function buildPeriod(days = 28, to = TODAY): RootCausePeriod {
  const from = addDays(to, -(days - 1));
  return { from, to, previousFrom: addDays(from, -days), previousTo: addDays(from, -1), days, timeZone: 'Europe/Berlin' };
}

/** One day per day of the period; `volumes` from the first day (missing days are quiet). */
export function buildSeries(period: RootCausePeriod, volumes: number[] = []) {
  return Array.from({ length: period.days }, (_, i) => {
    const volume = volumes[i] ?? 0;
    const negative = Math.round(volume * 0.5);
    return { date: addDays(period.from, i), volume, negative, negativeShare: volume === 0 ? null : negative / volume };
  });
}

export function buildRepresentative(overrides: Partial<RepresentativeMention> = {}): RepresentativeMention {
  return {
    id: nextId(),
    platform: 'mastodon',
    text: 'My parcel is two weeks late',
    url: 'https://mastodon.social/@casey/1',
    postedAt: '2026-12-01T10:00:00.000Z',
    authorHandle: 'casey',
    authorFollowers: 1200,
    sentimentLabel: 'negative',
    urgencyScore: 70,
    ...overrides,
  };
}

export function buildRow(overrides: Partial<RootCauseRow> = {}, period = buildPeriod()): RootCauseRow {
  return {
    category: 'delivery',
    series: buildSeries(period, [1, 2, 3, 4]),
    total: 10,
    previousTotal: 8,
    change: { absolute: 2, percent: 25 },
    negativeShare: 0.6,
    previousNegativeShare: 0.5,
    authorsAffected: 7,
    reach: 12_400,
    representatives: [buildRepresentative()],
    owner: { department: 'Logistics', email: 'logistics@example.com' },
    status: { status: 'open', note: null, fixShippedAt: null, setBy: null, setAt: null },
    ...overrides,
  };
}

export function buildBoard(rows: RootCauseRow[], period = buildPeriod()): RootCauseBoard {
  return { period, categories: rows };
}

export function buildFix(overrides: Partial<FixOutcome> = {}): FixOutcome {
  return {
    fixShippedAt: addDays(TODAY, -9),
    daysSinceFix: 9,
    windowDays: 9,
    recurrence: { beforePerDay: 12.1, afterPerDay: 4.4, changePercent: -63.6 },
    recovery: {
      authorsBefore: 11,
      authorsWroteAgain: 11,
      noLongerNegative: 7,
      before: { negativeShare: 0.9, meanSentiment: -0.6 },
      after: { negativeShare: 0.3, meanSentiment: 0.1 },
    },
    verdict: 'worked',
    sentence:
      'Complaints about delivery fell 64 % in the 9 days after the fix (12.1 → 4.4 a day), and 7 of the 11 authors who complained and wrote again were no longer negative: the fix looks like it worked.',
    ...overrides,
  };
}

export function buildDetail(row: RootCauseRow = buildRow(), overrides: Partial<Omit<RootCauseDetail, keyof RootCauseRow>> = {}): RootCauseDetail {
  return { ...row, period: buildPeriod(), history: [], fix: null, ...overrides };
}
