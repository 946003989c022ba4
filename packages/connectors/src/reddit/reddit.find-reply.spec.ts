import { ReplyLookupIncompleteError, type SourceConfig } from '../core/connector.js';
import { RedditConnector } from './reddit.connector.js';

const PARENT = 't3_abc123';
const TEXT = 'Sorry about the wait: our team is on it. Please DM us your order number. ^AU';
/** The reply's first attempt, epoch seconds. */
const T0 = 1_796_400_000;

interface StubComment {
  name: string;
  parentId: string;
  body: string;
  createdUtc: number;
}

/** `n` comments of the account under other posts, one a second from `from` on. */
const others = (n: number, from: number, prefix = 'o'): StubComment[] =>
  Array.from({ length: n }, (_, i) => ({ name: `t1_${prefix}${i}`, parentId: `t3_other${i}`, body: `Another answer ${i}`, createdUtc: from + i }));

/**
 * A stub of Reddit's `/user/{name}/comments?sort=new` as the real listing pages: newest first,
 * `limit` 1-100 (default 25), `after` = the fullname of the last item of the previous page,
 * `data.after: null` at the end, and nothing past `depth` items (Reddit stops at about 1,000).
 */
function stubReddit(comments: StubComment[], depth = Infinity) {
  const listed: URLSearchParams[] = [];
  const newestFirst = [...comments].sort((a, b) => b.createdUtc - a.createdUtc).slice(0, depth);
  const fetch = (input: string | URL | Request): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const json = (body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }));
    if (url.pathname === '/api/v1/access_token') return json({ access_token: 'tok', token_type: 'bearer', expires_in: 3600 });
    if (url.pathname === '/api/v1/me') return json({ name: 'acme_support' });
    if (url.pathname === '/user/acme_support/comments') {
      listed.push(url.searchParams);
      const limit = Math.max(1, Math.min(Number(url.searchParams.get('limit') ?? 25), 100));
      const after = url.searchParams.get('after');
      const start = after ? newestFirst.findIndex((c) => c.name === after) + 1 : 0;
      const page = start === 0 && after ? [] : newestFirst.slice(start, start + limit);
      const more = start + limit < newestFirst.length && page.length > 0;
      return json({
        kind: 'Listing',
        data: {
          after: more ? page[page.length - 1]!.name : null,
          before: null,
          dist: page.length,
          children: page.map((c) => ({
            kind: 't1',
            data: {
              name: c.name,
              id: c.name.slice(3),
              parent_id: c.parentId,
              link_id: PARENT,
              body: c.body,
              author: 'acme_support',
              subreddit: 'gadgets',
              permalink: `/r/gadgets/comments/abc123/x/${c.name.slice(3)}/`,
              created_utc: c.createdUtc,
            },
          })),
        },
      });
    }
    return Promise.resolve(new Response('{}', { status: 404 }));
  };
  return { listed, connector: new RedditConnector({ fetch: fetch as never }) };
}

const source: SourceConfig = {
  sourceKey: 'reddit:search:s1',
  baseUrl: 'http://reddit.test',
  credentials: { clientId: 'cid', clientSecret: 's', refreshToken: 'rt' },
  stream: { kind: 'search', query: 'acme' },
};
const target = { platform: 'reddit' as const, fullname: PARENT };
const signal = new AbortController().signal;
const landed: StubComment = { name: 't1_landed', parentId: PARENT, body: TEXT, createdUtc: T0 + 2 };
/** The first attempt minus the sender's clock-skew margin. */
const since = new Date((T0 - 300) * 1000);

