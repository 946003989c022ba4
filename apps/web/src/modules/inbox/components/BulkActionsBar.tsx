import { Button } from '../../../shared/ui/Button';

interface BulkActionsBarProps {
  count: number;
  busy: boolean;
  onResolve(): void;
  onAssignToMe(): void;
  onIgnore(): void;
  onClear(): void;
}

/** Shown while mentions are selected: act on all of them at once. */
export function BulkActionsBar({ count, busy, onResolve, onAssignToMe, onIgnore, onClear }: BulkActionsBarProps) {
  if (count === 0) return null;
  return (
    <div className="bulk-bar" role="region" aria-label="Bulk actions">
      <span className="bulk-bar__count">{count === 1 ? '1 mention selected' : `${count} mentions selected`}</span>
      <Button size="sm" variant="primary" busy={busy} onClick={onResolve}>
        Resolve selected
      </Button>
      <Button size="sm" busy={busy} onClick={onAssignToMe}>
        Assign selected to me
      </Button>
      <Button size="sm" busy={busy} onClick={onIgnore}>
        Ignore selected
      </Button>
      <Button size="sm" variant="ghost" onClick={onClear} disabled={busy}>
        Clear selection
      </Button>
    </div>
  );
}
