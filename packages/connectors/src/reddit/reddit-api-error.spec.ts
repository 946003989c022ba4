import { redditApiError } from './reddit.connector.js';

/**
 * CPU milliseconds this process has used: the linear-scan bounds below are on work done, not on
 * wall time, so a loaded machine (CI beside other jobs) cannot make them flaky.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

describe('redditApiError (json.errors inside a 200)', () => {
  const now = Date.UTC(2026, 11, 5);

  it('reads the wait from a RATELIMIT message without quoting it', () => {
    const err = redditApiError(
      [['RATELIMIT', 'Looks like you have been doing that a lot. Take a break for 5 minutes before trying again. CANARY', 'ratelimit']],
      now,
    );
    expect(err.failure).toBe('rate_limited');
    expect(err.retryAt?.getTime()).toBe(now + 5 * 60_000);
    expect(err.message).toBe('reddit RATELIMIT: try again in 300 s');
  });

  it('never copies remote text into the message; a code that is not token-like becomes UNKNOWN', () => {
    const err = redditApiError([['<b>CANARY</b> free text', 'CANARY details']], now);
    expect(err.failure).toBe('bad_request');
    expect(err.message).not.toContain('CANARY');
    expect(err.message).toBe('reddit UNKNOWN: request rejected');
  });

  it('stays linear on a long run of digits (the old /(\\d+)\\s*(second|…)/ took seconds on 20,000 digits)', () => {
    const hostile = '9'.repeat(200_000) + ' sec';
    const started = cpuMs();
    const err = redditApiError([['RATELIMIT', hostile]], now);
    expect(cpuMs() - started).toBeLessThan(2000);
    expect(err.retryAt?.getTime()).toBe(now + 60_000);
  });
});
