import type { RootCauseStatusHistoryEntry } from '@earshot/contracts';
import { formatDateTime } from '../../../shared/format/format-date-time';
import { formatDay } from '../period';
import { STATUS_LABELS } from '../root-cause-labels';

/** Who set which status when, newest first, with their notes (as text). */
export function StatusHistory({ history, timeZone }: { history: readonly RootCauseStatusHistoryEntry[]; timeZone: string }) {
  if (history.length === 0) return <p className="muted">No status set yet: the category is open.</p>;
  const entries = [...history].sort((a, b) => b.setAt.localeCompare(a.setAt));
  return (
    <ol className="status-history" aria-label="Status history">
      {entries.map((entry) => (
        <li key={entry.id} className="status-history__entry">
          <p>
            <strong>{STATUS_LABELS[entry.status]}</strong>
            {entry.fixShippedAt ? ` (fix shipped ${formatDay(entry.fixShippedAt)})` : ''} · {entry.setBy.name}
            {entry.setBy.kind === 'share_link' ? ', through a share link' : ''} · <time dateTime={entry.setAt}>{formatDateTime(entry.setAt, timeZone)}</time>
          </p>
          {entry.note ? <p className="status-history__note">{entry.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}
