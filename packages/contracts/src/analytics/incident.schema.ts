import { z } from 'zod';
import { MentionSchema } from '../inbox/mention.schema.js';
import { SourcePlatformSchema } from '../listening/source.schema.js';
import { ReplyStatusSchema } from '../replies/reply-status.schema.js';
import { ReplyFailureSchema } from '../replies/reply.schema.js';
import { LintReportSchema } from '../replies/voice-guide.schema.js';
import { AlertEventSchema } from './alerts.schema.js';

/**
 * The incident view (issue 15 part 5): an alert with its surge against normal, its mentions grouped,
 * the affected authors, a proposed holding statement (the brand's best incident/apology template,
 * checked by the voice linter), one individually addressed reply per author and one public status
 * post, both through the reply outbox. Plus the insights lists: recurring questions and suggestions.
 */

/**
 * One bucket of the surge chart: the alert's mentions (the brand's, of the rule's category, spam left
 * out) posted in [start, start + bucketMinutes) against the number expected there. `expected` is null
 * when there is no basis for it (no detector state and no mentions in the previous weeks' data).
 */
export const IncidentSeriesPointSchema = z.object({
  start: z.iso.datetime(),
  observed: z.number().int(),
  /** Negative mentions among them (the team's corrected sentiment where set). */
  negative: z.number().int(),
  expected: z.number().nullable(),
});
export type IncidentSeriesPoint = z.infer<typeof IncidentSeriesPointSchema>;

/**
 * Where `expected` comes from: `detector` = the alert rule's learned seasonal baseline
 * (`detectorFromJSON(rule.detector_state).expectedAt`, summed over the bucket's minutes);
 * `previous_weeks` = the mean count of the same bucket one to four weeks before (used when the
 * rule has no detector state).
 */
export const EXPECTED_BASES = ['detector', 'previous_weeks'] as const;
export const ExpectedBasisSchema = z.enum(EXPECTED_BASES);
export type ExpectedBasis = z.infer<typeof ExpectedBasisSchema>;

/**
 * A group of the alert's mentions: `category:<id>` (each mention is in exactly one: the team's
 * corrected category where set, `other` when none) or `term:<term>` (mentions whose text contains
 * one of the alert's top terms; a mention may be in several). `sample`: up to three mentions of
 * different authors, most urgent first.
 */
export const IncidentGroupSchema = z.object({
  key: z.string(),
  kind: z.enum(['category', 'term']),
  label: z.string(),
  count: z.number().int(),
  /** Distinct authors. */
  authors: z.number().int(),
  sample: z.array(MentionSchema),
});
export type IncidentGroup = z.infer<typeof IncidentGroupSchema>;

/**
 * An affected author: their latest mention in the alert (the one a reply answers) and whether the team
 * already replied to any of their mentions in the alert (a reply sent or on its way: not rejected, not
 * dismissed). `canReply` false with `cannotReply` in words when that mention cannot be answered from
 * Earshot (a feed, a source without posting credentials…). `ref` is the short reference the incident
 * reply carries for this author, so a follow-up in private can be matched.
 */
export const IncidentAuthorSchema = z.object({
  authorId: z.uuid(),
  handle: z.string(),
  displayName: z.string().nullable(),
  platform: SourcePlatformSchema,
  mentionId: z.uuid(),
  postedAt: z.iso.datetime(),
  mentions: z.number().int(),
  replied: z.boolean(),
  /** Status of the latest reply to their mentions in the alert; null when none. */
  replyStatus: ReplyStatusSchema.nullable(),
  canReply: z.boolean(),
  cannotReply: z.string().nullable(),
  ref: z.string(),
});
export type IncidentAuthor = z.infer<typeof IncidentAuthorSchema>;

/**
 * A proposed text and what the brand's voice guide says about it. `body` may hold template variables
 * (`{{author.name | "there"}}`): the incident reply renders it per author. `preview` is the body
 * rendered for `previewMentionId`'s author (the first author who can be answered; a sample when none)
 * and `lint` is the linter's report on exactly that text. `templateId` null: no template of the brand
 * suits an incident or apology, so this is Earshot's default text.
 */
export const HoldingStatementSchema = z.object({
  templateId: z.uuid().nullable(),
  templateTitle: z.string().nullable(),
  body: z.string(),
  preview: z.string(),
  previewMentionId: z.uuid().nullable(),
  lint: LintReportSchema,
});
export type HoldingStatement = z.infer<typeof HoldingStatementSchema>;

