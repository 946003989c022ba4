import { z } from 'zod';
import { SourcePlatformSchema } from '../listening/source.schema.js';
import { ReplySummarySchema } from '../replies/reply-status.schema.js';

export const MENTION_STATUSES = ['new', 'open', 'pending', 'resolved', 'ignored'] as const;
export const MentionStatusSchema = z.enum(MENTION_STATUSES, { message: `must be one of ${MENTION_STATUSES.join(', ')}` });
export type MentionStatus = z.infer<typeof MentionStatusSchema>;

/** Statuses that still need the team: SLA clocks run and the default queue shows them. */
export const OPEN_STATUSES: readonly MentionStatus[] = ['new', 'open', 'pending'];

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export const SentimentLabelSchema = z.enum(SENTIMENT_LABELS, { message: `must be one of ${SENTIMENT_LABELS.join(', ')}` });
export type SentimentLabel = z.infer<typeof SentimentLabelSchema>;

/** Most urgent first. */
export const URGENCY_LEVELS = ['critical', 'high', 'medium', 'low'] as const;
export const UrgencyLevelSchema = z.enum(URGENCY_LEVELS, { message: `must be one of ${URGENCY_LEVELS.join(', ')}` });
export type UrgencyLevel = z.infer<typeof UrgencyLevelSchema>;

export const INTENTS = ['complaint', 'question', 'praise', 'suggestion', 'other'] as const;
export const IntentSchema = z.enum(INTENTS, { message: `must be one of ${INTENTS.join(', ')}` });
export type Intent = z.infer<typeof IntentSchema>;

/** The fields of a mention the team can correct (the model's scores). */
export const CORRECTION_FIELDS = ['sentiment', 'intent', 'category', 'urgency'] as const;
export type CorrectionField = (typeof CORRECTION_FIELDS)[number];

/**
 * The team's current values of the fields it corrected (only those): they win over the model's
 * and survive any re-scoring. `category` is a category id of the workspace's taxonomy.
 */
export const CorrectedValuesSchema = z.object({
  sentiment: SentimentLabelSchema.optional(),
  intent: IntentSchema.optional(),
  category: z.string().optional(),
  urgency: UrgencyLevelSchema.optional(),
});
export type CorrectedValues = z.infer<typeof CorrectedValuesSchema>;

/** One reason behind an urgency score, in words an agent can read. */
export const UrgencyReasonSchema = z.object({
  code: z.string(),
  weight: z.number(),
  text: z.string(),
  triggers: z.array(z.string()),
  /** Set when this reason sets a minimum level (a floor: danger, money taken…) whatever the other points say. */
  floor: UrgencyLevelSchema.optional(),
});
export type UrgencyReason = z.infer<typeof UrgencyReasonSchema>;

export const UserRefSchema = z.object({ id: z.uuid(), name: z.string() });
export type UserRef = z.infer<typeof UserRefSchema>;

/** Who is replying to a mention, until when (the claim is renewed while their reply pane is open). */
export const ClaimSchema = z.object({
  user: UserRefSchema,
  claimedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  /** `awaiting_approval`: the holder's reply waits for a manager, so the claim does not lapse meanwhile. */
  reason: z.enum(['replying', 'awaiting_approval']),
});
export type Claim = z.infer<typeof ClaimSchema>;

export const MentionAuthorSchema = z.object({
  id: z.uuid(),
  platform: SourcePlatformSchema,
  handle: z.string(),
  displayName: z.string().nullable(),
  followers: z.number().int().nullable(),
  verified: z.boolean(),
  bot: z.boolean(),
  /** Attacker-controlled: show only when it is an http(s) URL. */
  avatarUrl: z.string().nullable(),
});
export type MentionAuthor = z.infer<typeof MentionAuthorSchema>;

export const MentionSchema = z.object({
  id: z.uuid(),
  /** The workspace's change sequence number of this mention's latest change. */
  seq: z.number().int(),
  platform: SourcePlatformSchema,
  externalId: z.string(),
  /** Attacker-controlled: open only when it is an http(s) URL. */
  url: z.string().nullable(),
  /** Attacker-controlled: render as text, never as HTML. */
  text: z.string(),
  language: z.string().nullable(),
  postedAt: z.iso.datetime(),
  receivedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  brandId: z.uuid().nullable(),
  topics: z.array(z.string()),
  author: MentionAuthorSchema,
  thread: z.object({ rootId: z.string().nullable(), parentId: z.string().nullable() }),
  engagement: z.object({ replies: z.number().nullable(), reposts: z.number().nullable(), likes: z.number().nullable() }),
  sentiment: z.object({ score: z.number(), label: SentimentLabelSchema, confidence: z.number() }).nullable(),
  urgency: z.object({ score: z.number().int(), level: UrgencyLevelSchema, reasons: z.array(UrgencyReasonSchema) }).nullable(),
  intent: IntentSchema.nullable(),
  category: z.string().nullable(),
  spam: z.boolean(),
  status: MentionStatusSchema,
  assignee: UserRefSchema.nullable(),
  tags: z.array(z.string()),
  claim: ClaimSchema.nullable(),
  /** The team's replies to this mention at a glance. */
  replies: ReplySummarySchema,
  /** Fields the team corrected, with their values (the columns above already show them); absent from older servers. */
  corrected: CorrectedValuesSchema.optional(),
  sla: z.object({
    dueAt: z.iso.datetime().nullable(),
    breachedAt: z.iso.datetime().nullable(),
    firstResponseAt: z.iso.datetime().nullable(),
    resolvedAt: z.iso.datetime().nullable(),
  }),
});
export type Mention = z.infer<typeof MentionSchema>;

export const MentionNoteSchema = z.object({
  id: z.uuid(),
  mentionId: z.uuid(),
  author: UserRefSchema,
  /** Internal: never posted to the platform. Render as text. */
  body: z.string(),
  createdAt: z.iso.datetime(),
});
export type MentionNote = z.infer<typeof MentionNoteSchema>;
