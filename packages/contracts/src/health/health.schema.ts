import { z } from 'zod';

export const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  uptimeSeconds: z.number(),
  database: z.object({
    status: z.enum(['up', 'down']),
    engine: z.enum(['postgres', 'pglite']),
    latencyMs: z.number().nullable(),
    error: z.string().optional(),
  }),
});
export type Health = z.infer<typeof HealthSchema>;
