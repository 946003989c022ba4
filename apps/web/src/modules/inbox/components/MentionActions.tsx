import type { Mention, MentionStatus, WorkspaceMember } from '@earshot/contracts';
import { Button } from '../../../shared/ui/Button';
import { SelectField } from '../../../shared/ui/SelectField';

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
  /** Teammates to hand the mention to; empty when the role may only take work itself. */
  members?: readonly WorkspaceMember[];
  onAssign?(userId: string | null): void;
}

/** Status buttons and assignment for the open mention (not shown to viewers). */
export function MentionActions({ mention, me, busy, onStatus, onAssignToMe, onUnassign, members = [], onAssign }: MentionActionsProps) {
  return (
    <div className="detail-actions" role="group" aria-label="Actions">
      {STATUS_BUTTONS.map((b) => (
        <Button
          key={b.status}
          size="sm"
          variant={b.status === 'resolved' ? 'primary' : 'secondary'}
          disabled={busy || mention.status === b.status}
          onClick={() => onStatus(b.status)}
        >
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
      {members.length > 0 && onAssign ? (
        <SelectField
          label="Assign to"
          className="detail-actions__assign"
          disabled={busy}
          value={mention.assignee?.id ?? ''}
          options={[{ value: '', label: 'Nobody' }, ...members.map((m) => ({ value: m.id, label: m.id === me ? `${m.name} (me)` : m.name }))]}
          onChange={(e) => onAssign(e.target.value || null)}
        />
      ) : null}
    </div>
  );
}
