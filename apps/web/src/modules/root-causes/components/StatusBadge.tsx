import type { RootCauseStatus } from '@earshot/contracts';
import { Badge } from '../../../shared/ui/Badge';
import { formatDay } from '../period';
import { STATUS_LABELS, STATUS_TONES } from '../root-cause-labels';

/** Open, Investigating, or Fix shipped with its day. */
export function StatusBadge({ status }: { status: RootCauseStatus }) {
  const label = STATUS_LABELS[status.status];
  return (
    <Badge tone={STATUS_TONES[status.status]} title={status.note ?? undefined}>
      {status.status === 'fix_shipped' && status.fixShippedAt ? `${label} ${formatDay(status.fixShippedAt)}` : label}
    </Badge>
  );
}