/** A status post of the incident, as the outbox has it. */
export const StatusPostSchema = z.object({
  id: z.uuid(),
  sourceId: z.uuid().nullable(),
  platform: SourcePlatformSchema,
  text: z.string(),
  status: ReplyStatusSchema,
  author: z.object({ id: z.uuid(), name: z.string() }),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  externalId: z.string().nullable(),
  /** Only http(s) URLs. */
  externalUrl: z.string().nullable(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
  /** Why a failed or unknown post stopped (as a reply's `failure`); null otherwise. */
  failure: ReplyFailureSchema.nullable().optional(),
  /** A person gave up on it (failed or unknown): it is never sent. */
  dismissedAt: z.iso.datetime().nullable().optional(),
});
export type StatusPost = z.infer<typeof StatusPostSchema>;

/** A source the status post can go out through (its account posts publicly). */
export const StatusPostSourceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  platform: SourcePlatformSchema,
  /** The source most of the alert's mentions came through: the default. */
  suggested: z.boolean(),
});
export type StatusPostSource = z.infer<typeof StatusPostSourceSchema>;

export const IncidentCountsSchema = z.object({
  mentions: z.number().int(),
  authors: z.number().int(),
  negative: z.number().int(),
  /** Authors the team already replied to. */
  replied: z.number().int(),
  /** Authors not yet replied to whose latest mention can be answered from Earshot: what "Answer N authors" queues. */
  toAnswer: z.number().int(),
});
export type IncidentCounts = z.infer<typeof IncidentCountsSchema>;

/** `GET /api/alerts/:id/incident`. */
export const IncidentSchema = z.object({
  alert: AlertEventSchema,
  /** [from, to): two hours before the surge to an hour after it cleared (or now), in `bucketMinutes` buckets. */
  window: z.object({ from: z.iso.datetime(), to: z.iso.datetime(), bucketMinutes: z.number().int() }),
  expectedBasis: ExpectedBasisSchema,
  series: z.array(IncidentSeriesPointSchema),
  groups: z.array(IncidentGroupSchema),
  /** Latest mention first; at most INCIDENT_MAX_AUTHORS (counts.authors has them all). */
  authors: z.array(IncidentAuthorSchema),
  holdingStatement: HoldingStatementSchema,
  /** A proposed public status post (no author variables), linted for the suggested source's platform. */
  statusPostDraft: z.object({ body: z.string(), lint: LintReportSchema }),
  statusPosts: z.array(StatusPostSchema),
  statusPostSources: z.array(StatusPostSourceSchema),
  counts: IncidentCountsSchema,
});
export type Incident = z.infer<typeof IncidentSchema>;

/** The longest author list the incident view returns (counts.authors counts them all). */
export const INCIDENT_MAX_AUTHORS = 500;

const ClientKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, { message: 'must be 8 to 100 letters, digits, _ or -' });
const BodySchema = z.string().trim().min(1, { message: 'is required' }).max(5000, { message: 'must be at most 5,000 characters' });

/**
 * `POST /api/alerts/:id/replies` (managers, admins): `body` (template variables allowed) is rendered
 * for each affected author and queued as their reply to their latest mention in the alert. The same
 * `clientKey` again queues nothing twice.
 */
export const IncidentRepliesRequestSchema = z.strictObject({ body: BodySchema, clientKey: ClientKeySchema });
export type IncidentRepliesRequest = z.input<typeof IncidentRepliesRequestSchema>;

/**
 * Why an author got no reply from this request: `already_replied` (the team answered them in this
 * incident), `already_queued` (this clientKey already queued their reply), `not_replyable` (their
 * mention cannot be answered from Earshot), `claimed` (a colleague is answering that mention right
 * now), `refused` (the reply workflow refused it; `message` says why).
 */
export const INCIDENT_SKIP_REASONS = ['already_replied', 'already_queued', 'not_replyable', 'claimed', 'refused'] as const;
export const IncidentSkipReasonSchema = z.enum(INCIDENT_SKIP_REASONS);
export type IncidentSkipReason = z.infer<typeof IncidentSkipReasonSchema>;

export const IncidentRepliesResultSchema = z.object({
  /** Replies this request created (queued, or waiting for another manager's approval). */
  queued: z.number().int(),
  /** Of those, waiting for approval (a promise in the text, a critical or legal mention). */
  pendingApproval: z.number().int(),
  replies: z.array(z.object({ authorId: z.uuid(), mentionId: z.uuid(), replyId: z.uuid(), status: ReplyStatusSchema })),
  skipped: z.array(z.object({ authorId: z.uuid(), mentionId: z.uuid(), reason: IncidentSkipReasonSchema, message: z.string() })),
});
export type IncidentRepliesResult = z.infer<typeof IncidentRepliesResultSchema>;

