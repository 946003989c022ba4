import { z } from 'zod';
import { LintFindingSchema } from '../replies/voice-guide.schema.js';

/** One field-level problem in a rejected request. `path` is dotted (`items.0.email`). */
export const FieldIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
  /** For text fields with a grammar (listening queries): 0-based offset of the problem. */
  position: z.number().int().optional(),
});
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

/** The body of every error response the api sends. */
export const ApiErrorSchema = z.object({
  statusCode: z.number().int(),
  error: z.string(),
  message: z.string(),
  requestId: z.string().optional(),
  issues: z.array(FieldIssueSchema).optional(),
  /** Machine-readable reason where a client acts on it (`claimed`: someone else is replying). */
  code: z.string().optional(),
  /** With `claimed`: who holds the claim. */
  claimedBy: z.object({ id: z.string(), name: z.string() }).nullable().optional(),
  /** With `lint_blocked`: the linter's findings on the refused reply (the composer underlines them). */
  findings: z.array(LintFindingSchema).optional(),
  /** With `missing_credentials`: the credential fields the source needs before it can post replies. */
  missing: z.array(z.string()).optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
