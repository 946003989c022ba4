import { z } from 'zod';

const HandleSchema = z
  .string()
  .trim()
  .min(2, { message: 'must be at least 2 characters' })
  .max(100)
  .regex(/^@?[\p{L}\p{N}_.@-]+$/u, { message: 'must be a handle such as @acme or acme@mastodon.social' })
  .transform((h) => h.replace(/^@/, '').toLowerCase());

export const BrandKindSchema = z.enum(['own', 'competitor'], { message: 'must be own or competitor' });

export const BrandSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: BrandKindSchema,
  handles: z.array(z.string()),
  createdAt: z.iso.datetime(),
});
export type Brand = z.infer<typeof BrandSchema>;
export const BrandListSchema = z.object({ items: z.array(BrandSchema) });
export type BrandList = z.infer<typeof BrandListSchema>;

export const CreateBrandRequestSchema = z.strictObject({
  name: z.string().trim().min(1, { message: 'is required' }).max(120),
  kind: BrandKindSchema.default('own'),
  handles: z.array(HandleSchema).max(20, { message: 'at most 20 handles' }).default([]),
});
export type CreateBrandRequest = z.input<typeof CreateBrandRequestSchema>;

export const UpdateBrandRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1, { message: 'is required' }).max(120).optional(),
    kind: BrandKindSchema.optional(),
    handles: z.array(HandleSchema).max(20, { message: 'at most 20 handles' }).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change: send at least one of name, kind, handles' });
export type UpdateBrandRequest = z.input<typeof UpdateBrandRequestSchema>;
