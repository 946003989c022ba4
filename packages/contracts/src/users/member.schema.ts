import { z } from 'zod';
import { RoleSchema } from '../auth/role.schema.js';

/** A teammate as every role may see them (to assign work): no e-mail, nothing else. */
export const WorkspaceMemberSchema = z.object({ id: z.uuid(), name: z.string(), role: RoleSchema });
export type WorkspaceMember = z.infer<typeof WorkspaceMemberSchema>;
export const WorkspaceMemberListSchema = z.object({ items: z.array(WorkspaceMemberSchema) });
export type WorkspaceMemberList = z.infer<typeof WorkspaceMemberListSchema>;
