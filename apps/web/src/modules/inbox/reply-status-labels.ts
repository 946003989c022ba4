import type { Reply, ReplyStatus, ReplySummary } from '@earshot/contracts';

export const REPLY_STATUS_LABELS: Record<ReplyStatus, string> = {
  draft: 'Draft',
  pending_approval: 'Awaiting approval',
  approved: 'Approved',
  rejected: 'Rejected',
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  unknown: 'Not confirmed',
};

export const REPLY_STATUS_TONES: Record<ReplyStatus, 'neutral' | 'accent' | 'success' | 'muted' | 'warning' | 'danger'> = {
  draft: 'muted',
  pending_approval: 'warning',
  approved: 'accent',
  rejected: 'danger',
  queued: 'accent',
  sending: 'accent',
  sent: 'success',
  failed: 'danger',
  unknown: 'warning',
};

/** What the status means for the agent, and what to do about it. */
export function replyStatusHelp(reply: Reply): string | null {
  switch (reply.status) {
    case 'pending_approval':
      return 'A manager checks this reply before it is posted. You keep the mention meanwhile.';
    case 'approved':
    case 'queued':
      return 'It will be posted in a moment.';
    case 'sending':
      return 'Being posted now.';
    case 'failed':
      return `It was not posted${reply.lastError ? `: ${reply.lastError}` : ''}. Check the source in Settings › Sources, then write the reply again.`;
    case 'unknown':
      return 'The platform may have posted it but did not confirm. Earshot checks before trying again; look at the original thread before writing another reply.';
    case 'rejected':
      return 'Not posted: a manager asked for changes.';
    default:
      return null;
  }
}

/** The queue row's few words about the mention's replies, most pressing first; null when there are none. */
export function replySummaryLabel(summary: ReplySummary): { text: string; tone: 'success' | 'warning' | 'danger' | 'accent' } | null {
  if (summary.needsAttention > 0) return { text: 'reply failed', tone: 'danger' };
  if (summary.awaitingApproval > 0) return { text: 'awaiting approval', tone: 'warning' };
  if (summary.inFlight > 0) return { text: 'reply sending', tone: 'accent' };
  if (summary.sent > 0) return { text: summary.sent === 1 ? 'replied' : `replied ×${summary.sent}`, tone: 'success' };
  if (summary.lastStatus === 'rejected') return { text: 'reply rejected', tone: 'danger' };
  return null;
}
