import { Link, useLocation } from 'react-router';
import { EmptyState } from '../shared/ui/EmptyState';
import { Icon } from '../shared/ui/Icon';

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <div className="page">
      <EmptyState headingLevel={1} title="Page not found" icon={<Icon name="compass" size={28} />}>
        <p>
          There is no page at <code>{pathname}</code>. The link may be out of date.
        </p>
        <p>
          <Link to="/inbox">Go to the inbox</Link>
        </p>
      </EmptyState>
    </div>
  );
}
