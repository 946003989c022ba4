import type { UserRef } from '@earshot/contracts';
import { Button } from '../../../shared/ui/Button';
import { useReplyClaim } from '../hooks/useReplyClaim';

interface ReplyPanelProps {
  mentionId: string;
  me: string;
  /** Who holds the claim now, from the live mention. */
  holder: UserRef | null;
  autoStart: boolean;
}

/**
 * "Reply" claims the mention so nobody else answers it too. Someone else's claim is shown
 * with "Take over"; once the claim is ours, the composer's place is held (it comes with templates).
 */
export function ReplyPanel({ mentionId, me, holder, autoStart }: ReplyPanelProps) {
  const { state, start, takeOver } = useReplyClaim(mentionId, me, holder, { autoStart });
  const othersClaim = holder !== null && holder.id !== me;

  return (
    <section className="reply" aria-label="Reply">
      {state.status === 'idle' || state.status === 'error' ? (
        <>
          {othersClaim ? <p className="claim">{holder.name} is replying</p> : null}
          {state.status === 'error' ? <p className="field__error">{state.message}</p> : null}
          {othersClaim ? (
            <Button variant="primary" size="sm" onClick={takeOver}>
              Take over
            </Button>
          ) : (
            <Button variant="primary" size="sm" onClick={start}>
              Reply
            </Button>
          )}
        </>
      ) : null}
      {state.status === 'claiming' ? <p className="loading">{state.takeOver ? 'Taking over…' : 'Claiming…'}</p> : null}
      {state.status === 'conflict' ? (
        <>
          <p className="claim">{state.holder ? `${state.holder.name} is replying` : state.message}</p>
          <Button variant="primary" size="sm" onClick={takeOver}>
            Take over
          </Button>
        </>
      ) : null}
      {state.status === 'held' ? (
        <>
          <p className="reply__held">You are replying. Others see that and cannot answer without taking over.</p>
          <textarea className="field__input reply__composer" rows={4} disabled aria-label="Reply" placeholder="Reply composer arrives with templates" />
        </>
      ) : null}
    </section>
  );
}
