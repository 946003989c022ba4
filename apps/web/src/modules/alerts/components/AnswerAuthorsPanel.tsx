import { useCallback, useState } from 'react';
import type { User } from '@earshot/contracts';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { ConfirmAction } from '../../../shared/ui/ConfirmAction';
import * as incidentsApi from '../api/incidents.api';
import type { Incident } from '../api/alert-schemas';
import { useOnceAction } from '../hooks/useOnceAction';
import { useStatementLint } from '../hooks/useStatementLint';
import { repliesResultText } from '../skip-reasons';
import { StatementEditor } from './StatementEditor';

interface AnswerAuthorsPanelProps {
  incident: Incident;
  agent: Pick<User, 'firstName' | 'signature'>;
  canAct: boolean;
  /** After replies were queued: the view reads who is answered again. */
  onQueued(): void;
}

const authorsText = (n: number) => `${n} ${n === 1 ? 'author' : 'authors'}`;

/**
 * The proposed holding statement, editable, checked by the voice linter as it is typed; and
 * "Answer N authors": one reply to each affected author not yet answered, each addressed to
 * them, through the reply outbox. Confirmed first; one key per statement, so a double click
 * or a retry after a lost answer queues nothing twice.
 */
export function AnswerAuthorsPanel({ incident, agent, canAct, onQueued }: AnswerAuthorsPanelProps) {
  const proposal = incident.holdingStatement;
  const [text, setText] = useState(proposal.body);
  const [confirming, setConfirming] = useState(false);
  const { report, problem } = useStatementLint({ incident, text, agent, checkedText: proposal.body, checkedReport: proposal.lint });
  const alertId = incident.alert.id;
  const send = useCallback((clientKey: string) => incidentsApi.answerAuthors(alertId, { body: text, clientKey }), [alertId, text]);
  const action = useOnceAction(send);
  const open = incident.authors.filter((a) => !a.replied).length;
  const blocked = report?.blocked ?? false;
  const why = !text.trim()
    ? 'Write the statement first.'
    : blocked
      ? 'Fix the problems marked “Must fix” first.'
      : open === 0
        ? 'Every affected author has been answered.'
        : null;

  const confirm = async () => {
    const result = await action.run();
    if (result) {
      setConfirming(false);
      onQueued();
    }
  };

  return (
    <section className="panel incident-action" aria-labelledby="answer-heading">
      <h2 className="panel__title" id="answer-heading">
        Holding statement
      </h2>
      <p className="muted incident-action__note">
        {proposal.templateId ? 'Proposed from the brand’s templates.' : 'A default text: the brand has no template for incidents yet.'} Each author gets it as a
        reply to their latest mention, addressed to them (@handle), so no two replies are the same text.
      </p>
      <StatementEditor label="Holding statement" text={text} report={report} onChange={setText} readOnly={!canAct} />
      {problem ? <p className="muted">{problem}</p> : null}
      {canAct ? (
        <>
          {confirming ? (
            <ConfirmAction
              title={`Answer ${authorsText(open)}?`}
              confirmLabel={`Queue ${open} ${open === 1 ? 'reply' : 'replies'}`}
              busy={action.sending}
              onConfirm={() => void confirm()}
              onCancel={() => setConfirming(false)}
            >
              <p>
                One public reply to each, through the reply outbox and within each platform’s limits; approvals and the voice check apply. Authors already
                answered are skipped.
              </p>
            </ConfirmAction>
          ) : (
            <div className="form__actions">
              <Button variant="primary" disabled={why !== null} onClick={() => setConfirming(true)}>
                Answer {authorsText(open)}
              </Button>
              {why ? <span className="muted">{why}</span> : null}
            </div>
          )}
          {action.outcome.status === 'sending' ? (
            <p role="status" className="muted">
              Queuing the replies…
            </p>
          ) : null}
          {action.outcome.status === 'done' ? (
            <Alert tone="success" title="Replies queued">
              <p>{repliesResultText(action.outcome.result)}.</p>
            </Alert>
          ) : null}
          {action.outcome.status === 'failed' ? <Alert tone="error">{action.outcome.message}</Alert> : null}
        </>
      ) : (
        <p className="muted">Managers answer the affected authors from here.</p>
      )}
    </section>
  );
}
