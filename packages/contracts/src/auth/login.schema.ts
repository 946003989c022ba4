import { z } from 'zod';
import { UserSchema } from '../users/user.schema.js';
import { WorkspaceSchema } from '../users/workspace.schema.js';

export const LoginRequestSchema = z.strictObject({
  email: z.email({ message: 'must be an e-mail address' }).max(254).transform((e) => e.toLowerCase()),
  password: z.string().min(1, { message: 'is required' }).max(1024),
});
export type LoginRequest = z.input<typeof LoginRequestSchema>;

/** What `GET /api/auth/me` and a successful login return. */
export const SessionSchema = z.object({
  user: UserSchema,
  workspace: WorkspaceSchema,
  expiresAt: z.iso.datetime(),
});
export type Session = z.infer<typeof SessionSchema>;
