import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { Mention, Reply } from '@earshot/contracts';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { RelativeTime } from '../../../shared/ui/RelativeTime';
import { PLATFORM_INFO } from '../../sources/source-platforms';
import { APPROVAL_REASON_TEXT } from '../../inbox/approval-reasons';
import { UrgencyBadge } from '../../inbox/components/UrgencyBadge';

interface ApprovalCardProps {
  reply: Reply;
  mention: Mention | null;
  now: Date;
  timeZone: string;
  /** Resolves to an error message, or null when decided. */
  onDecide(decision: 'approve' | 'reject', comment?: string): Promise<string | null>;
}

/** One reply waiting for a manager: the mention it answers, why it waits, the linter's findings, Approve / Reject. */
export function ApprovalCard({ reply, mention, now, timeZone, onDecide }: ApprovalCardProps) {
  const commentId = useId();
  const [rejecting, setRejecting] = useState(false);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const decide = async (decision: 'approve' | 'reject') => {
    if (decision === 'reject' && !comment.trim()) {
      setError('Write what the agent should change: a rejection needs a comment.');
      return;
    }
    setBusy(decision);
    setError(null);
    const problem = await onDecide(decision, decision === 'reject' ? comment.trim() : undefined);
    setBusy(null);
    if (problem) setError(problem);
  };

  return (
    <li className="approval" data-testid="approval" data-reply-id={reply.id} aria-label={`Reply by ${reply.author.name}`}>
      <div className="approval__mention">
        <p className="approval__meta">
          {mention ? (
            <>
              <UrgencyBadge urgency={mention.urgency} /> {PLATFORM_INFO[mention.platform].label} · @{mention.author.handle} ·{' '}
              <RelativeTime iso={mention.postedAt} now={now} timeZone={timeZone} past /> · <Link to={`/inbox/${mention.id}`}>Open in the inbox</Link>
            </>
          ) : (
            <Link to={`/inbox/${reply.mentionId}`}>Open the mention in the inbox</Link>
          )}
        </p>
        {mention ? <p className="approval__mention-text">{mention.text}</p> : null}
      </div>
      <div className="approval__reply">
        <p className="approval__meta">
          {reply.author.name} wrote <RelativeTime iso={reply.createdAt} now={now} timeZone={timeZone} past />:
        </p>
        <p className="approval__reply-text">{reply.text}</p>
        <p className="approval__why">
          Needs approval: {reply.approval.reasons.length ? reply.approval.reasons.map((r) => APPROVAL_REASON_TEXT[r]).join('; ') : 'asked for by the workflow'}.
        </p>
        {reply.lint.findings.length ? (
          <ul className="lint" aria-label="Linter findings">
            {reply.lint.findings.map((f, i) => (
              <li key={`${f.ruleId}-${i}`} className={`lint__finding lint__finding--${f.severity}`}>
                <span className="lint__severity">{f.requiresApproval ? 'Needs approval' : f.severity === 'block' ? 'Must fix' : 'Check'}</span>
                <span className="lint__message">{f.message}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">The linter found nothing to check.</p>
        )}
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {rejecting ? (
        <div className="approval__reject">
          <label className="field__label" htmlFor={commentId}>
            What should the agent change?
          </label>
          <textarea
            id={commentId}
            className="field__input"
            rows={2}
            value={comment}
            required
            autoFocus
            maxLength={1000}
            onChange={(event) => setComment(event.target.value)}
          />
        </div>
      ) : null}
      <div className="approval__actions">
        {rejecting ? (
          <>
            <Button variant="danger" size="sm" busy={busy === 'reject'} disabled={busy !== null || !comment.trim()} onClick={() => void decide('reject')}>
              Reject with comment
            </Button>
            <Button variant="ghost" size="sm" disabled={busy !== null} onClick={() => setRejecting(false)}>
              Cancel
            </Button>
          </>
        ) : (
          <>
            <Button variant="primary" size="sm" busy={busy === 'approve'} disabled={busy !== null} onClick={() => void decide('approve')}>
              Approve and send
            </Button>
            <Button variant="secondary" size="sm" disabled={busy !== null} onClick={() => setRejecting(true)}>
              Reject…
            </Button>
          </>
        )}
      </div>
    </li>
  );
}
