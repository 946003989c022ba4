import { formatDateTime } from '../format/format-date-time';
import { formatRelativeTime } from '../format/format-relative-time';

interface RelativeTimeProps {
  iso: string;
  now: Date;
  /** The workspace's time zone, for the exact time in the title. */
  timeZone?: string;
}

/** "2 min ago", with the exact time on hover and in the `dateTime` attribute. */
export function RelativeTime({ iso, now, timeZone }: RelativeTimeProps) {
  return (
    <time dateTime={iso} title={formatDateTime(iso, timeZone)}>
      {formatRelativeTime(iso, now)}
    </time>
  );
}
