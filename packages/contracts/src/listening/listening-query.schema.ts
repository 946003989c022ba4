import { z } from 'zod';

export const ListeningQuerySchema = z.object({
  id: z.uuid(),
  brandId: z.uuid(),
  name: z.string(),
  query: z.string(),
  topic: z.string().nullable(),
  enabled: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ListeningQuery = z.infer<typeof ListeningQuerySchema>;
export const ListeningQueryListSchema = z.object({ items: z.array(ListeningQuerySchema) });
export type ListeningQueryList = z.infer<typeof ListeningQueryListSchema>;

const QueryTextSchema = z.string().trim().min(1, { message: 'is required' }).max(2000, { message: 'must be at most 2000 characters' });
const TopicSchema = z.string().trim().min(1).max(80).nullable();

export const CreateListeningQueryRequestSchema = z.strictObject({
  brandId: z.uuid({ message: 'must be the id of one of your brands' }),
  name: z.string().trim().min(1, { message: 'is required' }).max(120),
  query: QueryTextSchema,
  topic: TopicSchema.default(null),
  enabled: z.boolean().default(true),
});
export type CreateListeningQueryRequest = z.input<typeof CreateListeningQueryRequestSchema>;

export const UpdateListeningQueryRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1, { message: 'is required' }).max(120).optional(),
    query: QueryTextSchema.optional(),
    topic: TopicSchema.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change: send at least one of name, query, topic, enabled' });
export type UpdateListeningQueryRequest = z.input<typeof UpdateListeningQueryRequestSchema>;

export const ValidateQueryRequestSchema = z.strictObject({ query: z.string().max(4000) });
export const ValidateQueryResponseSchema = z.object({
  valid: z.boolean(),
  error: z.object({ message: z.string(), position: z.number().int() }).nullable(),
});
export type ValidateQueryResponse = z.infer<typeof ValidateQueryResponseSchema>;
