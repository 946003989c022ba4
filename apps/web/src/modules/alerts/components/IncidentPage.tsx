import { Link, useParams } from 'react-router';
import { useSession } from '../../auth/hooks/useSession';
import { can } from '../../auth/access-policy';
import { formatDateTime } from '../../../shared/format/format-date-time';
import { useRealtimeConnection } from '../../../shared/realtime/useRealtimeConnection';
import { LoadProblem } from '../../../shared/ui/LoadProblem';
import { alertInboxHref } from '../alert-links';
import { formatMetricValue, jumpWords, metricSubject } from '../alert-text';
import type { Incident } from '../api/alert-schemas';
import { useIncident } from '../hooks/useIncident';
import { useBrandGuide } from '../hooks/useStatementLint';
import { AffectedAuthors } from './AffectedAuthors';
import { AlertStatusBadge } from './AlertStatusBadge';
import { AnswerAuthorsPanel } from './AnswerAuthorsPanel';
import { MentionGroups } from './MentionGroups';
import { StatusPostPanel } from './StatusPostPanel';
import { SurgeChart } from './SurgeChart';

/**
 * An alert's incident view: the surge against normal, its mentions in groups, the affected
 * authors, and (managers) one consistent answer to all of them plus a public status update.
 */
export function IncidentPage() {
  const { alertId = '' } = useParams();
  const connection = useRealtimeConnection();
  const { state, reload } = useIncident(alertId, connection);
  return (
    <div className="page incident-page">
      <p>
        <Link to="/alerts">← All alerts</Link>
      </p>
      {state.status === 'error' && state.statusCode === 404 ? (
        <p role="alert">This alert does not exist (or belongs to another workspace).</p>
      ) : (
        <LoadProblem
          state={state.status === 'ready' ? { status: 'ready' } : state}
          loadingLabel="Loading the incident…"
          errorTitle="The incident could not be loaded"
          onRetry={() => reload()}
        />
      )}
      {state.status === 'ready' ? <IncidentView incident={state.data} onChanged={() => reload(true)} /> : null}
    </div>
  );
}

function IncidentView({ incident, onChanged }: { incident: Incident; onChanged(): void }) {
  const { user, workspace } = useSession();
  const { alert } = incident;
  const tz = workspace.timeZone;
  const canAct = can(user.role, 'actOnAlerts');
  const subject = metricSubject(alert);
  const guide = useBrandGuide(alert.brandId);
  return (
    <>
      <header className="incident-header">
        <div className="incident-header__title">
          <AlertStatusBadge alert={alert} />
          <h1 className="page-header__title">
            {alert.brandName}: {subject} {jumpWords(alert.ratio)}
          </h1>
        </div>
        <dl className="incident-header__facts">
          <div>
            <dt>Posted</dt>
            <dd>
              {formatMetricValue(alert.metric, alert.observed)} in {alert.windowMinutes} min
            </dd>
          </div>
          <div>
            <dt>Usual</dt>
            <dd>{formatMetricValue(alert.metric, alert.expected)}</dd>
          </div>
          <div>
            <dt>Started</dt>
            <dd>{formatDateTime(alert.surgeStart, tz)}</dd>
          </div>
          <div>
            <dt>{alert.clearedAt ? 'Over' : 'Status'}</dt>
            <dd>{alert.clearedAt ? formatDateTime(alert.clearedAt, tz) : 'Still going on'}</dd>
          </div>
        </dl>
        {alert.topTerms.length > 0 ? (
          <p className="incident-header__terms">
            People talk about:{' '}
            <span className="chips">
              {alert.topTerms.slice(0, 8).map((t) => (
                <span key={t.term} className="chip">
                  {t.term}
                </span>
              ))}
            </span>
          </p>
        ) : null}
        <p className="incident-header__links">
          <Link to={alertInboxHref(alert)}>
            All {incident.counts.mentions} {incident.counts.mentions === 1 ? 'mention' : 'mentions'} in the inbox
          </Link>
          <span className="muted">
            {incident.counts.authors} {incident.counts.authors === 1 ? 'author' : 'authors'}, {incident.counts.negative} negative
          </span>
          {alert.historical ? <span className="muted">Found while Earshot learned the past: nobody was notified at the time.</span> : null}
        </p>
      </header>
      <div className="incident-layout">
        <div className="incident-layout__main">
          <section className="panel" aria-labelledby="surge-heading">
            <h2 className="panel__title" id="surge-heading">
              The surge against normal
            </h2>
            <SurgeChart
              series={incident.series}
              bucketMinutes={incident.window.bucketMinutes}
              expectedBasis={incident.expectedBasis}
              surgeStart={alert.surgeStart}
              clearedAt={alert.clearedAt}
              timeZone={tz}
              subject={`${alert.brandName} mentions`}
            />
          </section>
          <section className="panel" aria-labelledby="groups-heading">
            <h2 className="panel__title" id="groups-heading">
              What people are saying
            </h2>
            <MentionGroups groups={incident.groups} alert={alert} timeZone={tz} />
          </section>
          <section className="panel" aria-labelledby="authors-heading">
            <h2 className="panel__title" id="authors-heading">
              Affected authors
            </h2>
            <AffectedAuthors authors={incident.authors} counts={incident.counts} />
          </section>
        </div>
        <aside className="incident-layout__side" aria-label="Answer">
          <AnswerAuthorsPanel key={alert.id} incident={incident} guide={guide} agent={user} canAct={canAct} onQueued={onChanged} />
          {canAct ? <StatusPostPanel key={`status-${alert.id}`} incident={incident} guide={guide} agent={user} timeZone={tz} onPosted={onChanged} /> : null}
        </aside>
      </div>
    </>
  );
}
