import type { MentionDetail, Reply, UserRef } from '@earshot/contracts';
import { useSession } from '../../auth/hooks/useSession';
import { Button } from '../../../shared/ui/Button';
import { useReplyClaim } from '../hooks/useReplyClaim';
import { ReplyabilityNotice } from './ReplyabilityNotice';
import { ReplyComposer } from './ReplyComposer';

interface ReplyPanelProps {
  detail: MentionDetail;
  me: string;
  /** Who holds the claim now, from the live mention. */
  holder: UserRef | null;
  autoStart: boolean;
  /** A reply the api accepted: shown in the thread at once. */
  onSent(reply: Reply): void;
}

/**
 * Answering the mention. One that cannot be answered from here says why (a feed, a source
 * without the credentials to post, a competitor's mention). Otherwise "Reply" claims the
 * mention so nobody else answers it too (someone else's claim is shown with "Take over"),
 * and the composer opens once the claim is ours.
 */
export function ReplyPanel(props: ReplyPanelProps) {
  const { replyability, mention } = props.detail;
  if (!replyability.canReply) {
    return (
      <section className="reply" aria-label="Reply">
        <ReplyabilityNotice replyability={replyability} mention={mention} />
      </section>
    );
  }
  return <ClaimedReply {...props} />;
}

function ClaimedReply({ detail, me, holder, autoStart, onSent }: ReplyPanelProps) {
  const { user } = useSession();
  const { state, start, takeOver } = useReplyClaim(detail.mention.id, me, holder, { autoStart });
  const othersClaim = holder !== null && holder.id !== me;

  return (
    <section className="reply" aria-label="Reply">
      {state.status === 'idle' || state.status === 'error' ? (
        <>
          {othersClaim ? <p className="claim">{holderText(holder, detail)}</p> : null}
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
          <p className="claim">{state.holder ? holderText(state.holder, detail) : state.message}</p>
          <Button variant="primary" size="sm" onClick={takeOver}>
            Take over
          </Button>
        </>
      ) : null}
      {state.status === 'held' ? (
        <>
          <p className="reply__held">You are replying. Others see that and cannot answer without taking over.</p>
          <ReplyComposer detail={detail} agent={user} onSent={onSent} />
        </>
      ) : null}
    </section>
  );
}

/** Who holds the mention, and why when their reply waits for a manager. */
function holderText(holder: UserRef, detail: MentionDetail): string {
  const claim = detail.mention.claim;
  return claim?.reason === 'awaiting_approval' && claim.user.id === holder.id
    ? `${holder.name}’s reply is awaiting a manager’s approval`
    : `${holder.name} is replying`;
}
