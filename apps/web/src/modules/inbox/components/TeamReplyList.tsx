import type { Reply } from '@earshot/contracts';
import { Badge } from '../../../shared/ui/Badge';
import { RelativeTime } from '../../../shared/ui/RelativeTime';
import { REPLY_STATUS_LABELS, REPLY_STATUS_TONES, replyStatusHelp } from '../reply-status-labels';
import { PostLink } from './PostLink';

interface TeamReplyListProps {
  replies: readonly Reply[];
  now: Date;
  timeZone: string;
}

/** Our replies to this mention, oldest first, each with its live status and what to do about it. */
export function TeamReplyList({ replies, now, timeZone }: TeamReplyListProps) {
  if (replies.length === 0) return null;
  return (
    <ol className="thread thread--ours" aria-label="Our replies">
      {replies.map((reply) => {
        const help = replyStatusHelp(reply);
        return (
          <li key={reply.id} className={`thread__post thread__post--ours thread__post--${reply.status}`} data-testid="our-reply" data-status={reply.status}>
            <p className="thread__meta">
              <span className="thread__kind">Our reply</span> {reply.author.name} ·{' '}
              <RelativeTime iso={reply.sentAt ?? reply.createdAt} now={now} timeZone={timeZone} past />{' '}
              <Badge tone={REPLY_STATUS_TONES[reply.status]}>{REPLY_STATUS_LABELS[reply.status]}</Badge>
            </p>
            <p className="thread__text">{reply.text}</p>
            {help ? <p className="thread__help">{help}</p> : null}
            {reply.status === 'rejected' && reply.approval.comment ? (
              <p className="thread__comment">
                {reply.approval.decidedBy?.name ?? 'A manager'}: <q>{reply.approval.comment}</q>
              </p>
            ) : null}
            {reply.status === 'sent' ? <PostLink url={reply.externalUrl} label="View the reply on the platform" /> : null}
          </li>
        );
      })}
    </ol>
  );
}
