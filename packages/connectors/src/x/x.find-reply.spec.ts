import { DuplicateContentError, ReplyLookupIncompleteError, type SourceConfig } from '../core/connector.js';
import { XConnector } from './x.connector.js';

const TARGET_ID = '1991234500000000000';
const ME = '783214';
const TEXT = 'Sorry about the wait & the mix-up: our team is on it. Please DM us your order number. ^AU';
/** The reply's first attempt (ms). */
const T0 = Date.parse('2026-12-05T10:00:00.500Z');

interface StubTweet {
  id: string;
  text: string;
  repliedTo: string | null;
  createdAt: number;
}

let nextId = 1_995_000_000_000_000_000n;
/** `n` tweets of the account answering other tweets, one a second from `from` on. */
const others = (n: number, from: number): StubTweet[] =>
  Array.from({ length: n }, (_, i) => ({ id: String(nextId++), text: `Another answer ${i}`, repliedTo: `18000000000000${i}`, createdAt: from + i * 1000 }));

/**
 * A stub of `GET /2/users/:id/tweets` as X documents it: newest first, `max_results` 5-100,
 * `start_time` (ISO-8601 at second granularity, inclusive), `pagination_token` = the previous
 * page's `meta.next_token`, text HTML-escaped; and `POST /2/tweets` refusing a repeated text with
 * X's 403 duplicate-content problem. Records every request.
 */
function stubX(tweets: StubTweet[]) {
  const requests: { method: string; path: string; query: URLSearchParams }[] = [];
  const newestFirst = [...tweets].sort((a, b) => b.createdAt - a.createdAt);
  const json = (status: number, body: unknown) =>
    Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  const invalid = (parameter: string) =>
    json(400, {
      errors: [{ parameters: { [parameter]: [] }, message: `bad ${parameter}` }],
      title: 'Invalid Request',
      type: 'https://api.twitter.com/2/problems/invalid-request',
    });
  const fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = init?.method ?? 'GET';
    requests.push({ method, path: url.pathname, query: url.searchParams });
    if (method === 'POST' && url.pathname === '/2/tweets')
      return json(403, { detail: 'You are not allowed to create a Tweet with duplicate content.', type: 'about:blank', title: 'Forbidden', status: 403 });
    if (url.pathname === '/2/users/me') return json(200, { data: { id: ME, username: 'acme', name: 'Acme' } });
    if (url.pathname === `/2/users/${ME}/tweets`) {
      const max = Number(url.searchParams.get('max_results') ?? 10);
      if (!(max >= 5 && max <= 100)) return invalid('max_results');
      const start = url.searchParams.get('start_time');
      if (start !== null && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(start)) return invalid('start_time');
      const items = newestFirst.filter((t) => start === null || t.createdAt >= Date.parse(start));
      const token = url.searchParams.get('pagination_token');
      const from = token ? Number(Buffer.from(token, 'base64url').toString()) : 0;
      const page = items.slice(from, from + max);
      const meta: Record<string, unknown> = { result_count: page.length };
      if (from + max < items.length) meta['next_token'] = Buffer.from(String(from + max)).toString('base64url');
      const data = page.map((t) => ({
        id: t.id,
        text: t.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
        created_at: new Date(t.createdAt).toISOString(),
        edit_history_tweet_ids: [t.id],
        ...(t.repliedTo ? { referenced_tweets: [{ type: 'replied_to', id: t.repliedTo }] } : {}),
      }));
      return json(200, page.length ? { data, meta } : { meta });
    }
    return json(404, { title: 'Not Found Error' });
  };
  const timeline = () => requests.filter((r) => r.path === `/2/users/${ME}/tweets`);
  return { requests, timeline, connector: new XConnector({ fetch: fetch as never }) };
}

const source: SourceConfig = {
  sourceKey: 'x:search:s1',
  baseUrl: 'http://x.test',
  credentials: { bearerToken: 'app', userAccessToken: 'user' },
  stream: { kind: 'search', query: 'acme' },
};
const target = { platform: 'x' as const, tweetId: TARGET_ID, username: 'janedoe' };
const signal = new AbortController().signal;
const landed = (): StubTweet => ({ id: String(nextId++), text: TEXT, repliedTo: TARGET_ID, createdAt: T0 + 1500 });
/** The first attempt minus the sender's clock-skew margin. */
const since = new Date(T0 - 300_000);

