import { OPEN_STATUSES, type Mention } from '@earshot/contracts';
import { formatRelativeTime } from '../../../shared/format/format-relative-time';

/** "SLA breached", or when the response is due while the mention still needs the team. */
export function SlaBadge({ mention, now }: { mention: Mention; now: Date }) {
  const { dueAt, breachedAt } = mention.sla;
  if (!OPEN_STATUSES.includes(mention.status)) return null;
  const breached = breachedAt !== null || (dueAt !== null && new Date(dueAt).getTime() <= now.getTime());
  if (breached) {
    return (
      <span className="sla sla--breached" title={dueAt ? `Was due ${formatRelativeTime(dueAt, now)}` : undefined}>
        SLA breached
      </span>
    );
  }
  if (dueAt === null) return null;
  const soon = new Date(dueAt).getTime() - now.getTime() < 15 * 60_000;
  return <span className={soon ? 'sla sla--soon' : 'sla'}>Due {formatRelativeTime(dueAt, now)}</span>;
}
