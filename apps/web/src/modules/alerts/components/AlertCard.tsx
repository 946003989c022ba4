import { Link } from 'react-router';
import { formatDateTime } from '../../../shared/format/format-date-time';
import { alertInboxHref, incidentHref } from '../alert-links';
import { formatMetricValue, formatRatio, jumpWords, metricSubject } from '../alert-text';
import type { AlertEvent } from '../api/alert-schemas';
import { AlertStatusBadge } from './AlertStatusBadge';

interface AlertCardProps {
  alert: AlertEvent;
  timeZone: string;
}

/** One alert in the list: who, how big a jump, what people said, when, and where to look. */
export function AlertCard({ alert, timeZone }: AlertCardProps) {
  const brandName = alert.brandName;
  const subject = metricSubject(alert);
  return (
    <li className="alert-card" data-testid="alert-card">
      <div className="alert-card__head">
        <AlertStatusBadge alert={alert} />
        <h3 className="alert-card__title">
          <Link to={incidentHref(alert.id)}>
            {brandName}: {subject} {jumpWords(alert.ratio)}
          </Link>
        </h3>
      </div>
      <dl className="alert-card__figures">
        <div>
          <dt>Observed</dt>
          <dd>
            {formatMetricValue(alert.metric, alert.observed)} <span className="muted">in {alert.windowMinutes} min</span>
          </dd>
        </div>
        <div>
          <dt>Expected</dt>
          <dd>{formatMetricValue(alert.metric, alert.expected)}</dd>
        </div>
        <div>
          <dt>Jump</dt>
          <dd>{formatRatio(alert.ratio)}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{formatDateTime(alert.surgeStart, timeZone)}</dd>
        </div>
        <div>
          <dt>{alert.clearedAt ? 'Cleared' : 'Status'}</dt>
          <dd>{alert.clearedAt ? formatDateTime(alert.clearedAt, timeZone) : 'Still going on'}</dd>
        </div>
      </dl>
      {alert.topTerms.length > 0 ? (
        <ul className="chips alert-card__terms" aria-label="Top terms of the surge">
          {alert.topTerms.slice(0, 8).map((t) => (
            <li key={t.term} className="chip">
              {t.term} <span className="muted">{t.count}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="alert-card__links">
        <Link to={alertInboxHref(alert)}>
          {alert.mentionCount} {alert.mentionCount === 1 ? 'mention' : 'mentions'} in the inbox
        </Link>
        <Link to={incidentHref(alert.id)}>Open the incident view</Link>
      </p>
    </li>
  );
}
