import { missingReplyCredentials, PLATFORM_TABLE, PLATFORMS } from './platforms.js';

describe('credentials needed to post replies', () => {
  it.each(PLATFORMS)('%s: every reply credential is one of the platform credential fields', (platform) => {
    const names = PLATFORM_TABLE[platform].credentials.map((c) => c.name);
    for (const set of PLATFORM_TABLE[platform].replyCredentials) for (const name of set) expect(names).toContain(name);
  });

  it('names what is missing, from the set closest to complete', () => {
    expect(missingReplyCredentials('mastodon', [])).toEqual(['accessToken']);
    expect(missingReplyCredentials('mastodon', ['accessToken'])).toEqual([]);
    expect(missingReplyCredentials('bluesky', ['identifier'])).toEqual(['password']);
    expect(missingReplyCredentials('reddit', ['clientId', 'clientSecret'])).toEqual(['refreshToken']);
    expect(missingReplyCredentials('reddit', ['clientId', 'clientSecret', 'username'])).toEqual(['password']);
    expect(missingReplyCredentials('reddit', ['clientId', 'clientSecret', 'refreshToken'])).toEqual([]);
    expect(missingReplyCredentials('x', ['bearerToken'])).toEqual(['userAccessToken']);
    expect(missingReplyCredentials('rss', [])).toBeNull();
  });
});
