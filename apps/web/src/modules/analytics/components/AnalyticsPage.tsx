import { EmptyState } from '../../../shared/ui/EmptyState';
import { Icon } from '../../../shared/ui/Icon';
import { PageHeader } from '../../../shared/ui/PageHeader';

export function AnalyticsPage() {
  return (
    <div className="page">
      <PageHeader title="Analytics" description="Volume, sentiment and response times across your sources." />
      <EmptyState title="Analytics appear once mentions start arriving" icon={<Icon name="analytics" size={28} />}>
        <p>Charts are drawn from real mentions only. Connect a source and the first figures show up here with the first mentions.</p>
      </EmptyState>
    </div>
  );
}
