import { z } from 'zod';
import { SourcePlatformSchema } from '../listening/source.schema.js';
import { AnalyticsRangeSchema, AnalyticsThemesQuerySchema } from './analytics.schema.js';

/** The most rows a top list may ask for. */
export const ANALYTICS_TOP_MAX_LIMIT = 100;
/** Terms and hashtags are counted over at most this many mentions of the range: its latest by posted time. */
export const ANALYTICS_TOP_SAMPLE = 5000;

/**
 * Query string of `GET /api/analytics/top` (and `/top.csv`): the filters of the other analytics
 * routes (range, brandId, platform, topic, category, includeSpam) and how many rows each list has.
 */
export const AnalyticsTopQuerySchema = AnalyticsThemesQuerySchema.extend({
  limit: z
    .string()
    .regex(/^\d{1,3}$/, { message: `must be a whole number from 1 to ${ANALYTICS_TOP_MAX_LIMIT}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(1, { message: 'must be at least 1' })
        .max(ANALYTICS_TOP_MAX_LIMIT, { message: `must be at most ${ANALYTICS_TOP_MAX_LIMIT}` }),
    )
    .default(20),
});
export type AnalyticsTopQuery = z.input<typeof AnalyticsTopQuerySchema>;
export type AnalyticsTopFilters = z.output<typeof AnalyticsTopQuerySchema>;

/** A word of the mentions' texts (lower-cased; links, @handles, numbers and stop words left out) and how many sampled mentions contain it. */
export const TopTermSchema = z.object({ term: z.string(), count: z.number().int() });
/** A hashtag (lower-cased, without `#`) and how many sampled mentions contain it. */
export const TopHashtagSchema = z.object({ tag: z.string(), count: z.number().int() });
/**
 * An author of mentions in the range. `reach` is their follower count as last seen (0 when the
 * platform did not say); `mentions` counts their mentions in the range that pass the filters.
 */
export const TopAuthorSchema = z.object({
  authorId: z.uuid(),
  handle: z.string(),
  displayName: z.string().nullable(),
  platform: SourcePlatformSchema,
  reach: z.number().int(),
  mentions: z.number().int(),
});
export type TopAuthor = z.infer<typeof TopAuthorSchema>;

export const TopReportSchema = z.object({
  range: AnalyticsRangeSchema,
  /** Most mentions first (alphabetical among equals). Counted once per mention, over the sample (see basis). */
  terms: z.array(TopTermSchema),
  /** Most mentions first (alphabetical among equals), over the same sample. */
  hashtags: z.array(TopHashtagSchema),
  /** Largest reach first, then by handle: exact, over every mention of the range. */
  authors: z.array(TopAuthorSchema),
  /**
   * What the lists were counted from. `mentions`: every mention of the range that passes the
   * filters (the volume report's total for the same query). `sampled`: the mentions whose texts were counted for terms and hashtags, the latest
   * ANALYTICS_TOP_SAMPLE by posted time (all of them when there are fewer; `sampled < mentions`
   * means terms and hashtags describe the end of the range). `sampledFrom`: the posted time of the
   * oldest sampled mention (null: none).
   */
  basis: z.object({ mentions: z.number().int(), sampled: z.number().int(), sampledFrom: z.iso.datetime({ offset: true }).nullable() }),
});
export type TopReport = z.infer<typeof TopReportSchema>;

/** Query string of `GET /api/analytics/team` (and `/team.csv`): the filters of the other analytics routes. */
export const AnalyticsTeamQuerySchema = AnalyticsThemesQuerySchema;
export type AnalyticsTeamQuery = z.input<typeof AnalyticsTeamQuerySchema>;
export type AnalyticsTeamFilters = z.output<typeof AnalyticsTeamQuerySchema>;

/** Median and 90th percentile (continuous, linear between neighbours) of durations, in minutes with one decimal; null when count is 0. */
export const DurationFiguresSchema = z.object({ medianMinutes: z.number().nullable(), p90Minutes: z.number().nullable(), count: z.number().int() });
export type DurationFigures = z.infer<typeof DurationFiguresSchema>;

/**
 * Team performance over the mentions POSTED in the range that pass the filters (spam left out
 * unless includeSpam): "the cohort". Rates are 0..1 with three decimals, null when their
 * denominator is 0. Received = when Earshot stored the mention (the SLA clock's start).
 */
export const TeamFiguresSchema = z.object({
  /** First public reply sent (the mention's first_response_at, stamped when the first reply is sent) − received, per answered mention. */
  firstResponse: DurationFiguresSchema,
  /** Resolved (resolved_at, the latest resolution; reopening clears it) − received, per mention resolved now. */
  resolution: DurationFiguresSchema,
  /**
   * Met / (met + missed) as the SLA module decides: met = first response at or before the due time
   * (received + the target for its urgency); missed = answered after it, marked breached, or still
   * open and unanswered past it. Mentions closed unanswered and unbreached, and open ones not due
   * yet, are left out.
   */
  slaAttainment: z.number().nullable(),
  /** Complaints (the team's corrected intent where set) that got a public reply / complaints. */
  responseRate: z.number().nullable(),
  /**
   * Mentions moved back to new, open or pending after they were resolved / mentions resolved at
   * least once. Status history comes from the audit log (`mention.updated` / `mention.bulk_updated`
   * with a status; a bulk event lists the mentions it changed in `data.ids`) and from replies sent
   * with "resolve".
   */
  reopenRate: z.number().nullable(),
  /** Public replies sent (status sent) to the cohort's mentions. */
  repliesSent: z.number().int(),
  /**
   * For each author of a cohort mention we sent a public reply to, M = the first of those
   * mentions answered (at T, its first response): before = the mean sentiment score (the team's corrected label wins: corrections
   * move the score into the label's range) of their mentions posted in the 7 days up to and
   * including M; after = the same for their mentions posted in the 7 days after T. Spam left out.
   * `authors`: those with scored mentions both before and after; `improved`: after > before;
   * `share` = improved / authors; `averageDelta` = mean of after − before (−2..2, three decimals).
   */
  sentimentRecovery: z.object({
    authors: z.number().int(),
    improved: z.number().int(),
    share: z.number().nullable(),
    averageDelta: z.number().nullable(),
  }),
});
export type TeamFigures = z.infer<typeof TeamFiguresSchema>;

/**
 * One person's figures: over the cohort's mentions they own (whose first public reply they sent,
 * or, unanswered, that are assigned to them); `repliesSent` counts replies they wrote;
 * sentiment recovery the authors whose first answer was theirs.
 */
export const AgentFiguresSchema = TeamFiguresSchema.extend({ userId: z.uuid(), name: z.string() });
export type AgentFigures = z.infer<typeof AgentFiguresSchema>;

export const TeamReportSchema = z.object({
  range: AnalyticsRangeSchema,
  /** The whole team, every role may see it. */
  team: TeamFiguresSchema,
  /**
   * Per person, by name: managers and admins get everyone who can reply (trainee and up) or owns
   * mentions of the cohort; an agent or trainee gets only their own row; a viewer gets none.
   */
  agents: z.array(AgentFiguresSchema),
});
export type TeamReport = z.infer<typeof TeamReportSchema>;
