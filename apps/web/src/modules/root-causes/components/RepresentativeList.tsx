import { Link } from 'react-router';
import type { RepresentativeMention } from '@earshot/contracts';
import { formatCompactNumber } from '../../../shared/format/format-compact-number';
import { formatDateTime } from '../../../shared/format/format-date-time';
import { PLATFORM_INFO } from '../../sources/source-platforms';
import { SENTIMENT_LABELS } from '../../inbox/mention-labels';
import { PostLink } from '../../inbox/components/PostLink';

interface RepresentativeListProps {
  mentions: readonly RepresentativeMention[];
  timeZone: string;
  /** Desk users open the mention in the inbox; an owner on a share link gets the original post instead. */
  inboxLinks: boolean;
}

/** A few complaints that stand for the category (different authors, no near-duplicates). Texts are shown as text. */
export function RepresentativeList({ mentions, timeZone, inboxLinks }: RepresentativeListProps) {
  if (mentions.length === 0) return <p className="muted">No complaints to show in this period.</p>;
  return (
    <ul className="representatives" aria-label="Representative complaints">
      {mentions.map((m) => (
        <li key={m.id} className="representative">
          <p className="representative__meta">
            {PLATFORM_INFO[m.platform]?.label ?? m.platform} · @{m.authorHandle}
            {m.authorFollowers !== null ? ` (${formatCompactNumber(m.authorFollowers)} followers)` : ''} ·{' '}
            <time dateTime={m.postedAt}>{formatDateTime(m.postedAt, timeZone)}</time>
            {m.sentimentLabel ? (
              <>
                {' · '}
                <span className={`sentiment sentiment--${m.sentimentLabel}`}>{SENTIMENT_LABELS[m.sentimentLabel]}</span>
              </>
            ) : null}
          </p>
          <p className="representative__text">{m.text}</p>
          <p className="representative__links">
            {inboxLinks ? <Link to={`/inbox/${encodeURIComponent(m.id)}`}>Open in the inbox</Link> : <PostLink url={m.url} />}
          </p>
        </li>
      ))}
    </ul>
  );
}
