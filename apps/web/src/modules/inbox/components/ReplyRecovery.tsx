import { useState } from 'react';
import type { Reply } from '@earshot/contracts';
import { isApiRequestError } from '../../../shared/http';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { ConfirmAction } from '../../../shared/ui/ConfirmAction';
import { TextField } from '../../../shared/ui/TextField';
import * as repliesApi from '../api/replies.api';
import type { ReplyWayOut } from '../reply-status-labels';

/** Notes a person picks most often; the field stays free text. */
export const DISMISS_NOTES = ['I posted it by hand', 'No longer needed'] as const;

const NOTE_MAX = 1000;

interface ReplyRecoveryProps {
  reply: Reply;
  wayOut: ReplyWayOut;
  /** The api's answer: shown in the thread at once (later changes arrive over the socket). */
  onChanged(reply: Reply): void;
}

/**
 * Retry and Dismiss for a failed or unconfirmed reply, for its author, managers and admins
 * (the caller decides who sees it; the api checks again). The api's refusals are shown in its
 * own words: they say what to do instead.
 */
export function ReplyRecovery({ reply, wayOut, onChanged }: ReplyRecoveryProps) {
  const [busy, setBusy] = useState<'retry' | 'dismiss' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dismissing, setDismissing] = useState(false);
  const [note, setNote] = useState('');

  if (!wayOut.retry && !wayOut.dismiss) return null;

  const run = async (kind: 'retry' | 'dismiss', call: () => Promise<Reply>) => {
    if (busy) return;
    setBusy(kind);
    setError(null);
    try {
      onChanged(await call());
      setDismissing(false);
      setNote('');
    } catch (e) {
      setError(isApiRequestError(e) && e.message ? e.message : `The reply could not be ${kind === 'retry' ? 'retried' : 'dismissed'}: try again.`);
    } finally {
      setBusy(null);
    }
  };
  const retry = () => void run('retry', () => repliesApi.retryReply(reply.id));
  const dismiss = () => {
    const trimmed = note.trim();
    void run('dismiss', () => repliesApi.dismissReply(reply.id, trimmed || undefined));
  };

  return (
    <div className="reply-recovery" data-testid="reply-recovery">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {dismissing ? (
        <ConfirmAction
          title="Dismiss this reply?"
          confirmLabel="Dismiss reply"
          busy={busy === 'dismiss'}
          onConfirm={dismiss}
          onCancel={() => {
            setDismissing(false);
            setError(null);
          }}
        >
          <p>Earshot will never send it, and the mention stops showing it as failed.</p>
          <TextField
            label="Note (optional)"
            value={note}
            maxLength={NOTE_MAX}
            onChange={(event) => setNote(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                dismiss();
              }
            }}
          />
          <div className="reply-recovery__notes" role="group" aria-label="Common notes">
            {DISMISS_NOTES.map((text) => (
              <Button key={text} size="sm" variant="ghost" aria-pressed={note === text} onClick={() => setNote(text)}>
                {text}
              </Button>
            ))}
          </div>
        </ConfirmAction>
      ) : (
        <div className="reply-recovery__actions">
          {wayOut.retry ? (
            <Button size="sm" variant="primary" busy={busy === 'retry'} onClick={retry}>
              Retry
            </Button>
          ) : null}
          {wayOut.dismiss ? (
            <Button size="sm" disabled={busy !== null} onClick={() => setDismissing(true)}>
              Dismiss
            </Button>
          ) : null}
        </div>
      )}
    </div>
  );
}
