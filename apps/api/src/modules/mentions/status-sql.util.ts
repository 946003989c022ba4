import { OPEN_STATUSES } from '@earshot/contracts';

/**
 * Statuses as an SQL list literal (`'new', 'open'`). Every value comes from the contracts
 * enum (an allowlist), so it may be inlined: the planner then sees the list and can use the
 * partial indexes over open work.
 */
export function statusListSql(statuses: readonly string[]): string {
  return statuses.map((s) => `'${s.replace(/[^a-z]/g, '')}'`).join(', ');
}

/** The open statuses (new, open, pending), as in the partial indexes' predicate. */
export const OPEN_STATUS_SQL = statusListSql(OPEN_STATUSES);
