import { z } from 'zod';
import { request } from '../../../shared/http';

/** What `DELETE /api/workspace/demo-data` removed. */
export const DemoDataClearedSchema = z.object({
  sources: z.number().int(),
  mentions: z.number().int(),
  replies: z.number().int(),
  corrections: z.number().int(),
  notes: z.number().int(),
  authors: z.number().int(),
});
export type DemoDataCleared = z.infer<typeof DemoDataClearedSchema>;

export function clearDemoData(): Promise<DemoDataCleared> {
  return request('DELETE', '/api/workspace/demo-data', { schema: DemoDataClearedSchema });
}
