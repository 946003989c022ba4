import { z } from 'zod';
import { UserRefSchema } from '../inbox/mention.schema.js';
import { SourcePlatformSchema } from '../listening/source.schema.js';
import { ApprovalReasonSchema, ReplyStatusSchema } from './reply-status.schema.js';
import { LintReportSchema } from './voice-guide.schema.js';

export const REPLY_FAILURES = ['transient', 'source', 'rejected', 'gone'] as const;
export const ReplyFailureSchema = z.enum(REPLY_FAILURES);
export type ReplyFailure = z.infer<typeof ReplyFailureSchema>;

export const ReplySchema = z.object({
  id: z.uuid(),
  mentionId: z.uuid(),
  platform: SourcePlatformSchema,
  /** What is (or was) posted, exactly. */
  text: z.string(),
  templateId: z.uuid().nullable(),
  /** True when the text is the template's rendering, unedited. */
  templateUnedited: z.boolean(),
  status: ReplyStatusSchema,
  author: UserRefSchema,
  /** Resolve the mention once the reply is sent (otherwise it becomes pending: waiting for the customer). */
  resolveOnSend: z.boolean(),
  approval: z.object({
    required: z.boolean(),
    reasons: z.array(ApprovalReasonSchema),
    decidedBy: UserRefSchema.nullable(),
    decidedAt: z.iso.datetime().nullable(),
    /** A rejection's comment, for the agent. */
    comment: z.string().nullable(),
  }),
  lint: LintReportSchema,
  attempts: z.number().int(),
  nextAttemptAt: z.iso.datetime().nullable(),
  /** Our words, never the platform's body. */
  lastError: z.string().nullable(),
  externalId: z.string().nullable(),
  /** Only http(s) URLs. */
  externalUrl: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
  /**
   * Why a failed or unknown reply stopped: `transient` (timeouts, 5xx, rate limits: retry),
   * `source` (credentials or address: retry once the source is reconnected), `rejected` (the
   * platform refused the text: write a new reply), `gone` (no source or reply target). Null otherwise.
   */
  failure: ReplyFailureSchema.nullable().optional(),
  /** A failed or unknown reply a person gave up on (e.g. posted by hand): it no longer needs attention. */
  dismissal: z.object({ by: UserRefSchema, at: z.iso.datetime(), note: z.string().nullable() }).nullable().optional(),
});
export type Reply = z.infer<typeof ReplySchema>;
export const ReplyListSchema = z.object({ items: z.array(ReplySchema) });
export type ReplyList = z.infer<typeof ReplyListSchema>;

/** `POST /api/mentions/:id/replies` */
export const CreateReplyRequestSchema = z.strictObject({
  text: z.string().trim().min(1, { message: 'is required' }).max(10000, { message: 'must be at most 10,000 characters' }),
  templateId: z.uuid({ message: 'must be a template id' }).nullable().optional(),
  /** Chosen by the client once per composed reply: a second submit with the same key returns the first reply. */
  clientKey: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, { message: 'must be 8 to 100 letters, digits, _ or -' }),
  /** Resolve the mention once sent; default: it waits for the customer (pending). */
  resolve: z.boolean({ message: 'must be true or false' }).optional(),
});
export type CreateReplyRequest = z.input<typeof CreateReplyRequestSchema>;

/** `POST /api/replies/:id/reject` */
export const RejectReplyRequestSchema = z.strictObject({
  comment: z.string().trim().min(1, { message: 'is required: tell the agent what to change' }).max(1000),
});
export type RejectReplyRequest = z.input<typeof RejectReplyRequestSchema>;

/** `POST /api/replies/:id/approve` (an optional note for the agent). */
export const ApproveReplyRequestSchema = z.strictObject({ comment: z.string().trim().max(1000).optional() });
export type ApproveReplyRequest = z.input<typeof ApproveReplyRequestSchema>;

/**
 * `POST /api/replies/:id/retry` (no fields): a failed reply is queued again with the same
 * idempotency key; an unknown one is reconciled first (never resent blindly).
 */
export const RetryReplyRequestSchema = z.strictObject({});
export type RetryReplyRequest = z.input<typeof RetryReplyRequestSchema>;

/** `POST /api/replies/:id/dismiss`: give up on a failed or unknown reply (e.g. it was posted by hand), with an optional note. */
export const DismissReplyRequestSchema = z.strictObject({
  note: z.string({ message: 'must be text' }).trim().max(1000, { message: 'must be at most 1,000 characters' }).optional(),
});
export type DismissReplyRequest = z.input<typeof DismissReplyRequestSchema>;

/** `GET /api/replies?status=&mentionId=` */
export const ReplyListQuerySchema = z.strictObject({
  status: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(ReplyStatusSchema))
    .optional(),
  mentionId: z.uuid().optional(),
});

/** Whether the team can answer a mention here, and if not, why (in words for the agent). */
export const REPLYABILITY_CODES = ['ok', 'feed', 'no_source', 'missing_credentials', 'competitor_only', 'own_post'] as const;
export const ReplyabilitySchema = z.object({
  code: z.enum(REPLYABILITY_CODES),
  canReply: z.boolean(),
  /** Null when `canReply`; otherwise what to do ("Open the original: feeds cannot be answered from Earshot"). */
  message: z.string().nullable(),
  /** With `missing_credentials`: the credential fields to add to the source. */
  missing: z.array(z.string()).optional(),
});
export type Replyability = z.infer<typeof ReplyabilitySchema>;

/** An earlier reply the team sent to this author, for the author's history. */
export const TeamReplySchema = z.object({
  replyId: z.uuid(),
  mentionId: z.uuid(),
  text: z.string(),
  author: UserRefSchema,
  sentAt: z.iso.datetime(),
  externalUrl: z.string().nullable(),
  templateId: z.uuid().nullable(),
  templateUnedited: z.boolean(),
});
export type TeamReply = z.infer<typeof TeamReplySchema>;
