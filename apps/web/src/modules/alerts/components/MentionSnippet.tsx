import { Link } from 'react-router';
import type { Mention } from '@earshot/contracts';
import { formatDateTime } from '../../../shared/format/format-date-time';
import { SENTIMENT_LABELS } from '../../inbox/mention-labels';
import { platformLabel } from '../platform-label';

/** One mention, briefly: who, where, when, its text (as text, never markup) and a link to it in the inbox. */
export function MentionSnippet({ mention, timeZone }: { mention: Mention; timeZone: string }) {
  return (
    <li className="mention-snippet">
      <p className="mention-snippet__meta">
        {platformLabel(mention.platform)} · @{mention.author.handle} · <time dateTime={mention.postedAt}>{formatDateTime(mention.postedAt, timeZone)}</time>
        {mention.sentiment ? (
          <>
            {' · '}
            <span className={`sentiment sentiment--${mention.sentiment.label}`}>{SENTIMENT_LABELS[mention.sentiment.label]}</span>
          </>
        ) : null}
      </p>
      <p className="mention-snippet__text">{mention.text}</p>
      <p className="mention-snippet__links">
        <Link to={`/inbox/${encodeURIComponent(mention.id)}`}>Open in the inbox</Link>
      </p>
    </li>
  );
}
