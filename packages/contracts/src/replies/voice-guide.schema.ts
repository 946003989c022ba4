import { z } from 'zod';
import { IntentSchema } from '../inbox/mention.schema.js';

/**
 * A brand's voice guide: what its public replies may and must say. One per brand, edited by
 * managers (`GET|PUT /api/brands/:id/voice`). `packages/voice` reads it in `lintReply()`, in the
 * composer as the agent types and again on the server before anything is queued.
 */

export const LINT_SEVERITIES = ['block', 'warn'] as const;
export const LintSeveritySchema = z.enum(LINT_SEVERITIES, { message: `must be one of ${LINT_SEVERITIES.join(', ')}` });
export type LintSeverity = z.infer<typeof LintSeveritySchema>;

/** What a rule may be set to: its severity, or off. */
export const RuleSettingSchema = z.enum(['block', 'warn', 'off'], { message: 'must be one of block, warn, off' });
export type RuleSetting = z.infer<typeof RuleSettingSchema>;

/** Elements a reply to a given intent must contain. */
export const REQUIRED_ELEMENTS = ['acknowledge', 'apologise', 'next_step', 'private_channel', 'thanks'] as const;
export const RequiredElementSchema = z.enum(REQUIRED_ELEMENTS, { message: `must be one of ${REQUIRED_ELEMENTS.join(', ')}` });
export type RequiredElement = z.infer<typeof RequiredElementSchema>;

const Phrase = z.string().trim().min(1, { message: 'is required' }).max(100, { message: 'must be at most 100 characters' });

export const BannedPhraseSchema = z.strictObject({
  phrase: Phrase,
  /** What to write instead; offered as the fix. */
  suggestion: z.string().trim().max(200, { message: 'must be at most 200 characters' }).nullable().default(null),
  severity: LintSeveritySchema.default('block'),
});
export type BannedPhrase = z.infer<typeof BannedPhraseSchema>;

export const VoiceGuideBodySchema = z.strictObject({
  /** Words and phrases the brand never uses, with what to say instead. */
  bannedPhrases: z.array(BannedPhraseSchema).max(500, { message: 'at most 500 banned phrases' }).default([]),
  /** Language that blames the customer ("you should have", "as per our policy"). */
  blamePhrases: z.array(Phrase).max(200, { message: 'at most 200 blame phrases' }).default([]),
  /** Promises only a manager may make ("refund", "compensation", "guarantee", "we will"): a reply with one needs approval. */
  promisePhrases: z.array(Phrase).max(200, { message: 'at most 200 promise phrases' }).default([]),
  /** Excuses that undo an apology ("but", "however", "unfortunately due to"). */
  excusePhrases: z.array(Phrase).max(200, { message: 'at most 200 excuse phrases' }).default([]),
  /** Per intent, the elements a reply must contain (a complaint reply acknowledges, apologises, names a next step…). */
  requiredElements: z.partialRecord(IntentSchema, z.array(RequiredElementSchema).max(REQUIRED_ELEMENTS.length)).default({}),
  /**
   * The sign-off every reply ends with, as a template (`^{{agent.signature}}`, `– {{agent.first_name}}`);
   * null: no sign-off required.
   */
  signOff: z
    .string()
    .trim()
    .min(1, { message: 'must not be empty (send null for no sign-off)' })
    .max(60, { message: 'must be at most 60 characters' })
    .nullable()
    .default(null),
  limits: z
    .strictObject({
      maxExclamations: z
        .number()
        .int({ message: 'must be a whole number' })
        .min(0, { message: 'must be 0 or more' })
        .max(20, { message: 'must be at most 20' })
        .default(1),
      maxEmoji: z
        .number()
        .int({ message: 'must be a whole number' })
        .min(0, { message: 'must be 0 or more' })
        .max(20, { message: 'must be at most 20' })
        .default(1),
      /** Words of three or more letters in capitals (acronyms in `allowedAcronyms` excepted). */
      maxCapsWords: z
        .number()
        .int({ message: 'must be a whole number' })
        .min(0, { message: 'must be 0 or more' })
        .max(50, { message: 'must be at most 50' })
        .default(0),
      /** Flesch-Kincaid grade ceiling; null: not checked. */
      readingGradeMax: z
        .number()
        .min(1, { message: 'must be a school grade from 1 to 20' })
        .max(20, { message: 'must be a school grade from 1 to 20' })
        .nullable()
        .default(9),
    })
    .default({ maxExclamations: 1, maxEmoji: 1, maxCapsWords: 0, readingGradeMax: 9 }),
  allowedAcronyms: z
    .array(z.string().trim().min(2, { message: 'must be at least 2 characters' }).max(20, { message: 'must be at most 20 characters' }))
    .max(200, { message: 'at most 200 acronyms' })
    .default([]),
  /** Severity overrides by rule id (`banned_phrase`, `reading_level`, …); absent: the rule's default. */
  rules: z.record(z.string().regex(/^[a-z_]{2,40}$/, { message: 'must be a rule id' }), RuleSettingSchema).default({}),
});
/** `PUT /api/brands/:id/voice` body. */
export const PutVoiceGuideRequestSchema = VoiceGuideBodySchema;
export type PutVoiceGuideRequest = z.input<typeof PutVoiceGuideRequestSchema>;
export type VoiceGuideBody = z.infer<typeof VoiceGuideBodySchema>;

/** `GET /api/brands/:id/voice`: the brand's guide (the default guide until a manager saves one). */
export const VoiceGuideSchema = VoiceGuideBodySchema.extend({
  brandId: z.uuid(),
  /** False while the brand uses the shipped default guide. */
  customised: z.boolean(),
  updatedAt: z.iso.datetime().nullable(),
  updatedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});
export type VoiceGuide = z.infer<typeof VoiceGuideSchema>;

/** A character range in the draft, UTF-16 offsets as JavaScript strings count (end exclusive). */
export const TextSpanSchema = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });
export type TextSpan = z.infer<typeof TextSpanSchema>;

/** One problem the linter found in a draft. */
export const LintFindingSchema = z.object({
  ruleId: z.string(),
  severity: LintSeveritySchema,
  /** For the agent, in plain words ("'per our policy' sounds like blame: explain what you will do instead"). */
  message: z.string(),
  /** The offending text; null when the finding is about the whole reply (a missing apology). */
  span: TextSpanSchema.nullable(),
  /** A replacement for `span` where one exists (a banned word's suggestion). */
  fix: z.object({ span: TextSpanSchema, replacement: z.string() }).nullable(),
  /** True when the finding does not stop sending but the reply needs a manager's approval (a promise). */
  requiresApproval: z.boolean(),
});
export type LintFinding = z.infer<typeof LintFindingSchema>;

/** What `lintReply()` returns, stored with each reply. */
export const LintReportSchema = z.object({
  findings: z.array(LintFindingSchema),
  /** Length as the platform counts it, and its limit (unit: chars, graphemes or weighted). */
  length: z.object({ used: z.number().int(), max: z.number().int(), unit: z.enum(['chars', 'graphemes', 'weighted']) }),
  /** Any finding with severity block. */
  blocked: z.boolean(),
  /** Any finding that requires approval. */
  requiresApproval: z.boolean(),
});
export type LintReport = z.infer<typeof LintReportSchema>;
