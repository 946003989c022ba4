import { z } from 'zod';

const Minutes = z
  .number({ message: 'must be a number of minutes' })
  .int()
  .min(1, { message: 'must be at least 1 minute' })
  .max(43_200, { message: 'must be at most 30 days' });

/** Minutes to respond, per urgency level. */
export const SlaTargetsSchema = z.strictObject({ critical: Minutes, high: Minutes, medium: Minutes, low: Minutes });
export type SlaTargets = z.infer<typeof SlaTargetsSchema>;

export const DEFAULT_SLA_TARGETS: SlaTargets = { critical: 15, high: 60, medium: 240, low: 1440 };
