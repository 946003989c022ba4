/**
 * "just now", "2 min ago", "in 5 min", "3 h ago", "2 days ago": how far a moment is
 * from `now`, short enough for a table cell. The exact time belongs in a title.
 */
export function formatRelativeTime(iso: string, now: Date = new Date()): string {
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return iso;
  const seconds = Math.round((at - now.getTime()) / 1000);
  const future = seconds > 0;
  const abs = Math.abs(seconds);
  if (abs < 45) return future ? 'in a few seconds' : 'just now';

  let amount: string;
  if (abs < 3600) amount = `${Math.max(1, Math.round(abs / 60))} min`;
  else if (abs < 86_400) amount = `${Math.round(abs / 3600)} h`;
  else {
    const days = Math.round(abs / 86_400);
    amount = days === 1 ? '1 day' : `${days} days`;
  }
  return future ? `in ${amount}` : `${amount} ago`;
}
