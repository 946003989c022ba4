import type { ChangeEvent } from 'react';
import type { Mention } from '@earshot/contracts';
import { formatCompactNumber } from '../../../shared/format/format-compact-number';
import { RelativeTime } from '../../../shared/ui/RelativeTime';
import { PLATFORM_INFO } from '../../sources/source-platforms';
import { STATUS_LABELS } from '../mention-labels';
import { ClaimIndicator } from './ClaimIndicator';
import { CorrectedRowMarker } from './CorrectedMark';
import { ReplySummaryBadge } from './ReplySummaryBadge';
import { SentimentBadge } from './SentimentBadge';
import { SlaBadge } from './SlaBadge';
import { UrgencyBadge } from './UrgencyBadge';

interface MentionRowProps {
  mention: Mention;
  index: number;
  total: number;
  top: number;
  current: boolean;
  open: boolean;
  /** Null for viewers: no selection checkbox. */
  checked: boolean | null;
  me: string;
  now: Date;
  timeZone: string;
  onOpen(mention: Mention, index: number): void;
  onToggle(mention: Mention, index: number, shiftKey: boolean): void;
}

/** One mention in the list. Every string from the post is rendered as text. */
export function MentionRow({ mention, index, total, top, current, open, checked, me, now, timeZone, onOpen, onToggle }: MentionRowProps) {
  const { author } = mention;
  const breached = mention.sla.breachedAt !== null;
  const classes = [
    'mention-row',
    `mention-row--${mention.sentiment?.label ?? 'unscored'}`,
    current ? 'mention-row--current' : '',
    open ? 'mention-row--open' : '',
    breached ? 'mention-row--breached' : '',
    checked ? 'mention-row--checked' : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div
      role="listitem"
      className={classes}
      style={{ transform: `translateY(${top}px)` }}
      data-testid="mention-row"
      data-mention-id={mention.id}
      data-index={index}
      aria-posinset={index + 1}
      aria-setsize={total}
      aria-current={current ? 'true' : undefined}
    >
      {checked !== null ? (
        <input
          type="checkbox"
          className="mention-row__check"
          checked={checked}
          aria-label={`Select mention by @${author.handle}`}
          onChange={(event: ChangeEvent<HTMLInputElement>) => onToggle(mention, index, (event.nativeEvent as { shiftKey?: boolean }).shiftKey === true)}
        />
      ) : null}
      <button type="button" className="mention-row__open" onClick={() => onOpen(mention, index)}>
        <span className="mention-row__meta">
          <UrgencyBadge urgency={mention.urgency} />
          <SentimentBadge sentiment={mention.sentiment} />
          <CorrectedRowMarker mention={mention} />
          <span className="mention-row__platform">{PLATFORM_INFO[mention.platform].label}</span>
          <span className="mention-row__author">
            @{author.handle}
            {author.followers !== null ? <span className="mention-row__reach"> · {formatCompactNumber(author.followers)} followers</span> : null}
          </span>
          <span className="mention-row__time">
            <RelativeTime iso={mention.receivedAt} now={now} timeZone={timeZone} past />
          </span>
        </span>
        <span className="mention-row__text">{mention.text}</span>
        <span className="mention-row__status">
          <span className={`status status--${mention.status}`}>{STATUS_LABELS[mention.status]}</span>
          <span className="mention-row__assignee">
            {mention.assignee ? `Assigned to ${mention.assignee.id === me ? 'you' : mention.assignee.name}` : 'Unassigned'}
          </span>
          <ClaimIndicator claim={mention.claim} me={me} now={now} />
          <ReplySummaryBadge summary={mention.replies} />
          <SlaBadge mention={mention} now={now} />
        </span>
      </button>
    </div>
  );
}
