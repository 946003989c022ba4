import { z } from 'zod';
import { SENTIMENT_LABELS, UserRefSchema } from '../inbox/mention.schema.js';

/**
 * A workspace's rule for a phrase the data cannot teach quickly ("war zone" is neutral for a
 * game brand). Matched case-insensitively on word boundaries; applies to posts scored after it is saved.
 */
export const PHRASE_RULE_SENTIMENTS = [...SENTIMENT_LABELS, 'ignore'] as const;

export const PhraseRuleSchema = z.object({
  id: z.uuid(),
  phrase: z.string(),
  /** The sentiment a post with the phrase takes, or 'ignore': the phrase itself carries none. */
  sentiment: z.enum(PHRASE_RULE_SENTIMENTS).nullable(),
  /** 'ignore': the phrase raises no urgency reason ("killer feature"). */
  urgency: z.literal('ignore').nullable(),
  /** A category id the phrase puts a complaint in. */
  category: z.string().nullable(),
  createdBy: UserRefSchema.nullable(),
  createdAt: z.iso.datetime(),
});
export type PhraseRule = z.infer<typeof PhraseRuleSchema>;
export const PhraseRuleListSchema = z.object({ items: z.array(PhraseRuleSchema) });
export type PhraseRuleList = z.infer<typeof PhraseRuleListSchema>;

export const CreatePhraseRuleRequestSchema = z
  .strictObject({
    phrase: z.string().trim().min(2, { message: 'must be at least 2 characters' }).max(80, { message: 'must be at most 80 characters' }),
    sentiment: z
      .enum(PHRASE_RULE_SENTIMENTS, { message: `must be one of ${PHRASE_RULE_SENTIMENTS.join(', ')}` })
      .nullable()
      .default(null),
    urgency: z.literal('ignore', { message: 'must be ignore (the phrase raises no urgency) or left out' }).nullable().default(null),
    category: z.string().trim().min(1, { message: 'must not be empty' }).max(64, { message: 'must be at most 64 characters' }).nullable().default(null),
  })
  .refine((r) => r.sentiment !== null || r.urgency !== null || r.category !== null, {
    message: 'a rule needs at least one of sentiment, urgency or category',
    path: ['sentiment'],
  });
export type CreatePhraseRuleRequest = z.input<typeof CreatePhraseRuleRequestSchema>;
