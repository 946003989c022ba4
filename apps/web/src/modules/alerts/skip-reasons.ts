import type { IncidentRepliesResult, IncidentSkipReason } from './api/alert-schemas';

/** Why an author got no reply, in words. */
export const SKIP_REASON_TEXT: Record<IncidentSkipReason, string> = {
  already_replied: 'already answered',
  already_queued: 'already queued by this statement',
  not_replyable: 'cannot be answered from Earshot',
  claimed: 'a colleague is answering them right now',
  refused: 'refused by the reply checks',
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "42 replies queued, 3 skipped: already answered, 1 skipped: cannot be answered from Earshot". */
export function repliesResultText(result: IncidentRepliesResult): string {
  const byReason = new Map<IncidentSkipReason, number>();
  for (const s of result.skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
  const parts = [`${plural(result.queued, 'reply', 'replies')} queued`];
  if (result.pendingApproval > 0) parts[0] += ` (${result.pendingApproval} waiting for a manager’s approval)`;
  for (const [reason, n] of byReason) parts.push(`${n} skipped: ${SKIP_REASON_TEXT[reason]}`);
  return parts.join(', ');
}
