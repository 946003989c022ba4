import { readFileSync } from 'node:fs';
import { isRedditTombstone, normalizeRedditThing } from './normalize.js';

const listing = JSON.parse(readFileSync(new URL('./__fixtures__/comments-listing.json', import.meta.url), 'utf8')) as { data: { children: Record<string, unknown>[] } };

describe('normalizeRedditThing', () => {
  it('maps a t1 comment', () => {
    expect(normalizeRedditThing(listing.data.children[0]!, 'reddit:subreddit:gadgets')).toMatchObject({
      platform: 'reddit',
      externalId: 't1_lq2x9zc',
      url: 'https://www.reddit.com/r/gadgets/comments/1gk2abc/acme_x1_review/lq2x9zc/',
      author: { externalId: 't2_8f3k2', handle: 'throwaway_42', followers: null },
      text: 'Acme support ghosted me again & again',
      lang: null,
      createdAt: '2025-11-20T09:14:03.000Z',
      editedAt: '2025-11-20T09:15:00.000Z',
      thread: { rootId: 't3_1gk2abc', parentId: 't3_1gk2abc' },
      replyTarget: { platform: 'reddit', fullname: 't1_lq2x9zc' },
    });
  });
  it('recognises removed comments', () => {
    const d = listing.data.children[1]!['data'] as Record<string, unknown>;
    expect(isRedditTombstone(d)).toBe(true);
    expect(isRedditTombstone(listing.data.children[0]!['data'] as Record<string, unknown>)).toBe(false);
  });
});
