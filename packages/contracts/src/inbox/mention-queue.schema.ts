import { z } from 'zod';
import { SourcePlatformSchema } from '../listening/source.schema.js';
import { IntentSchema, MENTION_STATUSES, MentionSchema, MentionStatusSchema, SENTIMENT_LABELS, UrgencyLevelSchema } from './mention.schema.js';

/** `a,b,c` in a query string → a validated, de-duplicated list. */
function csv<T extends z.ZodType<string, string>>(item: T) {
  return z
    .string()
    .max(500)
    .transform((s) => [
      ...new Set(
        s
          .split(',')
          .map((p) => p.trim())
          .filter((p) => p.length > 0),
      ),
    ])
    .pipe(z.array(item).min(1, { message: 'must list at least one value' }));
}

/**
 * Spam in a list: `exclude` leaves mentions the model marked as spam out (the default, as in
 * analytics and alerts, so a link from a chart or an alert lists the same mentions), `include`
 * lists them with the rest, `only` lists nothing else.
 */
export const SPAM_FILTERS = ['exclude', 'include', 'only'] as const;
export const SpamFilterSchema = z.enum(SPAM_FILTERS, { message: `must be one of ${SPAM_FILTERS.join(', ')}` });
export type SpamFilter = z.infer<typeof SpamFilterSchema>;

/** A sentiment to filter by: a label, or `unscored` (no label yet; analytics counts these apart). */
export const SENTIMENT_FILTERS = [...SENTIMENT_LABELS, 'unscored'] as const;
export const SentimentFilterSchema = z.enum(SENTIMENT_FILTERS, { message: `must be one of ${SENTIMENT_FILTERS.join(', ')}` });
export type SentimentFilter = z.infer<typeof SentimentFilterSchema>;

const Instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with offset' });

export const QUEUE_SORTS = ['urgency', 'newest', 'waiting', 'sla'] as const;
/** urgency: most urgent first · newest: latest received first · waiting: longest waiting first · sla: soonest SLA due first. */
export const QueueSortSchema = z.enum(QUEUE_SORTS, { message: `must be one of ${QUEUE_SORTS.join(', ')}` });
export type QueueSort = z.infer<typeof QueueSortSchema>;

/** Query string of `GET /api/mentions`. Every filter is optional; lists are comma-separated. */
export const MentionQueueQuerySchema = z.strictObject({
  /** Statuses, or `all` for every status; open work (new, open, pending) when left out. */
  status: z
    .string()
    .max(500)
    .transform((s) => (s.trim() === 'all' ? MENTION_STATUSES.join(',') : s))
    .pipe(csv(MentionStatusSchema))
    .optional(),
  sentiment: csv(SentimentFilterSchema).optional(),
  urgency: csv(UrgencyLevelSchema).optional(),
  minUrgency: z.coerce.number({ message: 'must be a number 0-100' }).int().min(0).max(100).optional(),
  intent: csv(IntentSchema).optional(),
  /** Categories (the team's where corrected); a mention without one counts as `other`, as in analytics. */
  category: csv(z.string().min(1).max(64)).optional(),
  platform: csv(SourcePlatformSchema).optional(),
  /**
   * Brands: mentions that matched a listening query of one of them (a mention of two brands is
   * in both brands' lists), as analytics and alerts count a brand's mentions.
   */
  brandId: csv(z.uuid({ message: 'must be brand ids' })).optional(),
  /** Listening-query topics: mentions with at least one of them. */
  topic: csv(z.string().min(1).max(80)).optional(),
  spam: SpamFilterSchema.default('exclude'),
  /** A user id, or `me`. */
  assignee: z.union([z.literal('me'), z.uuid()], { message: 'must be a user id or "me"' }).optional(),
  unassigned: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .transform((v) => v === 'true')
    .optional(),
  /** Received at or after (ISO 8601). */
  from: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
  /** Received before (ISO 8601). */
  to: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
  /** Posted (the post's own time) at or after; half-open with `postedTo`, like analytics' buckets. */
  postedFrom: Instant.optional(),
  /** Posted before. */
  postedTo: Instant.optional(),
  /** `true`: the first page also says how many mentions match in all (`total`). */
  withTotal: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .transform((v) => v === 'true')
    .default(false),
  /** Full-text search over the post text (words, "phrases", -excluded, OR). */
  q: z.string().trim().min(1).max(200).optional(),
  sort: QueueSortSchema.default('urgency'),
  /** From the previous page's `nextCursor`. */
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number({ message: 'must be a number 1-200' }).int().min(1).max(200).default(50),
});
export type MentionQueueQuery = z.input<typeof MentionQueueQuerySchema>;
export type MentionQueueFilters = z.output<typeof MentionQueueQuerySchema>;

