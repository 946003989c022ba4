import type { Reply, ReplyStatus, ReplySummary } from '@earshot/contracts';
import { PLATFORM_INFO } from '../sources/source-platforms';

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

/** What the status means for the agent, and what to do about it (failed and unknown: see `replyWayOut`). */
export function replyStatusHelp(reply: Reply, now: Date = new Date()): string | null {
  switch (reply.status) {
    case 'pending_approval':
      return 'A manager checks this reply before it is posted. You keep the mention meanwhile.';
    case 'approved':
    case 'queued':
      return 'It will be posted in a moment.';
    case 'sending':
      return 'Being posted now.';
    case 'failed':
    case 'unknown':
      return replyWayOut(reply, now).help;
    case 'rejected':
      return 'Not posted: a manager asked for changes.';
    default:
      return null;
  }
}

/** Mastodon keeps an idempotency key for one hour after the first attempt (the api's MASTODON_IDEMPOTENCY_WINDOW_MS). */
export const MASTODON_KEY_WINDOW_MS = 60 * 60_000;

/** What a person can do about a failed or unconfirmed reply: plain help, and whether Retry or Dismiss make sense. */
export interface ReplyWayOut {
  help: string | null;
  /** A retry can help (the api still decides, and answers 409 in words when it cannot). */
  retry: boolean;
  dismiss: boolean;
}

const NOTHING: ReplyWayOut = { help: null, retry: false, dismiss: false };

/**
 * The way out of `failed` and `unknown`, from `reply.failure` in the order the api checks a
 * retry: the source gone, the text refused, Mastodon past its one-hour key window, the source's
 * credentials, then transient trouble. A dismissed reply needs nothing more.
 */
export function replyWayOut(reply: Reply, now: Date): ReplyWayOut {
  if ((reply.status !== 'failed' && reply.status !== 'unknown') || reply.dismissal) return NOTHING;
  const platform = PLATFORM_INFO[reply.platform].label;
  const unknown = reply.status === 'unknown';
  const way = (help: string, retry: boolean): ReplyWayOut => ({ help, retry, dismiss: true });

  if (reply.failure === 'gone') {
    return unknown
      ? way(
          'The source this reply was to go through is gone, so Earshot cannot check whether it was posted: look at the original thread, then dismiss this reply or write a new one.',
          false,
        )
      : way('The source this reply was to go through is gone: write a new reply.', false);
  }
  if (reply.failure === 'rejected') return way(`${platform} refused this text: change the text and send a new reply.`, false);
  if (unknown && reply.platform === 'mastodon' && pastMastodonWindow(reply, now)) {
    return way(
      'Mastodon may have posted it, and its one-hour protection against duplicates has passed, so Earshot will not send it again: check the thread on Mastodon, then dismiss this reply or write a new reply.',
      false,
    );
  }
  if (reply.failure === 'source') {
    return way(`An admin must reconnect the ${platform} source in Settings › Sources; then retry this reply.`, true);
  }
  if (!unknown) return way('It was not posted. Retry sends it again; it cannot be posted twice.', true);
  // Unknown with a check scheduled: the sender reconciles by itself, a person need not press anything.
  if (reply.nextAttemptAt) return way(`${platform} did not confirm it. Earshot checks whether it was posted before sending anything again.`, false);
  return way(
    `${platform} did not confirm it and Earshot stopped checking. Retry checks whether it was posted before sending anything again; or look at the thread, then dismiss it.`,
    true,
  );
}

/**
 * Whether Mastodon's key window has passed. The first attempt's time is not in the reply, but it
 * cannot be earlier than the reply's creation or its approval (the sender takes a reply at once
 * after either), so an hour since the later of the two means the window has passed or is about to;
 * if it has not quite, the api's 409 says so in words.
 */
function pastMastodonWindow(reply: Reply, now: Date): boolean {
  const start = Math.max(Date.parse(reply.createdAt), reply.approval.decidedAt ? Date.parse(reply.approval.decidedAt) : 0);
  return now.getTime() - start >= MASTODON_KEY_WINDOW_MS;
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
