import { z } from 'zod';

export const SourcePlatformSchema = z.enum(['mastodon', 'bluesky', 'reddit', 'x', 'rss'], { message: 'must be one of mastodon, bluesky, reddit, x, rss' });
export type SourcePlatform = z.infer<typeof SourcePlatformSchema>;

/** ok: polling fine · throttled: waiting for a rate-limit reset · failing: retrying after errors · auth_required: credentials rejected, an admin must reconnect · error: the platform refused the request as configured · idle: not polled yet · disabled */
export const SourceStatusSchema = z.enum(['idle', 'ok', 'throttled', 'failing', 'auth_required', 'error', 'disabled']);
export type SourceStatus = z.infer<typeof SourceStatusSchema>;

export const SourceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  platform: SourcePlatformSchema,
  baseUrl: z.string(),
  streamKind: z.string(),
  streamQuery: z.string().nullable(),
  enabled: z.boolean(),
  pollIntervalSeconds: z.number().int(),
  /** Which credential fields are stored (never their values). */
  credentialFields: z.array(z.string()),
  health: z.object({
    status: SourceStatusSchema,
    lastPollAt: z.iso.datetime().nullable(),
    lastSuccessAt: z.iso.datetime().nullable(),
    nextPollAt: z.iso.datetime().nullable(),
    /** The last error in plain words, or null. */
    lastError: z.string().nullable(),
    lastErrorAt: z.iso.datetime().nullable(),
    consecutiveFailures: z.number().int(),
    mentionsToday: z.number().int(),
  }),
  createdAt: z.iso.datetime(),
});
export type Source = z.infer<typeof SourceSchema>;
export const SourceListSchema = z.object({ items: z.array(SourceSchema) });
export type SourceList = z.infer<typeof SourceListSchema>;

const BaseUrlSchema = z
  .url({ message: 'must be the API address, e.g. https://mastodon.social' })
  .max(500)
  .refine((u) => /^https?:\/\//i.test(u), { message: 'must start with https:// (or http://)' });
const CredentialsSchema = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, { message: 'credential names are letters, digits and _' }), z.string().min(1).max(4000))
  .refine((r) => Object.keys(r).length <= 10, { message: 'at most 10 credential fields' });

export const CreateSourceRequestSchema = z.strictObject({
  name: z.string().trim().min(1, { message: 'is required' }).max(120),
  platform: SourcePlatformSchema,
  baseUrl: BaseUrlSchema,
  streamKind: z.string().trim().min(1, { message: 'is required' }).max(40),
  streamQuery: z.string().trim().min(1).max(500).nullable().default(null),
  credentials: CredentialsSchema.default({}),
  enabled: z.boolean().default(true),
  pollIntervalSeconds: z.number().int().min(5, { message: 'must be at least 5 seconds' }).max(86_400).default(60),
});
export type CreateSourceRequest = z.input<typeof CreateSourceRequestSchema>;

export const UpdateSourceRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120).optional(),
    baseUrl: BaseUrlSchema.optional(),
    streamQuery: z.string().trim().min(1).max(500).nullable().optional(),
    /** Replaces every stored credential field. */
    credentials: CredentialsSchema.optional(),
    enabled: z.boolean().optional(),
    pollIntervalSeconds: z.number().int().min(5, { message: 'must be at least 5 seconds' }).max(86_400).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateSourceRequest = z.input<typeof UpdateSourceRequestSchema>;
