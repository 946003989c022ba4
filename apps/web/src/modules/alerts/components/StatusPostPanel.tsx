import { useCallback, useState } from 'react';
import type { User } from '@earshot/contracts';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { ConfirmAction } from '../../../shared/ui/ConfirmAction';
import { categoryLabel } from '../../templates/complaint-categories';
import * as incidentsApi from '../api/incidents.api';
import type { Incident } from '../api/alert-schemas';
import { useOnceAction } from '../hooks/useOnceAction';
import { useStatementLint } from '../hooks/useStatementLint';
import { platformLabel } from '../platform-label';
import { StatementEditor } from './StatementEditor';

interface StatusPostPanelProps {
  incident: Incident;
  agent: Pick<User, 'firstName' | 'signature'>;
}

/** A first status update that says what is known without promising what is not. */
export function defaultStatusText(incident: Incident): string {
  const about = incident.alert.category ? ` with ${categoryLabel(incident.alert.category).toLowerCase()}` : '';
  return `We know some of you are having problems${about} right now, and we are sorry. We are looking into it and will post an update here as soon as we know more.`;
}

/**
 * "Post a status update": one public post from the brand's account (not a reply), checked by
 * the voice linter, confirmed first, and posted exactly once however often it is sent.
 */
export function StatusPostPanel({ incident, agent }: StatusPostPanelProps) {
  const [initial] = useState(() => defaultStatusText(incident));
  const [text, setText] = useState(initial);
  const [confirming, setConfirming] = useState(false);
  const { report, problem, platform } = useStatementLint({ incident, text, agent, checkedText: '', checkedReport: incident.holdingStatement.lint });
  const alertId = incident.alert.id;
  const send = useCallback((clientKey: string) => incidentsApi.postStatusUpdate(alertId, { body: text, clientKey }), [alertId, text]);
  const action = useOnceAction(send);
  const blocked = report?.blocked ?? false;
  const why = !text.trim() ? 'Write the update first.' : blocked ? 'Fix the problems marked “Must fix” first.' : null;

  const confirm = async () => {
    if (await action.run()) setConfirming(false);
  };

  return (
    <section className="panel incident-action" aria-labelledby="status-post-heading">
      <h2 className="panel__title" id="status-post-heading">
        Status update
      </h2>
      <p className="muted incident-action__note">
        One public post from the brand’s {platformLabel(platform)} account for everyone, including people who never wrote.
      </p>
      <StatementEditor label="Status update" text={text} report={report} onChange={setText} />
      {problem ? <p className="muted">{problem}</p> : null}
      {confirming ? (
        <ConfirmAction
          title="Post this status update publicly?"
          confirmLabel="Post it"
          busy={action.sending}
          onConfirm={() => void confirm()}
          onCancel={() => setConfirming(false)}
        >
          <p>It goes out once, through the outbox, from the brand’s connected account.</p>
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
    </section>
  );
}
