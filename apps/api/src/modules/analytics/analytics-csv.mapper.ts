import type { ShareOfVoiceReport, TeamFigures, TeamReport, ThemesReport, TopReport, VolumeReport } from '@earshot/contracts';
import type { CsvCell } from './csv.util.js';

/** A CSV's columns and rows, taken from the JSON report of the same query: the numbers are the JSON's, unchanged. */
export interface CsvTable {
  header: string[];
  rows: CsvCell[][];
}

export function volumeCsv(r: VolumeReport): CsvTable {
  return {
    header: ['bucket_start', 'bucket_end', 'label', 'hours', 'total', 'positive', 'neutral', 'negative', 'unscored', 'average_score', 'net_sentiment'],
    rows: r.points.map((p) => [
      p.start,
      p.end,
      p.label,
      p.hours,
      p.total,
      p.sentiment.positive,
      p.sentiment.neutral,
      p.sentiment.negative,
      p.sentiment.unscored,
      p.averageScore,
      p.netSentiment,
    ]),
  };
}

export function themesCsv(r: ThemesReport): CsvTable {
  return {
    header: ['category', 'count', 'share', 'previous_count', 'change_absolute', 'change_percent'],
    rows: r.themes.map((t) => [t.category, t.count, t.share, t.previousCount, t.change.absolute, t.change.percent]),
  };
}

/** One row per bucket and brand, then one `total` row per brand for the whole range. */
export function shareOfVoiceCsv(r: ShareOfVoiceReport): CsvTable {
  const brands = new Map(r.brands.map((b) => [b.brandId, b]));
  return {
    header: ['bucket_start', 'bucket_end', 'label', 'brand_id', 'brand', 'kind', 'count', 'share'],
    rows: [
      ...r.points.flatMap((p) =>
        p.brands.map((b): CsvCell[] => [p.start, p.end, p.label, b.brandId, brands.get(b.brandId)?.name, brands.get(b.brandId)?.kind, b.count, b.share]),
      ),
      ...r.brands.map((b): CsvCell[] => [r.range.from, r.range.to, 'total', b.brandId, b.name, b.kind, b.count, b.share]),
    ],
  };
}

/** Terms, hashtags and authors in one table (`list` tells them apart), then the basis the terms were counted from. */
export function topCsv(r: TopReport): CsvTable {
  return {
    header: ['list', 'rank', 'value', 'count', 'reach', 'author_id', 'display_name', 'platform'],
    rows: [
      ...r.terms.map((t, i): CsvCell[] => ['term', i + 1, t.term, t.count, null, null, null, null]),
      ...r.hashtags.map((t, i): CsvCell[] => ['hashtag', i + 1, t.tag, t.count, null, null, null, null]),
      ...r.authors.map((a, i): CsvCell[] => ['author', i + 1, a.handle, a.mentions, a.reach, a.authorId, a.displayName, a.platform]),
      ['basis', null, 'mentions', r.basis.mentions, null, null, null, null],
      ['basis', null, 'sampled', r.basis.sampled, null, null, null, null],
    ],
  };
}

const TEAM_COLUMNS = [
  'first_response_median_minutes',
  'first_response_p90_minutes',
  'first_response_count',
  'resolution_median_minutes',
  'resolution_p90_minutes',
  'resolution_count',
  'sla_attainment',
  'response_rate',
  'reopen_rate',
  'replies_sent',
  'recovery_authors',
  'recovery_improved',
  'recovery_share',
  'recovery_average_delta',
];

const teamCells = (f: TeamFigures): CsvCell[] => [
  f.firstResponse.medianMinutes,
  f.firstResponse.p90Minutes,
  f.firstResponse.count,
  f.resolution.medianMinutes,
  f.resolution.p90Minutes,
  f.resolution.count,
  f.slaAttainment,
  f.responseRate,
  f.reopenRate,
  f.repliesSent,
  f.sentimentRecovery.authors,
  f.sentimentRecovery.improved,
  f.sentimentRecovery.share,
  f.sentimentRecovery.averageDelta,
];

/** The team's row, then one per person the caller may see (the same rows as the JSON). */
export function teamCsv(r: TeamReport): CsvTable {
  return {
    header: ['scope', 'user_id', 'name', ...TEAM_COLUMNS],
    rows: [['team', null, null, ...teamCells(r.team)], ...r.agents.map((a): CsvCell[] => ['agent', a.userId, a.name, ...teamCells(a)])],
  };
}