describe('XConnector.findExistingReply pages back to the first attempt (issue 13: posting exactly once)', () => {
  it('finds a reply that landed before 250 newer tweets of the brand: start_time bounds the timeline, pagination_token pages it, 100 at a time', async () => {
    const reply = landed();
    const { timeline, connector } = stubX([...others(300, T0 - 3_600_000), reply, ...others(250, T0 + 10_000)]);
    expect(await connector.findExistingReply(source, target, TEXT, signal, { since })).toEqual({ externalId: reply.id, url: null });
    const calls = timeline();
    expect(calls.map((c) => [c.query.get('max_results'), c.query.get('start_time'), c.query.has('pagination_token')])).toEqual([
      ['100', '2026-12-05T09:55:00Z', false], // second granularity, rounded down (inclusive)
      ['100', '2026-12-05T09:55:00Z', true],
      ['100', '2026-12-05T09:55:00Z', true],
    ]);
  });

  it('the `since` bound ends the search: the timeline since the first attempt without the reply proves absence, older tweets are never read', async () => {
    const { timeline, connector } = stubX([...others(900, T0 - 3_600_000), ...others(150, T0 + 10_000)]);
    expect(await connector.findExistingReply(source, target, TEXT, signal, { since })).toBeNull();
    expect(timeline()).toHaveLength(2);
  });

  it('the same text under another tweet, or another text under the target, is not the reply', async () => {
    const { connector } = stubX([
      { id: String(nextId++), text: TEXT, repliedTo: '1990000000000000001', createdAt: T0 + 1000 },
      { id: String(nextId++), text: `${TEXT} (2)`, repliedTo: TARGET_ID, createdAt: T0 + 2000 },
      { id: String(nextId++), text: TEXT, repliedTo: null, createdAt: T0 + 3000 },
    ]);
    expect(await connector.findExistingReply(source, target, TEXT, signal, { since })).toBeNull();
  });

  it('stops at the page cap without reaching `since`: ReplyLookupIncompleteError, never null', async () => {
    const { timeline, connector } = stubX([landed(), ...others(1200, T0 + 10_000)]);
    const err = await connector.findExistingReply(source, target, TEXT, signal, { since }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReplyLookupIncompleteError);
    expect(err).toMatchObject({ failure: 'bad_request', pagesRead: 10, postsRead: 1000 });
    expect(timeline()).toHaveLength(10);

    const capped = stubX([landed(), ...others(250, T0 + 10_000)]);
    await expect(capped.connector.findExistingReply(source, target, TEXT, signal, { since, maxPages: 2 })).rejects.toMatchObject({ pagesRead: 2 });
    expect(capped.timeline()).toHaveLength(2);
  });

  it('without `since` (other callers) it reads the timeline to its end or the page cap', async () => {
    const reply = landed();
    const { timeline, connector } = stubX([reply, ...others(150, T0 + 10_000)]);
    expect(await connector.findExistingReply(source, target, TEXT, signal)).toMatchObject({ externalId: reply.id });
    expect(timeline().every((c) => !c.query.has('start_time'))).toBe(true);
  });

  it('an answer without meta (an empty `{}`) is malformed and retryable, never taken as proof of absence', async () => {
    const fetch = (input: string | URL | Request): Promise<Response> => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      const body = url.pathname === '/2/users/me' ? { data: { id: ME } } : {};
      return Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }));
    };
    const connector = new XConnector({ fetch: fetch as never });
    await expect(connector.findExistingReply(source, target, TEXT, signal, { since })).rejects.toMatchObject({ failure: 'retry' });
  });

  it('a 403 duplicate content on reply() is a DuplicateContentError (the caller reconciles with its bound), and reply() does no lookup of its own', async () => {
    const reply = landed();
    const { requests, timeline, connector } = stubX([reply, ...others(150, T0 + 10_000)]);
    const err = await connector.reply(source, target, TEXT, { idempotencyKey: 'k', signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DuplicateContentError);
    expect(err).toMatchObject({ failure: 'bad_request', status: 403 });
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /2/tweets']);
    // What the outbox then does: the lookup with the reply's bound finds the tweet that landed.
    expect(await connector.findExistingReply(source, target, TEXT, signal, { since })).toMatchObject({ externalId: reply.id });
    expect(timeline()).toHaveLength(2);
  });
});

describe('XConnector.findExistingPost: a status update (a tweet answering nothing) is reconciled the same way', () => {
  it('finds the account’s own non-reply tweet with the text past newer tweets; the same text as a reply is not it', async () => {
    const post: StubTweet = { id: String(nextId++), text: TEXT, repliedTo: null, createdAt: T0 + 1500 };
    const asReply: StubTweet = { id: String(nextId++), text: TEXT, repliedTo: TARGET_ID, createdAt: T0 + 2500 };
    const { timeline, connector } = stubX([post, asReply, ...others(150, T0 + 10_000)]);
    expect(await connector.findExistingPost(source, TEXT, signal, { since })).toEqual({ externalId: post.id, url: null });
    expect(timeline()).toHaveLength(2);
    const without = stubX([asReply, ...others(20, T0 + 10_000)]);
    expect(await without.connector.findExistingPost(source, TEXT, signal, { since })).toBeNull();
  });

  it('post() sends a tweet without a reply field; a 403 duplicate is a DuplicateContentError', async () => {
    const bodies: unknown[] = [];
    const fetch = (_input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      bodies.push(JSON.parse(String(init?.body)));
      return Promise.resolve(
        new Response(
          JSON.stringify(
            bodies.length === 1 ? { data: { id: '42', text: TEXT } } : { detail: 'You are not allowed to create a Tweet with duplicate content.' },
          ),
          {
            status: bodies.length === 1 ? 201 : 403,
            headers: { 'content-type': 'application/json' },
          },
        ),
      );
    };
    const connector = new XConnector({ fetch: fetch as never });
    expect(await connector.post(source, TEXT, { idempotencyKey: 'k', signal })).toEqual({ externalId: '42', url: null });
    expect(bodies[0]).toEqual({ text: TEXT });
    await expect(connector.post(source, TEXT, { idempotencyKey: 'k', signal })).rejects.toBeInstanceOf(DuplicateContentError);
  });
});
