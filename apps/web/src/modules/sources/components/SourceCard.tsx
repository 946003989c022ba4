import { useId, type ReactNode } from 'react';
import type { Source } from '@earshot/contracts';
import { Button } from '../../../shared/ui/Button';
import { ExternalLink } from '../../../shared/ui/ExternalLink';
import { RelativeTime } from '../../../shared/ui/RelativeTime';
import { formatDateTime } from '../../../shared/format/format-date-time';
import { HEALTH } from '../source-health';
import { PLATFORM_INFO, streamOf } from '../source-platforms';
import { formatPollInterval } from '../format-poll-interval';
import { SourceHealthBadge } from './SourceHealthBadge';

interface SourceCardProps {
  source: Source;
  now: Date;
  timeZone: string;
  /** Admins: "Poll now", "Edit" and "Delete". */
  canManage: boolean;
  busy: boolean;
  /** The open edit form or delete confirmation, under the card's facts. */
  children?: ReactNode;
  editing: boolean;
  onPollNow(source: Source): void;
  onEdit(source: Source): void;
  onDelete(source: Source): void;
}

const DUE_MARGIN_MS = 5_000;

function NextPoll({ source, now, timeZone }: { source: Source; now: Date; timeZone: string }) {
  const next = source.health.nextPollAt;
  if (!next) return <span className="muted">Not scheduled</span>;
  // `now` renews every few seconds: a poll due within that margin is due now.
  if (new Date(next).getTime() - now.getTime() <= DUE_MARGIN_MS) {
    return (
      <time dateTime={next} title={formatDateTime(next, timeZone)}>
        Due now
      </time>
    );
  }
  return <RelativeTime iso={next} now={now} timeZone={timeZone} />;
}

export function SourceCard({ source, now, timeZone, canManage, busy, children, editing, onPollNow, onEdit, onDelete }: SourceCardProps) {
  const headingId = useId();
  const health = HEALTH[source.health.status];
  const stream = streamOf(source.platform, source.streamKind);
  const { lastError, lastErrorAt, consecutiveFailures } = source.health;

  return (
    <li>
      <article className={`source-card source-card--${source.health.status}`} aria-labelledby={headingId}>
        <header className="source-card__header">
          <div className="source-card__identity">
            <p className="source-card__platform">{PLATFORM_INFO[source.platform].label}</p>
            <h3 className="source-card__name" id={headingId}>
              {source.name}
            </h3>
            <p className="source-card__url">
              <ExternalLink href={source.baseUrl} />
            </p>
          </div>
          <SourceHealthBadge status={source.health.status} />
        </header>

        <dl className="source-card__facts">
          <div>
            <dt>Stream</dt>
            <dd>
              {stream?.label ?? source.streamKind}
              {source.streamQuery ? (
                <>
                  {' '}
                  <code className="source-card__query">{source.streamQuery}</code>
                </>
              ) : null}
            </dd>
          </div>
          <div>
            <dt>Last poll</dt>
            <dd>
              {source.health.lastPollAt ? <RelativeTime iso={source.health.lastPollAt} now={now} timeZone={timeZone} /> : <span className="muted">Never</span>}
            </dd>
          </div>
          <div>
            <dt>Next poll</dt>
            <dd>
              <NextPoll source={source} now={now} timeZone={timeZone} />
            </dd>
          </div>
          <div>
            <dt>Mentions today</dt>
            <dd>{source.health.mentionsToday.toLocaleString()}</dd>
          </div>
          <div>
            <dt>Polled every</dt>
            <dd>{formatPollInterval(source.pollIntervalSeconds)}</dd>
          </div>
        </dl>

        {lastError ? (
          <div className={health.needsAction ? 'source-card__error source-card__error--action' : 'source-card__error'}>
            <p className="source-card__error-title">
              {health.needsAction ? health.description : 'Last error'}
              {lastErrorAt ? (
                <>
                  {' '}
                  <span className="source-card__error-when">
                    (<RelativeTime iso={lastErrorAt} now={now} timeZone={timeZone} />
                    {consecutiveFailures > 1 ? `, ${consecutiveFailures} failures in a row` : ''})
                  </span>
                </>
              ) : null}
            </p>
            <p className="source-card__error-text">{lastError}</p>
          </div>
        ) : health.needsAction ? (
          <p className="source-card__error source-card__error--action">{health.description}</p>
        ) : null}

        {canManage && !editing ? (
          <div className="source-card__actions">
            <Button
              size="sm"
              disabled={busy || !source.enabled}
              title={source.enabled ? undefined : 'Enable the source first'}
              onClick={() => onPollNow(source)}
            >
              Poll now<span className="visually-hidden"> {source.name}</span>
            </Button>
            <Button size="sm" variant="ghost" disabled={busy} onClick={() => onEdit(source)}>
              Edit<span className="visually-hidden"> {source.name}</span>
            </Button>
            <Button size="sm" variant="danger" disabled={busy} onClick={() => onDelete(source)}>
              Delete<span className="visually-hidden"> {source.name}</span>
            </Button>
          </div>
        ) : null}
        {children}
      </article>
    </li>
  );
}
