import { z } from 'zod';
import { RoleSchema } from '../auth/role.schema.js';

export const UserSchema = z.object({
  id: z.uuid(),
  workspaceId: z.uuid(),
  email: z.email(),
  name: z.string(),
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
