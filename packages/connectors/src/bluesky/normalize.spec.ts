import { readFileSync } from 'node:fs';
import { normalizeBlueskyPost, rkeyOf } from './normalize.js';
import { tidFromKey } from './tid.js';

const page = JSON.parse(readFileSync(new URL('./__fixtures__/search-posts.json', import.meta.url), 'utf8')) as { posts: Record<string, unknown>[] };

describe('normalizeBlueskyPost', () => {
  it('maps a postView with follower counts from getProfiles', () => {
    const m = normalizeBlueskyPost(page.posts[0]!, 'bluesky:search:acme', new Map([['did:plc:u5cwb2mwiv2bfq53cjufe6yn', 88]]));
    expect(m).toMatchObject({
      externalId: 'at://did:plc:u5cwb2mwiv2bfq53cjufe6yn/app.bsky.feed.post/3lb7xq2mzkc2s',
      url: 'https://bsky.app/profile/jane.bsky.social/post/3lb7xq2mzkc2s',
      author: { externalId: 'did:plc:u5cwb2mwiv2bfq53cjufe6yn', handle: 'jane.bsky.social', followers: 88 },
      text: '@acme.com my order never arrived',
      lang: 'en',
      thread: { rootId: 'at://did:plc:root/app.bsky.feed.post/3laaaaaaaaaa2', parentId: 'at://did:plc:parent/app.bsky.feed.post/3lbbbbbbbbbb2' },
      engagement: { replies: 0, reposts: 0, likes: 1 },
      replyTarget: {
        platform: 'bluesky',
        rootUri: 'at://did:plc:root/app.bsky.feed.post/3laaaaaaaaaa2',
        rootCid: 'bafyreiroot',
        did: 'did:plc:u5cwb2mwiv2bfq53cjufe6yn',
      },
    });
  });
  it('without a profile the follower count is null (profileViewBasic has none)', () => {
    expect(normalizeBlueskyPost(page.posts[0]!, 'k')?.author.followers).toBeNull();
  });
  it('derives a stable, valid TID rkey from the idempotency key', () => {
    expect(tidFromKey('abc')).toBe(tidFromKey('abc'));
    expect(tidFromKey('abc')).not.toBe(tidFromKey('abd'));
    expect(tidFromKey('abc')).toMatch(/^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/);
    expect(rkeyOf('at://did:plc:x/app.bsky.feed.post/3lb7xq2mzkc2s')).toBe('3lb7xq2mzkc2s');
  });
});
