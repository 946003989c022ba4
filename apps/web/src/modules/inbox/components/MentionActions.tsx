import type { Mention, MentionStatus } from '@earshot/contracts';
import { Button } from '../../../shared/ui/Button';

const STATUS_BUTTONS: readonly { status: MentionStatus; label: string }[] = [
  { status: 'open', label: 'Open' },
  { status: 'pending', label: 'Pending' },
  { status: 'resolved', label: 'Resolve' },
  { status: 'ignored', label: 'Ignore' },
];

interface MentionActionsProps {
  mention: Mention;
  me: string;
  busy: boolean;
  onStatus(status: MentionStatus): void;
  onAssignToMe(): void;
  onUnassign(): void;
}

/** Status buttons and assignment for the open mention (not shown to viewers). */
export function MentionActions({ mention, me, busy, onStatus, onAssignToMe, onUnassign }: MentionActionsProps) {
  return (
    <div className="detail-actions" role="group" aria-label="Actions">
      {STATUS_BUTTONS.map((b) => (
        <Button key={b.status} size="sm" variant={b.status === 'resolved' ? 'primary' : 'secondary'} disabled={busy || mention.status === b.status} onClick={() => onStatus(b.status)}>
          {b.label}
        </Button>
      ))}
      {mention.assignee?.id === me ? (
        <Button size="sm" variant="ghost" disabled={busy} onClick={onUnassign}>
          Unassign
        </Button>
      ) : (
        <Button size="sm" variant="ghost" disabled={busy} onClick={onAssignToMe}>
          Assign to me
        </Button>
      )}
    </div>
  );
}
