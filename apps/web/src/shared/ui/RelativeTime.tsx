import { formatDateTime } from '../format/format-date-time';
import { formatRelativeTime } from '../format/format-relative-time';

interface RelativeTimeProps {
  iso: string;
  now: Date;
  /** The workspace's time zone, for the exact time in the title. */
  timeZone?: string;
  /** A moment that has already happened (posted, received): a `now` that lags behind it reads "just now", never "in a few seconds". */
  past?: boolean;
}

/** "2 min ago", with the exact time on hover and in the `dateTime` attribute. */
export function RelativeTime({ iso, now, timeZone, past = false }: RelativeTimeProps) {
  const at = Date.parse(iso);
  const reference = past && !Number.isNaN(at) && at > now.getTime() ? new Date(at) : now;
  return (
    <time dateTime={iso} title={formatDateTime(iso, timeZone)}>
      {formatRelativeTime(iso, reference)}
    </time>
  );
}
