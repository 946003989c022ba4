import { readFileSync } from 'node:fs';
import { normalizeMastodonStatus } from './normalize.js';

const notifications = JSON.parse(readFileSync(new URL('./__fixtures__/notifications.json', import.meta.url), 'utf8')) as Record<string, unknown>[];

describe('normalizeMastodonStatus', () => {
  it('maps a mention notification', () => {
    const m = normalizeMastodonStatus(notifications[0]!['status'] as Record<string, unknown>, 'mastodon:notifications', notifications[0]);
    expect(m).toMatchObject({
      platform: 'mastodon',
      externalId: '113512093458110213',
      url: 'https://chaos.social/@jane/113512093458110213',
      author: { externalId: '971724', handle: 'jane@chaos.social', displayName: 'Jane', followers: 412, avatarUrl: null },
      text: "@acme my order never arrived & support won't answer\n\nsecond para\nline",
      lang: 'en',
      createdAt: '2026-11-20T09:14:02.940Z',
      thread: { rootId: null, parentId: null },
      engagement: { replies: 0, reposts: 2, likes: 5 },
      replyTarget: { platform: 'mastodon', statusId: '113512093458110213', acct: 'jane@chaos.social', visibility: 'public' },
    });
  });
  it('keeps the id a string (above 2^53)', () => {
    const m = normalizeMastodonStatus(notifications[0]!['status'] as Record<string, unknown>, 'k');
    expect(typeof m?.externalId).toBe('string');
    expect(m?.externalId).not.toBe(String(Number(m?.externalId)));
  });
});
