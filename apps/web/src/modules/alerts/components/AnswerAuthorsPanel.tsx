import { useCallback, useState } from 'react';
import type { User } from '@earshot/contracts';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { ConfirmAction } from '../../../shared/ui/ConfirmAction';
import * as incidentsApi from '../api/incidents.api';
import type { Incident } from '../api/alert-schemas';
import { useOnceAction } from '../hooks/useOnceAction';
import { useHoldingStatementCheck, type BrandGuide } from '../hooks/useStatementLint';
import { replyProgressText } from '../reply-progress';
import { repliesResultText, SKIP_REASON_TEXT } from '../skip-reasons';
import { StatementEditor } from './StatementEditor';

interface AnswerAuthorsPanelProps {
  incident: Incident;
  /** The brand's voice guide (null until loaded: the default checks meanwhile) and why it is missing. */
  guide: BrandGuide;
  agent: Pick<User, 'firstName' | 'signature'>;
  canAct: boolean;
  /** After replies were queued: the view reads who is answered again. */
  onQueued(): void;
}

const authorsText = (n: number) => `${n} ${n === 1 ? 'author' : 'authors'}`;

/**
 * The proposed holding statement, editable, checked by the voice linter as it is typed (on
 * what an author gets: rendered for them and addressed); and "Answer N authors": one reply to
 * each affected author not yet answered, through the reply outbox. Confirmed first; one key
 * per statement, so a double click or a retry after a lost answer queues nothing twice.
 */
export function AnswerAuthorsPanel({ incident, guide: { guide, problem }, agent, canAct, onQueued }: AnswerAuthorsPanelProps) {
  const proposal = incident.holdingStatement;
  const [body, setBody] = useState(proposal.body);
  const [confirming, setConfirming] = useState(false);
  const check = useHoldingStatementCheck(incident, body, agent, guide);
  const alertId = incident.alert.id;
  const send = useCallback((clientKey: string) => incidentsApi.answerAuthors(alertId, { body, clientKey }), [alertId, body]);
  const action = useOnceAction(send);
  const open = incident.counts.toAnswer;
  const progress = replyProgressText(incident.authors);
  const blocked = check.report?.blocked ?? false;
  const why = !body.trim()
    ? 'Write the statement first.'
    : check.templateErrors.length > 0
      ? 'Fix the template first.'
      : blocked
        ? 'Fix the problems marked “Must fix” first.'
        : open === 0
          ? 'Every author who can be answered from here has been.'
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
        {proposal.templateTitle ? `From the template “${proposal.templateTitle}”.` : 'Earshot’s default text: the brand has no template for incidents yet.'}{' '}
        Each author gets it as a reply to their latest mention, with their name and a short reference of their own, so no two replies are the same text.
      </p>
      <StatementEditor label="Holding statement" text={body} report={check.report} findings={check.findings} onChange={setBody} readOnly={!canAct} />
      {check.templateErrors.length > 0 ? (
        <Alert tone="error" title="The statement’s variables do not work">
          <ul>
            {check.templateErrors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {check.preview !== null && check.preview !== body ? (
        <div className="statement-preview">
          <p className="statement-preview__label">What @{check.author.handle} gets:</p>
          <p className="statement-preview__text" data-testid="statement-preview">
            {check.preview}
          </p>
        </div>
      ) : null}
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
              {action.outcome.result.skipped.some((s) => s.reason === 'refused' || s.reason === 'claimed') ? (
                <ul>
                  {action.outcome.result.skipped
                    .filter((s) => s.reason === 'refused' || s.reason === 'claimed')
                    .map((s) => (
                      <li key={s.authorId}>
                        {SKIP_REASON_TEXT[s.reason]}: {s.message}
                      </li>
                    ))}
                </ul>
              ) : null}
            </Alert>
          ) : null}
          {action.outcome.status === 'failed' ? <Alert tone="error">{action.outcome.message}</Alert> : null}
          {progress ? (
            <p className="incident-action__progress" role="status" data-testid="reply-progress">
              Replies: {progress}
            </p>
          ) : null}
        </>
      ) : (
        <p className="muted">Managers answer the affected authors from here.</p>
      )}
    </section>
  );
}
