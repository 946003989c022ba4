import { EmptyState } from '../../../shared/ui/EmptyState';
import { Icon } from '../../../shared/ui/Icon';
import { PageHeader } from '../../../shared/ui/PageHeader';

export function ReportsPage() {
  return (
    <div className="page">
      <PageHeader title="Reports" description="Summaries of what was said and how your team answered." />
      <EmptyState title="No reports yet" icon={<Icon name="reports" size={28} />}>
        <p>Reports are built from handled conversations. Once your team has answered mentions, they can be summarised here.</p>
      </EmptyState>
    </div>
  );
}
