import type { Reply } from '@earshot/contracts';
import { buildMention } from '../../../test/factories';
import { MASTODON_KEY_WINDOW_MS, replyStatusHelp, replyWayOut } from '../reply-status-labels';
import { buildReply } from './reply-test-kit';

const now = new Date('2026-12-05T12:00:00.000Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
const reply = (overrides: Partial<Reply>) => buildReply(buildMention({ platform: 'bluesky' }), { platform: 'bluesky', createdAt: ago(60_000), ...overrides });
const way = (overrides: Partial<Reply>) => {
  const w = replyWayOut(reply(overrides), now);
  return [w.retry, w.dismiss];
};

describe('replyWayOut', () => {
  it('follows the api’s order: gone, refused text, Mastodon’s window, the source, then transient trouble', () => {
    expect(way({ status: 'failed', failure: 'transient' })).toEqual([true, true]);
    expect(way({ status: 'failed', failure: null })).toEqual([true, true]);
    expect(way({ status: 'failed', failure: 'source' })).toEqual([true, true]);
    expect(way({ status: 'failed', failure: 'rejected' })).toEqual([false, true]);
    expect(way({ status: 'failed', failure: 'gone' })).toEqual([false, true]);
    expect(way({ status: 'unknown', failure: 'gone' })).toEqual([false, true]);
    expect(way({ status: 'unknown', failure: 'rejected' })).toEqual([false, true]);
    expect(way({ status: 'unknown', failure: 'source' })).toEqual([true, true]);
    expect(way({ status: 'unknown', failure: 'transient', nextAttemptAt: null })).toEqual([true, true]);
    expect(way({ status: 'unknown', failure: null, nextAttemptAt: now.toISOString() })).toEqual([false, true]);
    for (const status of ['draft', 'pending_approval', 'approved', 'rejected', 'queued', 'sending', 'sent'] as const)
      expect(way({ status })).toEqual([false, false]);
  });

  it('stops offering Retry on an unconfirmed Mastodon reply once its key window has passed, even with a bad source', () => {
    const mastodon = (createdAt: string, more: Partial<Reply> = {}) =>
      replyWayOut(reply({ platform: 'mastodon', status: 'unknown', failure: 'source', createdAt, ...more }), now);
    expect(mastodon(ago(MASTODON_KEY_WINDOW_MS - 1000)).retry).toBe(true);
    const late = mastodon(ago(MASTODON_KEY_WINDOW_MS));
    expect(late.retry).toBe(false);
    expect(late.help).toMatch(/check the thread on Mastodon, then dismiss this reply or write a new reply/);
    // A failed one was proven not posted: the window does not matter.
    expect(replyWayOut(reply({ platform: 'mastodon', status: 'failed', failure: 'transient', createdAt: ago(5 * MASTODON_KEY_WINDOW_MS) }), now).retry).toBe(
      true,
    );
  });

  it('a dismissed reply needs nothing more, and its help is gone', () => {
    const dismissed = reply({
      status: 'failed',
      failure: 'transient',
      dismissal: { by: { id: buildMention().id, name: 'Dana' }, at: now.toISOString(), note: null },
    });
    expect(replyWayOut(dismissed, now)).toEqual({ help: null, retry: false, dismiss: false });
    expect(replyStatusHelp(dismissed, now)).toBeNull();
  });
});
