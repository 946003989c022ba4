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
      <EmptyState title="The triage inbox is not here yet" icon={<Icon name="inbox" size={28} />}>
        <p>
          Earshot already listens: every connected source is polled, and matching mentions are stored with their sentiment and
          urgency. The list to work them from — most urgent first, with claiming and replies — is the next part being built.
        </p>
        <p>Admins and managers can see how many mentions each source brought in today under Settings › Sources.</p>
      </EmptyState>
    </div>
  );
}
