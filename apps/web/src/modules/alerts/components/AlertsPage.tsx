import { NavLink } from 'react-router';
import { useSession } from '../../auth/hooks/useSession';
import { can } from '../../auth/access-policy';
import { useRealtimeConnection } from '../../../shared/realtime/useRealtimeConnection';
import { Button } from '../../../shared/ui/Button';
import { EmptyState } from '../../../shared/ui/EmptyState';
import { Icon } from '../../../shared/ui/Icon';
import { LoadProblem } from '../../../shared/ui/LoadProblem';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { useAlertList } from '../hooks/useAlertList';
import { AlertCard } from './AlertCard';
import { AlertRulesPanel } from './AlertRulesPanel';
import { InsightsPanel } from './InsightsPanel';

/**
 * Spike alerts, newest first, and (second tab) the questions many people ask and the
 * suggestions they make. Insights are a tab here rather than part of an incident: they cover
 * a week of every brand's mentions, not one surge, and a manager should find them on a quiet
 * day too.
 */
export function AlertsPage({ tab }: { tab: 'alerts' | 'insights' }) {
  const { user } = useSession();
  return (
    <div className="page alerts-page">
      <PageHeader title="Alerts" description="Spikes against each brand’s normal daily and weekly rhythm, and what people keep asking." />
      <nav className="tabs" aria-label="Alerts sections">
        <NavLink to="/alerts" end className="tabs__link">
          Spikes
        </NavLink>
        <NavLink to="/alerts/insights" className="tabs__link">
          Questions and suggestions
        </NavLink>
      </nav>
      {tab === 'alerts' ? <AlertList canManage={can(user.role, 'actOnAlerts')} /> : <InsightsPanel />}
    </div>
  );
}

function AlertList({ canManage }: { canManage: boolean }) {
  const { workspace } = useSession();
  const connection = useRealtimeConnection();
  const { state, reload, showMore, canShowMore } = useAlertList(connection);
  return (
    <>
      <LoadProblem
        state={state.status === 'ready' ? { status: 'ready' } : state}
        loadingLabel="Loading the alerts…"
        errorTitle="The alerts could not be loaded"
        onRetry={reload}
      />
      {state.status === 'ready' ? (
        state.items.length === 0 ? (
          <EmptyState title="No spikes so far" icon={<Icon name="bell" size={28} />}>
            <p>
              Earshot learns each brand’s normal rhythm from its mentions and raises an alert when volume or the negative share jumps well above it. Alerts
              appear here and on every page as they happen.
            </p>
          </EmptyState>
        ) : (
          <ol className="alert-list" aria-label="Alerts, newest first">
            {state.items.map((alert) => (
              <AlertCard key={alert.id} alert={alert} timeZone={workspace.timeZone} />
            ))}
          </ol>
        )
      ) : null}
      {canShowMore ? (
        <div>
          <Button size="sm" onClick={showMore}>
            Show older alerts
          </Button>
        </div>
      ) : null}
      {canManage ? <AlertRulesPanel /> : null}
    </>
  );
}
