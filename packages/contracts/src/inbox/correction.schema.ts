import { z } from 'zod';
import { CORRECTION_FIELDS, IntentSchema, MentionSchema, SentimentLabelSchema, UrgencyLevelSchema, UserRefSchema } from './mention.schema.js';

/**
 * `POST /api/mentions/:id/corrections`: the team's values for one or more fields, in one action.
 * A value equal to the current one is recorded too (a confirmation: the learning engine trains on
 * it). `category` must be a category id of the workspace's taxonomy (checked by the api: 400 with
 * the allowed ids otherwise).
 */
export const CreateCorrectionRequestSchema = z
  .strictObject({
    sentiment: SentimentLabelSchema.optional(),
    intent: IntentSchema.optional(),
    category: z
      .string({ message: 'must be a category id' })
      .trim()
      .min(1, { message: 'must not be empty' })
      .max(64, { message: 'must be at most 64 characters' })
      .optional(),
    urgencyLevel: UrgencyLevelSchema.optional(),
  })
  .refine((b) => b.sentiment !== undefined || b.intent !== undefined || b.category !== undefined || b.urgencyLevel !== undefined, {
    message: 'nothing to correct: send at least one of sentiment, intent, category, urgencyLevel',
  });
export type CreateCorrectionRequest = z.input<typeof CreateCorrectionRequestSchema>;

export const CorrectionFieldSchema = z.enum(CORRECTION_FIELDS);

/** One field of one correction: who changed it from what to what, when. */
export const MentionCorrectionSchema = z.object({
  id: z.uuid(),
  mentionId: z.uuid(),
  field: CorrectionFieldSchema,
  /** The value before (the model's or an earlier correction's); null when there was none. */
  oldValue: z.string().nullable(),
  newValue: z.string(),
  /** A confirmation: the value was already this one. */
  confirmed: z.boolean(),
  user: UserRefSchema,
  createdAt: z.iso.datetime(),
});
export type MentionCorrection = z.infer<typeof MentionCorrectionSchema>;

/** The answer to a correction: the mention as it now is and the rows written (one per field sent). */
export const CreateCorrectionResponseSchema = z.object({
  mention: MentionSchema,
  corrections: z.array(MentionCorrectionSchema),
});
export type CreateCorrectionResponse = z.infer<typeof CreateCorrectionResponseSchema>;

/** `GET /api/mentions/:id/corrections`: the history, newest first. */
export const MentionCorrectionListSchema = z.object({ items: z.array(MentionCorrectionSchema) });
export type MentionCorrectionList = z.infer<typeof MentionCorrectionListSchema>;

/** Query of `GET /api/corrections` (the workspace's labelled posts, for the learning engine). */
export const LabelledPostsQuerySchema = z.strictObject({
  /** Only posts corrected at or after this time (ISO 8601). */
  since: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
  /** From the previous page's `next`. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number({ message: 'must be a number 1-1000' }).int().min(1).max(1000).default(200),
});
export type LabelledPostsQuery = z.input<typeof LabelledPostsQuerySchema>;

/** One labelled post: the mention's text and the team's latest value per corrected field. */
export const LabelledPostSchema = z.object({
  mentionId: z.uuid(),
  /** Attacker-controlled: render as text. */
  text: z.string(),
  sentiment: SentimentLabelSchema.optional(),
  intent: IntentSchema.optional(),
  category: z.string().optional(),
  urgency: UrgencyLevelSchema.optional(),
  /** The mention's latest correction. */
  correctedAt: z.iso.datetime(),
  userId: z.uuid(),
});
export type LabelledPost = z.infer<typeof LabelledPostSchema>;

/** Oldest correction first; `next` is the cursor of the following page (null at the end). */
export const LabelledPostPageSchema = z.object({ items: z.array(LabelledPostSchema), next: z.string().nullable() });
export type LabelledPostPage = z.infer<typeof LabelledPostPageSchema>;
