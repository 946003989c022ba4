import type { Mention } from '@earshot/contracts';
import { URGENCY_LABELS } from '../mention-labels';

/** Level and score; the reasons behind it on hover (title) and for screen readers. */
export function UrgencyBadge({ urgency }: { urgency: Mention['urgency'] }) {
  if (!urgency) return <span className="urgency urgency--none">Not scored</span>;
  const reasons = urgency.reasons.map((r) => r.text);
  const title = reasons.length ? `Why: ${reasons.join('; ')}` : 'No particular reason given';
  return (
    <span className={`urgency urgency--${urgency.level}`} title={title} data-testid="urgency-badge">
      {URGENCY_LABELS[urgency.level]} {urgency.score}
      <span className="visually-hidden">. {title}</span>
    </span>
  );
}
