import { z } from 'zod';
import { PasswordSchema, UserSchema } from '../users/user.schema.js';
import { WorkspaceSchema } from '../users/workspace.schema.js';

export const LoginRequestSchema = z.strictObject({
  email: z
    .email({ message: 'must be an e-mail address' })
    .max(254)
    .transform((e) => e.toLowerCase()),
  password: z.string().min(1, { message: 'is required' }).max(1024),
});
export type LoginRequest = z.input<typeof LoginRequestSchema>;

/** What `GET /api/auth/me` and a successful login return. */
export const SessionSchema = z.object({
  user: UserSchema,
  workspace: WorkspaceSchema,
  expiresAt: z.iso.datetime(),
  /**
   * The account's password was generated at first start: until the user picks their own
   * (`POST /api/auth/password`), every route except that one, `me` and logout answers 403
   * with code `password_change_required`. Absent means false.
   */
  mustChangePassword: z.boolean().optional(),
});
export type Session = z.infer<typeof SessionSchema>;

/** `POST /api/auth/password`: the signed-in user changes their own password. */
export const ChangePasswordRequestSchema = z
  .strictObject({
    currentPassword: z.string().min(1, { message: 'is required' }).max(1024),
    newPassword: PasswordSchema,
  })
  .refine((v) => v.currentPassword !== v.newPassword, { path: ['newPassword'], message: 'must differ from the current password' });
export type ChangePasswordRequest = z.input<typeof ChangePasswordRequestSchema>;
