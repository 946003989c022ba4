import type { MentionDetail } from '@earshot/contracts';
import { RelativeTime } from '../../../shared/ui/RelativeTime';
import { SentimentBadge } from './SentimentBadge';

type ThreadMention = MentionDetail['thread']['replies'][number];

function ThreadPost({ mention, now, timeZone, kind }: { mention: ThreadMention; now: Date; timeZone: string; kind: string }) {
  return (
    <li className="thread__post">
      <p className="thread__meta">
        <span className="thread__kind">{kind}</span> @{mention.author.handle} · <RelativeTime iso={mention.postedAt} now={now} timeZone={timeZone} past />{' '}
        <SentimentBadge sentiment={mention.sentiment} />
      </p>
      <p className="thread__text">{mention.text}</p>
    </li>
  );
}

/** The post this mention answers and the stored answers to it (our own replies follow in `TeamReplyList`; `ours` says there are some). */
export function MentionThread({ thread, now, timeZone, ours = false }: { thread: MentionDetail['thread']; now: Date; timeZone: string; ours?: boolean }) {
  if (!thread.parent && thread.replies.length === 0) return ours ? null : <p className="muted">Not part of a conversation Earshot has stored.</p>;
  return (
    <ol className="thread" aria-label="Thread">
      {thread.parent ? <ThreadPost mention={thread.parent} now={now} timeZone={timeZone} kind="In reply to" /> : null}
      {thread.replies.map((reply) => (
        <ThreadPost key={reply.id} mention={reply} now={now} timeZone={timeZone} kind="Reply" />
      ))}
    </ol>
  );
}
