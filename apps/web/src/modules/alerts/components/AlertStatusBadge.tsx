import { Badge } from '../../../shared/ui/Badge';
import type { AlertEvent } from '../api/alert-schemas';

/** Raised (still going on), Over (cleared), or Found in the past (a replay of history: nobody was notified). */
export function AlertStatusBadge({ alert }: { alert: Pick<AlertEvent, 'status' | 'historical'> }) {
  if (alert.historical) {
    return (
      <Badge tone="muted" title="Found while Earshot learned the past; nobody was notified">
        Found in the past
      </Badge>
    );
  }
  return alert.status === 'raised' ? <Badge tone="danger">Raised</Badge> : <Badge tone="success">Over</Badge>;
}
