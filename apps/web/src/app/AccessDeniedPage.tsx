import { Link } from 'react-router';
import { useSession } from '../modules/auth/hooks/useSession';
import { EmptyState } from '../shared/ui/EmptyState';
import { Icon } from '../shared/ui/Icon';
import { ROLE_LABELS } from '../modules/auth/role-labels';

export function AccessDeniedPage() {
  const { user } = useSession();
  return (
    <div className="page">
      <EmptyState headingLevel={1} title="You don't have access to this page" icon={<Icon name="lock" size={28} />}>
        <p>
          Your role is <strong>{ROLE_LABELS[user.role]}</strong>, and this page is not part of it. If you need it, ask an admin of your workspace to change your
          role.
        </p>
        <p>
          <Link to="/inbox">Go to the inbox</Link>
        </p>
      </EmptyState>
    </div>
  );
}
