import type { Reply, Role } from '@earshot/contracts';
import { Badge } from '../../../shared/ui/Badge';
import { RelativeTime } from '../../../shared/ui/RelativeTime';
import { REPLY_STATUS_LABELS, REPLY_STATUS_TONES, replyStatusHelp, replyWayOut } from '../reply-status-labels';
import { PostLink } from './PostLink';
import { ReplyRecovery } from './ReplyRecovery';

interface TeamReplyListProps {
  replies: readonly Reply[];
  now: Date;
  timeZone: string;
  /** The signed-in user and role: a reply's author, managers and admins may retry or dismiss it. */
  me: string;
  role: Role;
  /** Viewers: no actions at all. */
  readOnly?: boolean;
  /** A reply the api answered with after a retry or dismissal. */
  onChanged(reply: Reply): void;
}

/** Our replies to this mention, oldest first, each with its live status, what to do about it, and the way out of a failed one. */
export function TeamReplyList({ replies, now, timeZone, me, role, readOnly = false, onChanged }: TeamReplyListProps) {
  if (replies.length === 0) return null;
  return (
    <ol className="thread thread--ours" aria-label="Our replies">
      {replies.map((reply) => {
        const help = replyStatusHelp(reply, now);
        const mayAct = !readOnly && (reply.author.id === me || role === 'manager' || role === 'admin');
        return (
          <li
            key={reply.id}
            className={`thread__post thread__post--ours thread__post--${reply.status}${reply.dismissal ? ' thread__post--dismissed' : ''}`}
            data-testid="our-reply"
            data-status={reply.status}
            data-dismissed={reply.dismissal ? 'true' : undefined}
          >
            <p className="thread__meta">
              <span className="thread__kind">Our reply</span> {reply.author.name} ·{' '}
              <RelativeTime iso={reply.sentAt ?? reply.createdAt} now={now} timeZone={timeZone} past />{' '}
              <Badge tone={REPLY_STATUS_TONES[reply.status]}>{REPLY_STATUS_LABELS[reply.status]}</Badge>
              {reply.dismissal ? (
                <>
                  {' '}
                  <Badge tone="muted">Dismissed</Badge>
                </>
              ) : null}
            </p>
            <p className="thread__text">{reply.text}</p>
            {help ? <p className="thread__help">{help}</p> : null}
            {(reply.status === 'failed' || reply.status === 'unknown') && reply.lastError && !reply.dismissal ? (
              <p className="thread__help">What happened: {reply.lastError}</p>
            ) : null}
            {reply.dismissal ? (
              <p className="thread__comment" data-testid="reply-dismissal">
                Dismissed by {reply.dismissal.by.name} <RelativeTime iso={reply.dismissal.at} now={now} timeZone={timeZone} past />
                {reply.dismissal.note ? (
                  <>
                    : <q>{reply.dismissal.note}</q>
                  </>
                ) : null}
              </p>
            ) : null}
            {reply.status === 'rejected' && reply.approval.comment ? (
              <p className="thread__comment">
                {reply.approval.decidedBy?.name ?? 'A manager'}: <q>{reply.approval.comment}</q>
              </p>
            ) : null}
            {reply.status === 'sent' ? <PostLink url={reply.externalUrl} label="View the reply on the platform" /> : null}
            {mayAct ? <ReplyRecovery key={`${reply.id}:${reply.status}`} reply={reply} wayOut={replyWayOut(reply, now)} onChanged={onChanged} /> : null}
          </li>
        );
      })}
    </ol>
  );
}
