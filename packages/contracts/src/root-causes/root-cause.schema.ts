import { z } from 'zod';
import { SentimentLabelSchema, UserRefSchema } from '../inbox/mention.schema.js';
import { SourcePlatformSchema } from '../listening/source.schema.js';

/**
 * Owners and the root-cause board (issue 14). Per complaint category (the NLP taxonomy's ids, stored in
 * `mention.category` for complaints): an owning department, a status the owner sets, and the board's
 * figures — volume and negative share per day, change against the previous period, authors affected,
 * reach, diverse representative mentions; after a fix, recurrence and recovery with a plain verdict.
 */

/** The default taxonomy's categories (packages/nlp `DEFAULT_TAXONOMY`, fallback `other`); a workspace model may add more. */
export const DEFAULT_ROOT_CAUSE_CATEGORIES = ['billing', 'delivery', 'outage', 'account', 'quality', 'service', 'safety', 'legal', 'pricing', 'other'] as const;

/** A category id: lower-case letters, digits, `_` or `-`. */
export const RootCauseCategorySchema = z
  .string({ message: 'must be a category id' })
  .regex(/^[a-z][a-z0-9_-]{0,63}$/, { message: 'must be a category id such as delivery (lower-case letters, digits, _ or -)' });
export const CategoryParamsSchema = z.strictObject({ category: RootCauseCategorySchema });
export type CategoryParams = z.infer<typeof CategoryParamsSchema>;

/** A calendar day, `YYYY-MM-DD`, in the workspace's time zone (UTC when it has none). */
export const CalendarDateSchema = z.iso.date({ message: 'must be a date such as 2026-12-05' });

export const ROOT_CAUSE_STATUSES = ['open', 'investigating', 'fix_shipped'] as const;
export const RootCauseStatusValueSchema = z.enum(ROOT_CAUSE_STATUSES, { message: `must be one of ${ROOT_CAUSE_STATUSES.join(', ')}` });
export type RootCauseStatusValue = z.infer<typeof RootCauseStatusValueSchema>;

// ---- Owners ---------------------------------------------------------------------------------------------

/** `GET /api/root-causes/owners` (managers and admins). */
export const CategoryOwnerSchema = z.object({
  category: z.string(),
  department: z.string(),
  email: z.string(),
  /** https (http only to loopback in tests); POSTed `root_cause.status` events through the guarded fetch. */
  webhookUrl: z.string().nullable(),
  updatedAt: z.iso.datetime(),
});
export type CategoryOwner = z.infer<typeof CategoryOwnerSchema>;
export const CategoryOwnerListSchema = z.object({ items: z.array(CategoryOwnerSchema) });
export type CategoryOwnerList = z.infer<typeof CategoryOwnerListSchema>;

/** `PUT /api/root-causes/owners/:category` (managers and admins). */
export const PutCategoryOwnerRequestSchema = z.strictObject({
  department: z.string({ message: 'must be text' }).trim().min(1, { message: 'is required' }).max(120, { message: 'must be at most 120 characters' }),
  /** Exactly one address, no display name, no line breaks. */
  email: z
    .string({ message: 'must be an e-mail address' })
    .trim()
    .max(254, { message: 'must be at most 254 characters' })
    .pipe(z.email({ message: 'must be one e-mail address such as ops@example.com' })),
  webhookUrl: z
    .string({ message: 'must be a URL' })
    .trim()
    .max(2000, { message: 'must be at most 2,000 characters' })
    .pipe(z.url({ message: 'must be an https URL', protocol: /^https?$/ }))
    .nullable()
    .optional(),
});
export type PutCategoryOwnerRequest = z.input<typeof PutCategoryOwnerRequestSchema>;

/** The owner as the board shows it (no webhook URL). */
export const BoardOwnerSchema = z.object({ department: z.string(), email: z.string() });
export type BoardOwner = z.infer<typeof BoardOwnerSchema>;

// ---- Status ---------------------------------------------------------------------------------------------

