import { z } from 'zod';
import { IntentSchema } from '../inbox/mention.schema.js';
import { SourcePlatformSchema } from '../listening/source.schema.js';

/**
 * Reply templates, per brand (managers edit them in Settings › Templates). A body may use the
 * variables below, each with an optional fallback: `{{author.name | "there"}}`. A variable with
 * neither a value nor a fallback is an error naming it (`packages/voice` renders and checks).
 */
export const TEMPLATE_VARIABLES = ['author.name', 'author.handle', 'agent.first_name', 'agent.signature', 'brand.name', 'mention.url'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

const Title = z.string().trim().min(1, { message: 'is required' }).max(120, { message: 'must be at most 120 characters' });
const Body = z.string().trim().min(1, { message: 'is required' }).max(5000, { message: 'must be at most 5,000 characters' });
const Category = z.string().trim().min(1, { message: 'must not be empty' }).max(64, { message: 'must be at most 64 characters' });
/** ISO 639-1, lower case (`en`). */
const Language = z.string().regex(/^[a-z]{2}$/, { message: 'must be a two-letter language code such as en' });
/** Typed after `/` in the composer to insert the template. */
const Shortcut = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, { message: 'must be 1 to 32 lower-case letters, digits or dashes' });

export const ReplyTemplateSchema = z.object({
  id: z.uuid(),
  brandId: z.uuid(),
  title: z.string(),
  body: z.string(),
  /** Intents it suits; empty: any. */
  intents: z.array(IntentSchema),
  /** Complaint categories it suits; empty: any. */
  categories: z.array(z.string()),
  /** null: every platform. */
  platform: SourcePlatformSchema.nullable(),
  /** null: any language. */
  language: z.string().nullable(),
  shortcut: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ReplyTemplate = z.infer<typeof ReplyTemplateSchema>;
export const ReplyTemplateListSchema = z.object({ items: z.array(ReplyTemplateSchema) });
export type ReplyTemplateList = z.infer<typeof ReplyTemplateListSchema>;

export const CreateTemplateRequestSchema = z.strictObject({
  brandId: z.uuid({ message: 'must be a brand id' }),
  title: Title,
  body: Body,
  intents: z.array(IntentSchema).max(5, { message: 'at most 5 intents' }).default([]),
  categories: z.array(Category).max(50, { message: 'at most 50 categories' }).default([]),
  platform: SourcePlatformSchema.nullable().default(null),
  language: Language.nullable().default(null),
  shortcut: Shortcut.nullable().default(null),
});
export type CreateTemplateRequest = z.input<typeof CreateTemplateRequestSchema>;

export const UpdateTemplateRequestSchema = z
  .strictObject({
    title: Title.optional(),
    body: Body.optional(),
    intents: z.array(IntentSchema).max(5, { message: 'at most 5 intents' }).optional(),
    categories: z.array(Category).max(50, { message: 'at most 50 categories' }).optional(),
    platform: SourcePlatformSchema.nullable().optional(),
    language: Language.nullable().optional(),
    shortcut: Shortcut.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, {
    message: 'nothing to change: send at least one of title, body, intents, categories, platform, language, shortcut',
  });
export type UpdateTemplateRequest = z.input<typeof UpdateTemplateRequestSchema>;

/** `GET /api/templates?brandId=` */
export const TemplateListQuerySchema = z.strictObject({ brandId: z.uuid({ message: 'must be a brand id' }).optional() });