/**
 * `POST /api/alerts/:id/status-post` (managers, admins): one public post (not a reply) through the
 * source `sourceId` (default: the suggested one), exactly once per `clientKey`.
 */
export const StatusPostRequestSchema = z.strictObject({
  body: BodySchema,
  sourceId: z.uuid({ message: 'must be a source id' }).optional(),
  clientKey: ClientKeySchema,
});
export type StatusPostRequest = z.input<typeof StatusPostRequestSchema>;

/**
 * `POST /api/alerts/:id/status-posts/:postId/retry` (no fields) and `…/dismiss` (`{ note? }`, the
 * reply's dismiss body): a person's way out of a status post that failed or that the platform did
 * not confirm, as for a reply (a failed post is queued again with the same idempotency key; an
 * unknown one is reconciled before anything is sent again).
 */
export const StatusPostParamsSchema = z.strictObject({ id: z.uuid({ message: 'must be a UUID' }), postId: z.uuid({ message: 'must be a UUID' }) });
export type StatusPostParams = z.infer<typeof StatusPostParamsSchema>;

// ---- Insights ---------------------------------------------------------------------------------------------

/** `GET /api/insights/recurring-questions?days=7&minAuthors=3[&brandId=]`. */
export const RecurringQuestionsQuerySchema = z.strictObject({
  days: z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(90, { message: 'must be at most 90' })
    .default(7),
  minAuthors: z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(2, { message: 'must be at least 2' })
    .max(1000, { message: 'must be at most 1,000' })
    .default(3),
  brandId: z.uuid({ message: 'must be a brand id' }).optional(),
});
export type RecurringQuestionsQuery = z.input<typeof RecurringQuestionsQuerySchema>;

/**
 * The same question asked by at least `minAuthors` distinct authors in the period: a candidate for a
 * FAQ entry or a proactive post. Questions are mentions whose intent is `question` (the team's
 * correction wins), spam left out, clustered by TF-IDF cosine similarity of their normalised words.
 * `question` is the member closest to the cluster's centre; `terms` its heaviest words.
 */
export const RecurringQuestionSchema = z.object({
  key: z.string(),
  question: z.string(),
  representativeId: z.uuid(),
  authors: z.number().int(),
  mentions: z.number().int(),
  /** Newest first. */
  mentionIds: z.array(z.uuid()),
  terms: z.array(z.string()),
  firstPostedAt: z.iso.datetime(),
  lastPostedAt: z.iso.datetime(),
  sample: z.array(MentionSchema),
});
export type RecurringQuestion = z.infer<typeof RecurringQuestionSchema>;

export const RecurringQuestionsSchema = z.object({
  range: z.object({ from: z.iso.datetime(), to: z.iso.datetime() }),
  /** Questions looked at (the newest RECURRING_QUESTIONS_MAX_SCAN at most). */
  scanned: z.number().int(),
  /** Most authors first. */
  items: z.array(RecurringQuestionSchema),
});
export type RecurringQuestions = z.infer<typeof RecurringQuestionsSchema>;

/** The most questions one recurring-questions answer clusters (the newest ones). */
export const RECURRING_QUESTIONS_MAX_SCAN = 5000;

const InstantSchema = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with offset' });

/** `GET /api/insights/suggestions?from&to&brandId&cursor&limit`: posted time in [from, to). */
export const SuggestionsQuerySchema = z.strictObject({
  from: InstantSchema.optional(),
  to: InstantSchema.optional(),
  brandId: z.uuid({ message: 'must be a brand id' }).optional(),
  /** `nextCursor` of the previous page. */
  cursor: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/, { message: 'must be a cursor from an earlier answer' })
    .optional(),
  limit: z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(100, { message: 'must be at most 100' })
    .default(25),
});
export type SuggestionsQuery = z.input<typeof SuggestionsQuerySchema>;

/** Mentions whose intent is `suggestion` (the team's correction wins), spam left out, newest posted first. */
export const SuggestionsPageSchema = z.object({
  items: z.array(MentionSchema),
  /** All suggestions in the range (every page). */
  total: z.number().int(),
  /** Null on the last page. */
  nextCursor: z.string().nullable(),
});
export type SuggestionsPage = z.infer<typeof SuggestionsPageSchema>;