/** `PUT /api/root-causes/:category/status` (managers, admins) and `PUT /api/share/root-causes/:token/status/:category` (the owner). */
export const SetRootCauseStatusRequestSchema = z
  .strictObject({
    status: RootCauseStatusValueSchema,
    note: z.string({ message: 'must be text' }).trim().max(2000, { message: 'must be at most 2,000 characters' }).optional(),
    /** Required for `fix_shipped`; not in the future (checked by the api in the workspace's time zone). */
    fixShippedAt: CalendarDateSchema.optional(),
  })
  .refine((b) => b.status !== 'fix_shipped' || b.fixShippedAt !== undefined, {
    message: 'is required when the status is fix_shipped: the day the fix went out',
    path: ['fixShippedAt'],
  })
  .refine((b) => b.status === 'fix_shipped' || b.fixShippedAt === undefined, {
    message: 'is only for the status fix_shipped',
    path: ['fixShippedAt'],
  });
export type SetRootCauseStatusRequest = z.input<typeof SetRootCauseStatusRequestSchema>;

/** Who set a status: a user of the desk, or the owner through a share link. */
export const StatusSetBySchema = z.object({
  kind: z.enum(['user', 'share_link']),
  /** The user's name, or the owner's department for a share link. */
  name: z.string(),
  userId: z.uuid().nullable(),
});
export type StatusSetBy = z.infer<typeof StatusSetBySchema>;

export const RootCauseStatusSchema = z.object({
  status: RootCauseStatusValueSchema,
  note: z.string().nullable(),
  fixShippedAt: CalendarDateSchema.nullable(),
  /** Null while the category was never given a status (it is `open`). */
  setBy: StatusSetBySchema.nullable(),
  setAt: z.iso.datetime().nullable(),
});
export type RootCauseStatus = z.infer<typeof RootCauseStatusSchema>;

export const RootCauseStatusHistoryEntrySchema = z.object({
  id: z.uuid(),
  status: RootCauseStatusValueSchema,
  note: z.string().nullable(),
  fixShippedAt: CalendarDateSchema.nullable(),
  setBy: StatusSetBySchema,
  setAt: z.iso.datetime(),
});
export type RootCauseStatusHistoryEntry = z.infer<typeof RootCauseStatusHistoryEntrySchema>;

// ---- Board ----------------------------------------------------------------------------------------------

/** `GET /api/root-causes?from=&to=`: both inclusive days; default the last 28 days (ending today) vs the 28 before. */
export const RootCauseBoardQuerySchema = z
  .strictObject({ from: CalendarDateSchema.optional(), to: CalendarDateSchema.optional() })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'must not be after to', path: ['from'] });
export type RootCauseBoardQuery = z.input<typeof RootCauseBoardQuerySchema>;

export const RootCausePeriodSchema = z.object({
  from: CalendarDateSchema,
  to: CalendarDateSchema,
  /** The period of the same length just before. */
  previousFrom: CalendarDateSchema,
  previousTo: CalendarDateSchema,
  days: z.number().int(),
  timeZone: z.string(),
});
export type RootCausePeriod = z.infer<typeof RootCausePeriodSchema>;

/** One day of a category: complaints and how many of them were negative. */
export const RootCauseDayPointSchema = z.object({
  date: CalendarDateSchema,
  volume: z.number().int(),
  negative: z.number().int(),
  /** negative / volume, 0..1; null on a day without complaints. */
  negativeShare: z.number().nullable(),
});
export type RootCauseDayPoint = z.infer<typeof RootCauseDayPointSchema>;

/** A representative complaint: picked by urgency, different authors, no near-duplicate texts. */
export const RepresentativeMentionSchema = z.object({
  id: z.uuid(),
  platform: SourcePlatformSchema,
  /** Attacker-controlled: render as text. */
  text: z.string(),
  /** Attacker-controlled: link only when http(s). */
  url: z.string().nullable(),
  postedAt: z.iso.datetime(),
  authorHandle: z.string(),
  authorFollowers: z.number().int().nullable(),
  sentimentLabel: SentimentLabelSchema.nullable(),
  urgencyScore: z.number().int().nullable(),
});
export type RepresentativeMention = z.infer<typeof RepresentativeMentionSchema>;

export const RootCauseRowSchema = z.object({
  category: z.string(),
  /** The days of the period, each present (zero when quiet). */
  series: z.array(RootCauseDayPointSchema),
  total: z.number().int(),
  previousTotal: z.number().int(),
  change: z.object({
    absolute: z.number().int(),
    /** Null when the previous period had none. */
    percent: z.number().nullable(),
  }),
  /** 0..1 over the period; null without complaints. */
  negativeShare: z.number().nullable(),
  previousNegativeShare: z.number().nullable(),
  /** Distinct authors who complained in the period. */
  authorsAffected: z.number().int(),
  /** Sum of those distinct authors' followers (unknown counts as 0). */
  reach: z.number().int(),
  representatives: z.array(RepresentativeMentionSchema),
  owner: BoardOwnerSchema.nullable(),
  status: RootCauseStatusSchema,
});
export type RootCauseRow = z.infer<typeof RootCauseRowSchema>;

