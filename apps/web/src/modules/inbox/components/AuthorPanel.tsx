import type { MentionDetail } from '@earshot/contracts';
import { formatCompactNumber } from '../../../shared/format/format-compact-number';
import { isHttpUrl } from '../../../shared/url/is-http-url';
import { RelativeTime } from '../../../shared/ui/RelativeTime';
import { STATUS_LABELS } from '../mention-labels';
import { PostLink } from './PostLink';
import { SentimentBadge } from './SentimentBadge';

interface AuthorPanelProps {
  author: MentionDetail['mention']['author'];
  history: MentionDetail['authorHistory'];
  now: Date;
  timeZone: string;
}

/** Who wrote it and what they said before: answer a person, not a post. */
export function AuthorPanel({ author, history, now, timeZone }: AuthorPanelProps) {
  return (
    <section className="author" aria-label="Author">
      <div className="author__identity">
        {isHttpUrl(author.avatarUrl) ? (
          <img className="author__avatar" src={author.avatarUrl} alt="" width={40} height={40} referrerPolicy="no-referrer" />
        ) : null}
        <div>
          <p className="author__name">
            {author.displayName ?? author.handle}
            {author.verified ? <span className="badge badge--accent">Verified</span> : null}
            {author.bot ? <span className="badge badge--muted">Bot</span> : null}
          </p>
          <p className="author__handle">
            @{author.handle}
            {author.followers !== null ? ` · ${formatCompactNumber(author.followers)} followers` : ''}
          </p>
        </div>
      </div>
      <p className="author__counts">
        {history.total === 1 ? '1 mention' : `${history.total} mentions`} stored · {history.open} still open
      </p>
      {history.earlier.length ? (
        <ul className="author__history" aria-label="Earlier mentions">
          {history.earlier.map((m) => (
            <li key={m.id} className={`author__earlier author__earlier--${m.sentiment?.label ?? 'unscored'}`}>
              <span className="author__earlier-meta">
                <RelativeTime iso={m.postedAt} now={now} timeZone={timeZone} past /> · <SentimentBadge sentiment={m.sentiment} />{' '}
                <span className={`status status--${m.status}`}>{STATUS_LABELS[m.status]}</span>
              </span>
              <span className="author__earlier-text">{m.text}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No earlier mentions from this author.</p>
      )}
      {history.teamReplies.length ? (
        <>
          <h4 className="author__subheading">Earlier replies from the team</h4>
          <ul className="author__history" aria-label="Earlier replies from the team">
            {history.teamReplies.map((r) => (
              <li key={r.replyId} className="author__earlier author__earlier--ours">
                <span className="author__earlier-meta">
                  <RelativeTime iso={r.sentAt} now={now} timeZone={timeZone} past /> · {r.author.name}
                  {r.templateUnedited ? <span className="badge badge--muted">template, unedited</span> : null} <PostLink url={r.externalUrl} label="View" />
                </span>
                <span className="author__earlier-text">{r.text}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
