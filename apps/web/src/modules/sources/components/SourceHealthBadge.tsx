import type { SourceStatus } from '@earshot/contracts';
import { Badge } from '../../../shared/ui/Badge';
import { HEALTH } from '../source-health';

/** The health of a source in a word or three; colour only repeats what the words say. */
export function SourceHealthBadge({ status }: { status: SourceStatus }) {
  const health = HEALTH[status];
  return (
    <Badge tone={health.tone} title={health.description}>
      <span className="visually-hidden">Health: </span>
      {health.label}
    </Badge>
  );
}
