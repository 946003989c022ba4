import { z } from 'zod';
import { RoleSchema } from '../auth/role.schema.js';

export const UserSchema = z.object({
  id: z.uuid(),
  workspaceId: z.uuid(),
  email: z.email(),
  name: z.string(),
  /** For templates' `{{agent.first_name}}`; the first word of `name` until the user sets one. */
  firstName: z.string(),
  /** For `{{agent.signature}}` and sign-offs; the initials of `name` until the user sets one. */
  signature: z.string(),
  role: RoleSchema,
  active: z.boolean(),
  lastLoginAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type User = z.infer<typeof UserSchema>;

export const UserListSchema = z.object({ items: z.array(UserSchema) });
export type UserList = z.infer<typeof UserListSchema>;

const NameSchema = z.string().trim().min(1, { message: 'is required' }).max(120, { message: 'must be at most 120 characters' });
/** Passwords: long beats complex (NIST SP 800-63B); 12 to 256 characters. */
export const PasswordSchema = z.string().min(12, { message: 'must be at least 12 characters' }).max(256, { message: 'must be at most 256 characters' });

export const CreateUserRequestSchema = z.strictObject({
  email: z
    .email({ message: 'must be an e-mail address' })
    .max(254)
    .transform((e) => e.toLowerCase()),
  name: NameSchema,
  role: RoleSchema,
  password: PasswordSchema,
});
export type CreateUserRequest = z.input<typeof CreateUserRequestSchema>;

export const UpdateUserRequestSchema = z
  .strictObject({
    name: NameSchema.optional(),
    role: RoleSchema.optional(),
    active: z.boolean({ message: 'must be true or false' }).optional(),
    password: PasswordSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change: send at least one of name, role, active, password' });
export type UpdateUserRequest = z.input<typeof UpdateUserRequestSchema>;

/** `PATCH /api/profile`: the signed-in user's own first name and signature (null: back to the default). */
export const UpdateProfileRequestSchema = z
  .strictObject({
    firstName: z.string().trim().min(1, { message: 'is required' }).max(60, { message: 'must be at most 60 characters' }).nullable().optional(),
    signature: z
      .string()
      .trim()
      .min(1, { message: 'is required' })
      .max(30, { message: 'must be at most 30 characters' })
      .regex(/^[^\r\n]+$/, { message: 'must be one line' })
      .nullable()
      .optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change: send firstName or signature' });
export type UpdateProfileRequest = z.input<typeof UpdateProfileRequestSchema>;