describe('RedditConnector.findExistingReply pages back to the first attempt (issue 13: posting exactly once)', () => {
  it('finds a reply that landed before 250 newer comments of the brand: follows `after`, 100 a page, newest first', async () => {
    const { listed, connector } = stubReddit([...others(400, T0 - 10_000, 'old'), landed, ...others(250, T0 + 10)]);
    expect(await connector.findExistingReply(source, target, TEXT, signal, { since })).toMatchObject({ externalId: 't1_landed' });
    expect(listed.map((q) => [q.get('limit'), q.get('sort'), q.get('after')])).toEqual([
      ['100', 'new', null],
      ['100', 'new', 't1_o150'],
      ['100', 'new', 't1_o50'],
    ]);
  });

  it('the `since` bound ends the search: a page reaching comments older than the first attempt proves absence, and nothing older is read', async () => {
    const { listed, connector } = stubReddit([...others(900, T0 - 10_000, 'old'), ...others(250, T0 + 10)]);
    expect(await connector.findExistingReply(source, target, TEXT, signal, { since })).toBeNull();
    expect(listed).toHaveLength(3); // 250 newer + the first page holding older ones; 9 more pages exist
  });

  it('a comment with the same body under another post, or another body under the target, is not the reply', async () => {
    const { connector } = stubReddit([
      { name: 't1_elsewhere', parentId: 't3_zzz', body: TEXT, createdUtc: T0 + 1 },
      { name: 't1_edited', parentId: PARENT, body: `${TEXT} (edited)`, createdUtc: T0 + 3 },
      ...others(150, T0 + 10),
    ]);
    expect(await connector.findExistingReply(source, target, TEXT, signal, { since })).toBeNull();
  });

  it('stops at the page cap without reaching `since`: neither found nor proven absent → ReplyLookupIncompleteError, never null', async () => {
    const { listed, connector } = stubReddit([landed, ...others(1200, T0 + 10)]);
    const err = await connector.findExistingReply(source, target, TEXT, signal, { since }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReplyLookupIncompleteError);
    expect(err).toMatchObject({ failure: 'bad_request', pagesRead: 10, postsRead: 1000 });
    expect(listed).toHaveLength(10);

    const capped = stubReddit([landed, ...others(400, T0 + 10)]);
    await expect(capped.connector.findExistingReply(source, target, TEXT, signal, { since, maxPages: 2 })).rejects.toMatchObject({
      pagesRead: 2,
      postsRead: 200,
    });
    expect(capped.listed).toHaveLength(2);
  });

  it('the listing ending short of `since` proves absence; ending at Reddit’s ~1,000-item depth does not', async () => {
    const young = stubReddit(others(120, T0 + 10));
    expect(await young.connector.findExistingReply(source, target, TEXT, signal, { since })).toBeNull();
    expect(young.listed).toHaveLength(2);

    const deep = stubReddit([landed, ...others(1500, T0 + 10)], 1000);
    await expect(deep.connector.findExistingReply(source, target, TEXT, signal, { since, maxPages: 20 })).rejects.toBeInstanceOf(ReplyLookupIncompleteError);
  });

  it('an answer that is not a Listing (an empty `{}`, a bot-check page) is malformed and retryable, never taken as proof of absence', async () => {
    for (const body of ['{}', '<!DOCTYPE html><html><body>whoa there, pardner!</body></html>']) {
      const fetch = (input: string | URL | Request): Promise<Response> => {
        const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
        if (url.pathname === '/api/v1/access_token')
          return Promise.resolve(new Response(JSON.stringify({ access_token: 'tok', expires_in: 3600 }), { headers: { 'content-type': 'application/json' } }));
        if (url.pathname === '/api/v1/me')
          return Promise.resolve(new Response(JSON.stringify({ name: 'acme_support' }), { headers: { 'content-type': 'application/json' } }));
        return Promise.resolve(new Response(body, { status: 200, headers: { 'content-type': body.startsWith('{') ? 'application/json' : 'text/html' } }));
      };
      const connector = new RedditConnector({ fetch: fetch as never });
      await expect(connector.findExistingReply(source, target, TEXT, signal, { since })).rejects.toMatchObject({ failure: 'retry' });
    }
  });

  it('without `since` (other callers) it reads the listing to its end or the page cap', async () => {
    const { listed, connector } = stubReddit([landed, ...others(150, T0 + 10)]);
    expect(await connector.findExistingReply(source, target, TEXT, signal)).toMatchObject({ externalId: 't1_landed' });
    expect(listed).toHaveLength(2);
  });
});