export const RootCauseBoardSchema = z.object({
  period: RootCausePeriodSchema,
  /** Every category with complaints in either period, an owner or a status; by volume, highest first. */
  categories: z.array(RootCauseRowSchema),
});
export type RootCauseBoard = z.infer<typeof RootCauseBoardSchema>;

export const FIX_VERDICTS = ['worked', 'not_fallen', 'mixed', 'too_early', 'no_data'] as const;
export const FixVerdictSchema = z.enum(FIX_VERDICTS);
export type FixVerdict = z.infer<typeof FixVerdictSchema>;

/** After a fix shipped: did the complaints stop, and did the people who complained recover? */
export const FixOutcomeSchema = z.object({
  fixShippedAt: CalendarDateSchema,
  /** Full days after the fix day that are over (neither the fix day nor today counted: both are partial). */
  daysSinceFix: z.number().int(),
  /** N = min(14, daysSinceFix): days compared on each side of the fix. */
  windowDays: z.number().int(),
  /** The category's mean daily volume in the N days before the fix day vs the N days after it (the fix day left out); null when N is 0. */
  recurrence: z
    .object({
      beforePerDay: z.number(),
      afterPerDay: z.number(),
      /** Null when there were none before. */
      changePercent: z.number().nullable(),
    })
    .nullable(),
  /**
   * The authors who complained in the category in the 28 days before the fix day: of those who wrote again after it,
   * their later mentions (any topic, from the day after the fix) vs their own mentions in those 28 days. Null when nobody complained.
   */
  recovery: z
    .object({
      authorsBefore: z.number().int(),
      authorsWroteAgain: z.number().int(),
      /** Of those who wrote again: how many have no negative mention after the fix. */
      noLongerNegative: z.number().int(),
      before: z.object({ negativeShare: z.number().nullable(), meanSentiment: z.number().nullable() }),
      after: z.object({ negativeShare: z.number().nullable(), meanSentiment: z.number().nullable() }),
    })
    .nullable(),
  verdict: FixVerdictSchema,
  /** The verdict in one plain sentence ("Complaints about delivery fell 64 % in the 9 days after the fix …"). */
  sentence: z.string(),
});
export type FixOutcome = z.infer<typeof FixOutcomeSchema>;

/** `GET /api/root-causes/:category?from=&to=` */
export const RootCauseDetailSchema = RootCauseRowSchema.extend({
  period: RootCausePeriodSchema,
  history: z.array(RootCauseStatusHistoryEntrySchema),
  /** Null until the status is fix_shipped. */
  fix: FixOutcomeSchema.nullable(),
});
export type RootCauseDetail = z.infer<typeof RootCauseDetailSchema>;

// ---- Owner access: share links --------------------------------------------------------------------------

/** `POST /api/root-causes/share-links` (managers and admins). */
export const CreateShareLinkRequestSchema = z.strictObject({
  categories: z
    .array(RootCauseCategorySchema, { message: 'must be a list of category ids' })
    .min(1, { message: 'must name at least one category' })
    .max(20, { message: 'must name at most 20 categories' })
    .refine((c) => new Set(c).size === c.length, { message: 'must not name a category twice' }),
  expiresInDays: z
    .number({ message: 'must be a number of days' })
    .int({ message: 'must be a whole number of days' })
    .min(1, { message: 'must be 1 to 90 days' })
    .max(90, { message: 'must be 1 to 90 days' }),
});
export type CreateShareLinkRequest = z.input<typeof CreateShareLinkRequestSchema>;

export const ShareLinkSchema = z.object({
  id: z.uuid(),
  categories: z.array(z.string()),
  createdBy: UserRefSchema.nullable(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  /** Not expired and not revoked. */
  active: z.boolean(),
});
export type ShareLink = z.infer<typeof ShareLinkSchema>;
export const ShareLinkListSchema = z.object({ items: z.array(ShareLinkSchema) });
export type ShareLinkList = z.infer<typeof ShareLinkListSchema>;

/** The create answer: the token is shown this once (only its hash is stored). */
export const CreatedShareLinkSchema = ShareLinkSchema.extend({
  token: z.string(),
  /** The dashboard path for the owner: `/share/root-causes/<token>`. */
  path: z.string(),
});
export type CreatedShareLink = z.infer<typeof CreatedShareLinkSchema>;

export const ShareTokenParamsSchema = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, { message: 'is not a share link' }) });
export const ShareTokenCategoryParamsSchema = ShareTokenParamsSchema.extend({ category: RootCauseCategorySchema });

