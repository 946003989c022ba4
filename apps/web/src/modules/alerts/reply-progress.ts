import type { Incident } from './api/alert-schemas';

/**
 * Where the team's replies to the listed authors are: "120 sent · 55 on their way · 9 awaiting
 * approval · 2 not sent", or null when there are none yet.
 */
export function replyProgressText(authors: Incident['authors']): string | null {
  const count = { sent: 0, onTheWay: 0, approval: 0, trouble: 0 };
  for (const a of authors) {
    switch (a.replyStatus) {
      case null:
        break;
      case 'sent':
        count.sent += 1;
        break;
      case 'pending_approval':
        count.approval += 1;
        break;
      case 'failed':
      case 'unknown':
      case 'rejected':
        count.trouble += 1;
        break;
      default:
        count.onTheWay += 1;
    }
  }
  const parts = [
    count.sent ? `${count.sent} sent` : '',
    count.onTheWay ? `${count.onTheWay} on their way` : '',
    count.approval ? `${count.approval} awaiting approval` : '',
    count.trouble ? `${count.trouble} not sent (see the authors below)` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}
