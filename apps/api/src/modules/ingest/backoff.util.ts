/**
 * Delay before the next attempt after `failures` consecutive failures: exponential from
 * `baseMs` (EARSHOT_RETRY_BASE_SECONDS, 30 s by default), capped at 15 min, with "equal
 * jitter" (half fixed, half random) so instances that failed together do not retry
 * together and a retry never comes sooner than half the step. `random` is injectable.
 */
export function backoffMs(failures: number, baseMs = 30_000, random: () => number = Math.random): number {
  const cap = 15 * 60_000;
  const step = Math.min(cap, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(step / 2 + (step / 2) * random());
}
