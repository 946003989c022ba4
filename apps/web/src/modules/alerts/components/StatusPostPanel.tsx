import { useCallback, useState } from 'react';
import type { User } from '@earshot/contracts';
import { formatDateTime } from '../../../shared/format/format-date-time';
import { Alert } from '../../../shared/ui/Alert';
import { Badge } from '../../../shared/ui/Badge';
import { Button } from '../../../shared/ui/Button';
import { ConfirmAction } from '../../../shared/ui/ConfirmAction';
import { SelectField } from '../../../shared/ui/SelectField';
import { PostLink } from '../../inbox/components/PostLink';
import { REPLY_STATUS_LABELS, REPLY_STATUS_TONES } from '../../inbox/reply-status-labels';
import * as incidentsApi from '../api/incidents.api';
import type { Incident } from '../api/alert-schemas';
import { useOnceAction } from '../hooks/useOnceAction';
import { useStatusPostCheck, type BrandGuide } from '../hooks/useStatementLint';
import { platformLabel } from '../platform-label';
import { StatementEditor } from './StatementEditor';

interface StatusPostPanelProps {
  incident: Incident;
  guide: BrandGuide;
  agent: Pick<User, 'firstName' | 'signature'>;
  timeZone: string;
  /** After the post was queued: the view reads the incident's status posts again. */
  onPosted(): void;
}

/**
 * "Post a status update": one public post from a connected account of the brand (not a reply),
 * checked by the voice linter, confirmed first, and posted exactly once however often it is sent.
 */
export function StatusPostPanel({ incident, guide: { guide }, agent, timeZone, onPosted }: StatusPostPanelProps) {
  const sources = incident.statusPostSources;
  const [body, setBody] = useState(incident.statusPostDraft.body);
  const [sourceId, setSourceId] = useState(() => (sources.find((s) => s.suggested) ?? sources[0])?.id ?? '');
  const [confirming, setConfirming] = useState(false);
  const source = sources.find((s) => s.id === sourceId) ?? null;
  const report = useStatusPostCheck(incident, body, source?.platform ?? 'mastodon', agent, guide);
  const alertId = incident.alert.id;
  const send = useCallback(
    (clientKey: string) => incidentsApi.postStatusUpdate(alertId, { body, clientKey, ...(sourceId ? { sourceId } : {}) }),
    [alertId, body, sourceId],
  );
  const action = useOnceAction(send);
  const why = !source
    ? 'No connected account can post: connect one with posting rights in Settings › Sources.'
    : !body.trim()
      ? 'Write the update first.'
      : report?.blocked
        ? 'Fix the problems marked “Must fix” first.'
        : null;

  const confirm = async () => {
    if (await action.run()) {
      setConfirming(false);
      onPosted();
    }
  };

  return (
    <section className="panel incident-action" aria-labelledby="status-post-heading">
      <h2 className="panel__title" id="status-post-heading">
        Status update
      </h2>
      <p className="muted incident-action__note">One public post for everyone, including people who never wrote. It answers nobody.</p>
      {sources.length > 1 ? (
        <SelectField
          label="Post from"
          value={sourceId}
          options={sources.map((s) => ({ value: s.id, label: `${s.name}${s.suggested ? ' (most mentions came here)' : ''}` }))}
          onChange={(e) => setSourceId(e.target.value)}
        />
      ) : source ? (
        <p className="muted">
          From {source.name} ({platformLabel(source.platform)}).
        </p>
      ) : null}
      <StatementEditor label="Status update" text={body} report={report} findings={report?.findings ?? []} onChange={setBody} />
      {confirming && source ? (
        <ConfirmAction
          title={`Post this update publicly from ${source.name}?`}
          confirmLabel="Post it"
          busy={action.sending}
          onConfirm={() => void confirm()}
          onCancel={() => setConfirming(false)}
        >
          <p>It goes out once, through the outbox.</p>
        </ConfirmAction>
      ) : (
        <div className="form__actions">
          <Button disabled={why !== null} onClick={() => setConfirming(true)}>
            Post a status update
          </Button>
          {why ? <span className="muted">{why}</span> : null}
        </div>
      )}
      {action.outcome.status === 'sending' ? (
        <p role="status" className="muted">
          Posting…
        </p>
      ) : null}
      {action.outcome.status === 'done' ? (
        <Alert tone="success" title="Status update queued">
          <p>It is posted as soon as the outbox reaches it.</p>
        </Alert>
      ) : null}
      {action.outcome.status === 'failed' ? <Alert tone="error">{action.outcome.message}</Alert> : null}
      {incident.statusPosts.length > 0 ? (
        <ul className="status-posts" aria-label="Status updates of this incident">
          {incident.statusPosts.map((p) => (
            <li key={p.id} className="status-post">
              <p className="status-post__meta">
                <Badge tone={REPLY_STATUS_TONES[p.status]}>{REPLY_STATUS_LABELS[p.status]}</Badge> {platformLabel(p.platform)} · {p.author.name} ·{' '}
                {formatDateTime(p.sentAt ?? p.createdAt, timeZone)}
              </p>
              <p className="status-post__text">{p.text}</p>
              {p.lastError ? <p className="field__error">{p.lastError}</p> : null}
              <PostLink url={p.externalUrl} label="View the post" />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
