import { readFileSync } from 'node:fs';
import { normalizeXTweet, xUsersById } from './normalize.js';

const body = JSON.parse(readFileSync(new URL('./__fixtures__/search-recent.json', import.meta.url), 'utf8')) as {
  data: Record<string, unknown>[];
  includes: unknown;
};

describe('normalizeXTweet', () => {
  it('maps a tweet with its expanded author (partial errors in the 200 are ignored)', () => {
    expect(normalizeXTweet(body.data[0]!, xUsersById(body.includes), 'x:search:acme')).toMatchObject({
      platform: 'x',
      externalId: '1991234567890123456',
      url: 'https://x.com/janedoe/status/1991234567890123456',
      author: { externalId: '2244994945', handle: 'janedoe', displayName: 'Jane Doe', followers: 1203 },
      text: '@acme my order is late again & nobody answers',
      lang: 'en',
      thread: { rootId: '1991234500000000000', parentId: '1991234500000000000' },
      engagement: { replies: 2, reposts: 1, likes: 3 },
      replyTarget: { platform: 'x', tweetId: '1991234567890123456', username: 'janedoe' },
    });
  });
});
