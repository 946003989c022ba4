import { formatCompact, formatDayTime, handleLabel, platformName, type ReportExample } from '@earshot/contracts';
import { ExternalLink } from '../../../shared/ui/ExternalLink';

interface MentionQuoteProps {
  mention: ReportExample;
  timeZone: string;
  /** Leave out the link to the post (the print view). */
  plain?: boolean;
  className?: string;
}

/**
 * A customer's post as the report shows it: their words as plain text (React escapes it; never HTML), the
 * author, the platform, their reach that week and when they posted. `dir="auto"` keeps right-to-left text and
 * stray direction marks inside the quote.
 */
export function MentionQuote({ mention, timeZone, plain = false, className }: MentionQuoteProps) {
  const when = formatDayTime(mention.postedAt, timeZone);
  return (
    <figure className={['report-quote', className ?? ''].filter(Boolean).join(' ')} data-testid="report-mention">
      <blockquote className="report-quote__text" dir="auto">
        {mention.text}
      </blockquote>
      <figcaption className="report-quote__meta">
        <bdi className="report-quote__author">{handleLabel(mention.authorHandle, mention.platform)}</bdi> · {platformName(mention.platform)} · {formatCompact(mention.authorReach)}{' '}
        {mention.authorReach === 1 ? 'follower' : 'followers'} ·{' '}
        {!plain && mention.url ? <ExternalLink href={mention.url}>{when}</ExternalLink> : <span>{when}</span>}
      </figcaption>
    </figure>
  );
}
