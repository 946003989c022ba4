import { DEFAULT_SLA_TARGETS, type SlaTargets } from '@earshot/contracts';

/** Minutes to respond for an urgency level under the workspace's targets (unknown level: low). */
export function slaMinutes(targets: SlaTargets | null | undefined, level: string | null | undefined): number {
  const t = { ...DEFAULT_SLA_TARGETS, ...(targets ?? {}) };
  switch (level) {
    case 'critical':
      return t.critical;
    case 'high':
      return t.high;
    case 'medium':
      return t.medium;
    default:
      return t.low;
  }
}
