import type { ReplySummary } from '@earshot/contracts';
import { replySummaryLabel } from '../reply-status-labels';

/** The queue row's word on the mention's replies ("replied", "awaiting approval", "reply failed"). */
export function ReplySummaryBadge({ summary }: { summary: ReplySummary }) {
  const label = replySummaryLabel(summary);
  if (!label) return null;
  return (
    <span className={`badge badge--${label.tone} reply-summary`} data-testid="reply-summary">
      {label.text}
    </span>
  );
}
