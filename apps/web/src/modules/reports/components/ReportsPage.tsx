import { useState } from 'react';
import { useMatch } from 'react-router';
import { useSession } from '../../auth/hooks/useSession';
import { can } from '../../auth/access-policy';
import { Button } from '../../../shared/ui/Button';
import { EmptyState } from '../../../shared/ui/EmptyState';
import { Icon } from '../../../shared/ui/Icon';
import { LoadProblem } from '../../../shared/ui/LoadProblem';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { useReportList } from '../hooks/useReports';
import { todayIn, WEEKDAY_NAMES } from '../report-week';
import { BuildReportForm } from './BuildReportForm';
import { ReportList } from './ReportList';
import { ReportView } from './ReportView';
// The module's own styles (the print view imports them too).
import '../reports.css';

/** The report week's first day from the session (Monday when the api did not say). */
export function useReportWeekStart(): number {
  const { workspace } = useSession();
  return workspace.reportWeekStart ?? 1;
}

function Weeks({ canBuild }: { canBuild: boolean }) {
  const { workspace } = useSession();
  const weekStart = useReportWeekStart();
  const { state, reload } = useReportList();
  const items = state.status === 'ready' ? state.data : [];
  const [building, setBuilding] = useState(false);
  return (
    <div className="page">
      <PageHeader
        title="Reports"
        description={`One page a week for leadership: is our reputation better or worse, why, what the team did, and what other departments should fix. Weeks start on ${WEEKDAY_NAMES[weekStart]} (${workspace.timeZone}).`}
        actions={
          canBuild && !building ? (
            <Button variant="primary" onClick={() => setBuilding(true)}>
              Build report for week…
            </Button>
          ) : null
        }
      />
      {canBuild && building ? (
        <BuildReportForm today={todayIn(workspace.timeZone)} weekStart={weekStart} existing={items} onCancel={() => setBuilding(false)} />
      ) : null}
      <LoadProblem
        state={state.status === 'ready' ? { status: 'ready' } : state}
        loadingLabel="Loading the reports…"
        errorTitle="The reports could not be loaded"
        onRetry={() => reload()}
      />
      {state.status === 'ready' && items.length === 0 ? (
        <EmptyState title="No reports yet" icon={<Icon name="reports" size={28} />}>
          <p>
            The report of each week is built on the first morning of the next (07:00 in {workspace.timeZone}) and e-mailed to the recipients admins set under
            Settings › Reports.{canBuild ? ' You can build one for any past week now.' : ' A manager can build one for a past week now.'}
          </p>
        </EmptyState>
      ) : null}
      {items.length > 0 ? <ReportList items={items} timeZone={workspace.timeZone} /> : null}
    </div>
  );
}

/** Reports: the list of weeks (`/reports`) and one week's report (`/reports/:id`). */
export function ReportsPage() {
  const { user } = useSession();
  const id = useMatch('/reports/:id')?.params.id ?? null;
  const canBuild = can(user.role, 'buildReports');
  return id ? <ReportView key={id} id={id} canSend={canBuild} /> : <Weeks canBuild={canBuild} />;
}
