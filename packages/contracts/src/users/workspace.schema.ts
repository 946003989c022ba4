import { z } from 'zod';

export const WorkspaceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  timeZone: z.string(),
  /** The weekly report's first weekday: 0 = Sunday … 6 = Saturday (1 = Monday). */
  reportWeekStart: z.number().int().optional(),
});
export type Workspace = z.infer<typeof WorkspaceSchema>;
