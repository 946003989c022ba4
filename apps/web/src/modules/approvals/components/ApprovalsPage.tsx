import { useConnectionStatus } from '../../../shared/realtime/useConnectionStatus';
import { ConnectionStatusBadge } from '../../../shared/realtime/ConnectionStatusBadge';
import { useRealtimeConnection } from '../../../shared/realtime/useRealtimeConnection';
import { useNow } from '../../../shared/hooks/useNow';
import { Alert } from '../../../shared/ui/Alert';
import { EmptyState } from '../../../shared/ui/EmptyState';
import { LoadProblem } from '../../../shared/ui/LoadProblem';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { useSession } from '../../auth/hooks/useSession';
import { useApprovalQueue } from '../hooks/useApprovalQueue';
import { ApprovalCard } from './ApprovalCard';
// The page's own styles (main.tsx loads the other modules'; these come with the page).
import '../approvals.css';

/** Managers and admins: replies that wait for approval (trainees, promises, critical or legal mentions), live. */
export function ApprovalsPage() {
  const { workspace } = useSession();
  const connection = useRealtimeConnection();
  const status = useConnectionStatus(connection);
  const { state, notice, decide, reload } = useApprovalQueue(connection);
  const now = useNow(30_000);
  const count = state.status === 'ready' ? state.items.length : null;

  return (
    <div className="page">
      <PageHeader
        title="Approvals"
        description={
          count === null ? 'Replies that wait for a manager before they are posted.' : `${count} ${count === 1 ? 'reply waits' : 'replies wait'} for a manager.`
        }
        actions={<ConnectionStatusBadge status={status} />}
      />
      {notice ? <Alert tone="info">{notice}</Alert> : null}
      <LoadProblem state={state} loadingLabel="Loading the approval queue…" errorTitle="The approval queue could not be loaded" onRetry={reload} />
      {state.status === 'ready' ? (
        state.items.length === 0 ? (
          <EmptyState title="Nothing to approve">
            <p>Replies from trainees, with promises, or to critical or legal mentions appear here.</p>
          </EmptyState>
        ) : (
          <ol className="approvals" aria-label="Replies awaiting approval">
            {state.items.map(({ reply, mention }) => (
              <ApprovalCard
                key={reply.id}
                reply={reply}
                mention={mention}
                now={now}
                timeZone={workspace.timeZone}
                onDecide={(decision, comment) => decide(reply.id, decision, comment)}
              />
            ))}
          </ol>
        )
      ) : null}
    </div>
  );
}
