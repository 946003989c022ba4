/** 60 -> "1 min", 90 -> "90 s", 7200 -> "2 h": how often a source is polled. */
export function formatPollInterval(seconds: number): string {
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
