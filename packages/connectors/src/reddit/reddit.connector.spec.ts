import type { SourceConfig } from '../core/connector.js';
import { RedditConnector } from './reddit.connector.js';

const PARENT = 't3_abc123';
const TEXT = 'Sorry about the wait: our team is on it. Please DM us your order number. ^AU';

/** One of the account's comments, as `/user/{name}/comments` lists it. */
const comment = (name: string, parentId: string, body: string) => ({
  kind: 't1',
  data: {
    name,
    id: name.slice(3),
    parent_id: parentId,
    link_id: PARENT,
    body,
    author: 'Acme_Support',
    subreddit: 'gadgets',
    permalink: `/r/gadgets/comments/abc123/x/${name.slice(3)}/`,
    created_utc: 1796400000,
  },
});

/**
 * A stub of the Reddit API: the token endpoint, `/api/v1/me` (the account the token acts as:
 * `Acme_Support`, whatever username the source was saved with) and that account's comments.
 * Records every request path.
 */
function stubReddit(comments: unknown[], me: unknown = { name: 'Acme_Support' }) {
  const paths: string[] = [];
  const fetch = (input: string | URL | Request): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    paths.push(url.pathname);
    const json = (body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }));
    if (url.pathname === '/api/v1/access_token') return json({ access_token: 'tok', token_type: 'bearer', expires_in: 3600 });
    if (url.pathname === '/api/v1/me') return json(me);
    // Reddit's /user/{name} matches names case-insensitively; only the real account has these comments.
    if (url.pathname.toLowerCase() === '/user/acme_support/comments') return json({ kind: 'Listing', data: { after: null, children: comments } });
    if (/^\/user\/[^/]+\/comments$/.test(url.pathname)) return json({ kind: 'Listing', data: { after: null, children: [] } });
    return Promise.resolve(new Response('{}', { status: 404 }));
  };
  return { paths, connector: new RedditConnector({ fetch: fetch as never }) };
}

const source = (credentials: Record<string, string>): SourceConfig => ({
  sourceKey: 'reddit:search:s1',
  baseUrl: 'http://reddit.test',
  credentials,
  stream: { kind: 'search', query: 'acme' },
});
const target = { platform: 'reddit' as const, fullname: PARENT };
const signal = new AbortController().signal;

describe('RedditConnector.findExistingReply: the account comes from /api/v1/me, never credentials.username', () => {
  it('a refresh-token source (no username) finds the reply that landed, under the account /api/v1/me names', async () => {
    const { paths, connector } = stubReddit([comment('t1_other', 't3_zzz', TEXT), comment('t1_landed', PARENT, TEXT)]);
    const found = await connector.findExistingReply(source({ clientId: 'cid', clientSecret: 's', refreshToken: 'rt' }), target, TEXT, signal);
    expect(found?.externalId).toBe('t1_landed');
    expect(paths).toEqual(['/api/v1/access_token', '/api/v1/me', '/user/Acme_Support/comments']);
  });

  it('a wrong or differently cased saved username is ignored: the lookup still finds the reply (a lost response is not posted twice)', async () => {
    for (const username of ['someone_else', 'acme_SUPPORT']) {
      const { paths, connector } = stubReddit([comment('t1_landed', PARENT, `${TEXT}\n`)]);
      const found = await connector.findExistingReply(source({ clientId: 'cid', clientSecret: 's', username, password: 'pw' }), target, TEXT, signal);
      expect({ username, found: found?.externalId }).toEqual({ username, found: 't1_landed' });
      expect(paths).not.toContain(`/user/${username}/comments`);
      expect(paths).toContain('/user/Acme_Support/comments');
    }
  });

  it('proves absence: no comment under the target with this text → null', async () => {
    const { connector } = stubReddit([comment('t1_a', PARENT, 'a different reply'), comment('t1_b', 't3_other', TEXT)]);
    expect(await connector.findExistingReply(source({ clientId: 'cid', clientSecret: 's', refreshToken: 'rt' }), target, TEXT, signal)).toBeNull();
  });

  it('asks /api/v1/me once per source and credentials; new credentials are asked again', async () => {
    const { paths, connector } = stubReddit([]);
    const a = source({ clientId: 'cid', clientSecret: 's', refreshToken: 'rt' });
    await connector.findExistingReply(a, target, TEXT, signal);
    await connector.findExistingReply(a, target, TEXT, signal);
    expect(paths.filter((p) => p === '/api/v1/me')).toHaveLength(1);
    await connector.findExistingReply(source({ clientId: 'cid', clientSecret: 's', refreshToken: 'another-account' }), target, TEXT, signal);
    expect(paths.filter((p) => p === '/api/v1/me')).toHaveLength(2);
  });

  it('an /api/v1/me answer without a usable name is a malformed answer (retryable), not a guess', async () => {
    for (const me of [{}, { name: '' }, { name: '../../api/comment' }, { name: 42 }]) {
      const { paths, connector } = stubReddit([], me);
      await expect(connector.findExistingReply(source({ clientId: 'cid', clientSecret: 's', refreshToken: 'rt' }), target, TEXT, signal)).rejects.toMatchObject(
        {
          failure: 'retry',
        },
      );
      expect(paths.some((p) => p.startsWith('/user/'))).toBe(false);
    }
  });

  it('is not asked about other platforms’ targets', async () => {
    const { paths, connector } = stubReddit([]);
    expect(await connector.findExistingReply(source({ refreshToken: 'rt' }), { platform: 'x', tweetId: '1' } as never, TEXT, signal)).toBeNull();
    expect(paths).toEqual([]);
  });
});
