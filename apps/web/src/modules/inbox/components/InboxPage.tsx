import { useSession } from '../../auth/hooks/useSession';
import { Alert } from '../../../shared/ui/Alert';
import { EmptyState } from '../../../shared/ui/EmptyState';
import { Icon } from '../../../shared/ui/Icon';
import { PageHeader } from '../../../shared/ui/PageHeader';

export function InboxPage() {
  const { user } = useSession();
  const readOnly = user.role === 'viewer';
  return (
    <div className="page">
      <PageHeader title="Inbox" description="Mentions, comments and messages that need an answer, newest first." />
      {readOnly ? (
        <Alert tone="info" title="Read-only access">
          As a viewer you can read conversations, but not claim, reply to or close them.
        </Alert>
      ) : null}
      <EmptyState title="The live inbox arrives here once sources are connected" icon={<Icon name="inbox" size={28} />}>
        <p>
          No social accounts are connected to this workspace yet, so there is nothing to answer. When a source is connected,
          new mentions appear here as they happen.
        </p>
      </EmptyState>
    </div>
  );
}
