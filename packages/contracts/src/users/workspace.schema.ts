import { z } from 'zod';

export const WorkspaceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  timeZone: z.string(),
});
export type Workspace = z.infer<typeof WorkspaceSchema>;
