import type { IncidentRepliesResult } from './api/alert-schemas';

/** Why an author got no reply, in words; a code this dashboard does not know reads as its words. */
const SKIP_REASONS: Record<string, string> = {
  already_replied: 'already answered',
  already_answered: 'already answered',
  replied: 'already answered',
  not_replyable: 'cannot be answered on their platform',
  no_source: 'no connected account can answer them',
  lint_blocked: 'the text did not pass the voice check',
  spam: 'marked as spam',
};

export function skipReasonText(reason: string): string {
  return SKIP_REASONS[reason] ?? reason.replace(/[_-]+/g, ' ');
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "42 replies queued, 3 skipped: already answered; 1 skipped: cannot be answered on their platform". */
export function repliesResultText(result: IncidentRepliesResult): string {
  const byReason = new Map<string, number>();
  for (const s of result.skipped) {
    const text = skipReasonText(s.reason);
    byReason.set(text, (byReason.get(text) ?? 0) + 1);
  }
  const skipped = [...byReason.entries()].map(([text, n]) => `${n} skipped: ${text}`);
  return [`${plural(result.queued, 'reply', 'replies')} queued`, ...skipped].join(', ');
}
