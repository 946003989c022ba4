import { z } from 'zod';
import { BrandKindSchema } from '../listening/brand.schema.js';
import { SourcePlatformSchema } from '../listening/source.schema.js';

/** `a,b,c` in a query string → a validated, de-duplicated list. */
function csv<T extends z.ZodType<string, string>>(item: T) {
  return z
    .string()
    .max(2000)
    .transform((s) => [
      ...new Set(
        s
          .split(',')
          .map((p) => p.trim())
          .filter((p) => p.length > 0),
      ),
    ])
    .pipe(z.array(item).min(1, { message: 'must list at least one value' }).max(50, { message: 'must list at most 50 values' }));
}

export const ANALYTICS_BUCKETS = ['hour', 'day', 'week'] as const;
export const AnalyticsBucketSchema = z.enum(ANALYTICS_BUCKETS, { message: `must be one of ${ANALYTICS_BUCKETS.join(', ')}` });
export type AnalyticsBucket = z.infer<typeof AnalyticsBucketSchema>;

/** The longest range a query may cover, and the longest one with hour buckets. */
export const ANALYTICS_MAX_DAYS = 400;
export const ANALYTICS_MAX_HOUR_BUCKET_DAYS = 31;

/**
 * A range end: a calendar day `YYYY-MM-DD` (local midnight in the workspace's time zone) or an
 * ISO 8601 instant with its offset. Ranges are half-open: `from` counts, `to` does not.
 */
const RangeEndSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  message: 'must be a date (YYYY-MM-DD, local to the workspace) or an ISO 8601 date-time with offset',
});

const filters = {
  from: RangeEndSchema,
  to: RangeEndSchema,
  /** Mentions that matched a listening query of one of these brands. */
  brandId: csv(z.uuid({ message: 'must be a brand id' })).optional(),
  platform: csv(SourcePlatformSchema).optional(),
  /** Listening-query topics. */
  topic: csv(z.string().min(1).max(80)).optional(),
  /** Categories (the team's corrected one where set). */
  category: csv(z.string().min(1).max(64)).optional(),
  includeSpam: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .transform((v) => v === 'true')
    .default(false),
};

/** Query string of `GET /api/analytics/volume` and `/share-of-voice`. */
export const AnalyticsSeriesQuerySchema = z.strictObject({ ...filters, bucket: AnalyticsBucketSchema.default('day') });
export type AnalyticsSeriesQuery = z.input<typeof AnalyticsSeriesQuerySchema>;
export type AnalyticsSeriesFilters = z.output<typeof AnalyticsSeriesQuerySchema>;

/** Query string of `GET /api/analytics/themes`. */
export const AnalyticsThemesQuerySchema = z.strictObject(filters);
export type AnalyticsThemesQuery = z.input<typeof AnalyticsThemesQuerySchema>;
export type AnalyticsThemesFilters = z.output<typeof AnalyticsThemesQuerySchema>;

/** The resolved range: instants, and the zone the buckets are cut in. */
export const AnalyticsRangeSchema = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  timeZone: z.string(),
});
export type AnalyticsRange = z.infer<typeof AnalyticsRangeSchema>;

/**
 * One bucket: its start and end as instants, and its local label in the workspace's zone
 * (`2026-10-25` for a day or a week — weeks start on Monday — and `2026-10-25T02:00+01:00` for an
 * hour, whose offset tells the two 02:00 hours of a autumn DST night apart). `hours` is 23 or 25
 * for a day of a daylight-saving change.
 */
export const AnalyticsBucketInfoSchema = z.object({
  start: z.iso.datetime({ offset: true }),
  end: z.iso.datetime({ offset: true }),
  label: z.string(),
  hours: z.number(),
});

export const SentimentCountsSchema = z.object({
  positive: z.number().int(),
  neutral: z.number().int(),
  negative: z.number().int(),
  /** Not scored (yet). */
  unscored: z.number().int(),
});
export type SentimentCounts = z.infer<typeof SentimentCountsSchema>;

/**
 * Volume and sentiment in one bucket. Labels are the team's corrected ones where set.
 * `netSentiment` = % positive − % negative of the scored mentions, -100..100, one decimal (null: none scored).
 * `averageScore` is the model's mean score, -1..1, three decimals (null: none scored).
 */
export const VolumePointSchema = AnalyticsBucketInfoSchema.extend({
  total: z.number().int(),
  sentiment: SentimentCountsSchema,
  averageScore: z.number().nullable(),
  netSentiment: z.number().nullable(),
});
export type VolumePoint = z.infer<typeof VolumePointSchema>;

export const VolumeReportSchema = z.object({
  range: AnalyticsRangeSchema,
  bucket: AnalyticsBucketSchema,
  /** Every bucket of the range, zero-filled, oldest first. */
  points: z.array(VolumePointSchema),
  /** The whole range in one. */
  totals: z.object({
    total: z.number().int(),
    sentiment: SentimentCountsSchema,
    averageScore: z.number().nullable(),
    netSentiment: z.number().nullable(),
  }),
});
export type VolumeReport = z.infer<typeof VolumeReportSchema>;

/** Complaints of one category: count, share of all complaints (0..1, three decimals), change vs the previous period. */
export const ThemeSchema = z.object({
  category: z.string(),
  count: z.number().int(),
  share: z.number(),
  previousCount: z.number().int(),
  /** percent: null when the previous period had none. */
  change: z.object({ absolute: z.number().int(), percent: z.number().nullable() }),
});
export type Theme = z.infer<typeof ThemeSchema>;

export const ThemesReportSchema = z.object({
  range: AnalyticsRangeSchema,
  /** The period of equal length just before. */
  previous: z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }),
  totalComplaints: z.number().int(),
  previousTotalComplaints: z.number().int(),
  /** Most complaints first (alphabetical among equals); categories with complaints in either period. */
  themes: z.array(ThemeSchema),
});
export type ThemesReport = z.infer<typeof ThemesReportSchema>;

/** A brand's mentions: those that matched one of its listening queries (a mention of two brands counts for both). */
export const BrandVoiceSchema = z.object({
  brandId: z.uuid(),
  name: z.string(),
  kind: BrandKindSchema,
  count: z.number().int(),
  /** count / the sum of every listed brand's count, 0..1, three decimals (null: no mentions at all). */
  share: z.number().nullable(),
});
export type BrandVoice = z.infer<typeof BrandVoiceSchema>;

export const ShareOfVoicePointSchema = AnalyticsBucketInfoSchema.extend({
  brands: z.array(z.object({ brandId: z.uuid(), count: z.number().int(), share: z.number().nullable() })),
});

export const ShareOfVoiceReportSchema = z.object({
  range: AnalyticsRangeSchema,
  bucket: AnalyticsBucketSchema,
  /** Own brands first, then competitors; each by name. */
  brands: z.array(BrandVoiceSchema),
  /** The own brands' share together (null: no mentions). */
  ownShare: z.number().nullable(),
  points: z.array(ShareOfVoicePointSchema),
});
export type ShareOfVoiceReport = z.infer<typeof ShareOfVoiceReportSchema>;