export const MentionPageSchema = z.object({
  items: z.array(MentionSchema),
  nextCursor: z.string().nullable(),
  /** How many mentions match the filters in all, when asked for (`withTotal=true`, first page). */
  total: z.number().int().optional(),
  /** The workspace's change sequence when the page was read: catch up from here with /api/mentions/changes. */
  seq: z.number().int(),
});
export type MentionPage = z.infer<typeof MentionPageSchema>;

export const MentionChangesQuerySchema = z.strictObject({
  since: z.coerce.number({ message: 'must be a sequence number' }).int().min(0),
  limit: z.coerce.number({ message: 'must be a number 1-1000' }).int().min(1).max(1000).default(500),
});
export type MentionChangesQuery = z.input<typeof MentionChangesQuerySchema>;

/** Mentions changed after `since`, in change order. Ask again from `seq` while `hasMore`. */
export const MentionChangesSchema = z.object({
  items: z.array(MentionSchema),
  seq: z.number().int(),
  hasMore: z.boolean(),
});
export type MentionChanges = z.infer<typeof MentionChangesSchema>;

const TagSchema = z.string().trim().min(1, { message: 'tags cannot be empty' }).max(40, { message: 'tags are at most 40 characters' });

export const UpdateMentionRequestSchema = z
  .strictObject({
    status: MentionStatusSchema.optional(),
    assigneeId: z.uuid({ message: 'must be a user id or null' }).nullable().optional(),
    tags: z.array(TagSchema).max(20, { message: 'at most 20 tags' }).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateMentionRequest = z.input<typeof UpdateMentionRequestSchema>;

export const BulkUpdateMentionsRequestSchema = z.strictObject({
  ids: z
    .array(z.uuid({ message: 'must be mention ids' }))
    .min(1, { message: 'select at least one mention' })
    .max(500, { message: 'at most 500 mentions at once' }),
  changes: z
    .strictObject({
      status: MentionStatusSchema.optional(),
      assigneeId: z.uuid({ message: 'must be a user id or null' }).nullable().optional(),
      addTags: z.array(TagSchema).max(20).optional(),
      removeTags: z.array(TagSchema).max(20).optional(),
    })
    .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' }),
});
export type BulkUpdateMentionsRequest = z.input<typeof BulkUpdateMentionsRequestSchema>;

export const BulkUpdateMentionsResponseSchema = z.object({
  /** Mentions changed (ids not found in the workspace are not counted). */
  updated: z.number().int(),
  items: z.array(MentionSchema),
});
export type BulkUpdateMentionsResponse = z.infer<typeof BulkUpdateMentionsResponseSchema>;

export const CreateNoteRequestSchema = z.strictObject({
  body: z.string().trim().min(1, { message: 'is required' }).max(5000, { message: 'at most 5000 characters' }),
});
export type CreateNoteRequest = z.input<typeof CreateNoteRequestSchema>;

export const ClaimRequestSchema = z.strictObject({
  /** Take the claim from another agent (explicit, audited). */
  takeOver: z.boolean().default(false),
});
export type ClaimRequest = z.input<typeof ClaimRequestSchema>;