/** `GET /api/share/root-causes/:token?from=&to=`: exactly the link's categories (no session; the token is the credential). */
export const SharedRootCauseBoardSchema = z.object({
  workspaceName: z.string(),
  period: RootCausePeriodSchema,
  expiresAt: z.iso.datetime(),
  categories: z.array(RootCauseDetailSchema),
});
export type SharedRootCauseBoard = z.infer<typeof SharedRootCauseBoardSchema>;

// ---- Weekly owner digest --------------------------------------------------------------------------------

/** `POST /api/root-causes/digest/preview` (managers): the digest text for one owner's address, nothing sent. */
export const DigestPreviewRequestSchema = z.strictObject({
  email: z
    .string({ message: 'must be an e-mail address' })
    .trim()
    .pipe(z.email({ message: 'must be one e-mail address' })),
});
export type DigestPreviewRequest = z.input<typeof DigestPreviewRequestSchema>;

export const DigestPreviewSchema = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  categories: z.array(z.string()),
});
export type DigestPreview = z.infer<typeof DigestPreviewSchema>;

/** `POST /api/root-causes/digest/send` (managers): send now; with `email`, only that owner. Sent again even if this week's went out. */
export const DigestSendRequestSchema = z.strictObject({
  email: z
    .string({ message: 'must be an e-mail address' })
    .trim()
    .pipe(z.email({ message: 'must be one e-mail address' }))
    .optional(),
});
export type DigestSendRequest = z.input<typeof DigestSendRequestSchema>;

export const DigestSendResultSchema = z.object({
  sent: z.array(z.string()),
  /** e.g. "SMTP is not configured (EARSHOT_SMTP_URL or EARSHOT_SMTP_HOST)". */
  failed: z.array(z.object({ email: z.string(), reason: z.string() })),
});
export type DigestSendResult = z.infer<typeof DigestSendResultSchema>;

// ---- Tell the authors -----------------------------------------------------------------------------------

/** `POST /api/root-causes/:category/notify` (managers; only when the status is fix_shipped). */
export const NotifyAuthorsRequestSchema = z.strictObject({
  text: z.string({ message: 'must be text' }).trim().min(1, { message: 'is required' }).max(10000, { message: 'must be at most 10,000 characters' }),
  templateId: z.uuid({ message: 'must be a template id' }).nullable().optional(),
  /** Authors who complained since this day; default the 28 days before the fix. */
  since: CalendarDateSchema.optional(),
});
export type NotifyAuthorsRequest = z.input<typeof NotifyAuthorsRequestSchema>;

export const NOTIFY_SKIP_REASONS = ['not_replyable', 'already_notified', 'refused'] as const;
export const NotifySkipReasonSchema = z.enum(NOTIFY_SKIP_REASONS);
export type NotifySkipReason = z.infer<typeof NotifySkipReasonSchema>;

export const NotifyAuthorsResultSchema = z.object({
  /** Authors found (one reply each, to their latest complaint in the category). */
  authors: z.number().int(),
  queued: z.number().int(),
  skipped: z.object({ not_replyable: z.number().int(), already_notified: z.number().int(), refused: z.number().int() }),
  /** Each skipped mention with the reason in words. */
  details: z.array(z.object({ mentionId: z.uuid(), reason: NotifySkipReasonSchema, message: z.string() })),
});
export type NotifyAuthorsResult = z.infer<typeof NotifyAuthorsResultSchema>;

// ---- Webhook --------------------------------------------------------------------------------------------

/** POSTed to the owner's webhook on a status change, with the header `X-Earshot-Delivery: <uuid>` (at least once; deduplicate by it). */
export const RootCauseStatusWebhookSchema = z.object({
  event: z.literal('root_cause.status'),
  category: z.string(),
  status: RootCauseStatusValueSchema,
  note: z.string().nullable(),
  fixShippedAt: CalendarDateSchema.nullable(),
  boardUrl: z.string(),
});
export type RootCauseStatusWebhook = z.infer<typeof RootCauseStatusWebhookSchema>;
