import { bearerOf } from '../auth.js';
import {
  bodyOf,
  decodeCursor,
  encodeCursor,
  intParam,
  json,
  listingFx,
  matchesQuery,
  pageBefore,
  type SimContext,
  type SimRequest,
  type SimResponse,
} from '../context.js';
import type { SimAccount, SimPost } from '../sim-model.js';
import { respondWrite } from './mastodon.js';
import { BRAND_REPLY } from '../sim-model.js';

const TWEPOCH = 1288834974657n;
const SEVEN_DAYS = 7 * 24 * 3_600_000;

function invalid(parameter: string, message: string, value?: string): SimResponse {
  return json(400, {
    errors: [{ parameters: { [parameter]: value === undefined ? [] : [value] }, message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
  });
}

const unauthorized = (): SimResponse => json(401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });

function fieldsOf(req: SimRequest, name: string): Set<string> {
  return new Set((req.query.get(name) ?? '').split(',').filter(Boolean));
}

const escText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function renderTweet(p: SimPost, f: Set<string>, ctx: SimContext): Record<string, unknown> {
  const t: Record<string, unknown> = { id: p.id, text: escText(p.text), edit_history_tweet_ids: [p.id] };
  if (f.has('created_at')) t['created_at'] = new Date(p.createdAt).toISOString();
  if (f.has('author_id')) t['author_id'] = p.author.id;
  if (f.has('conversation_id')) t['conversation_id'] = p.root?.id ?? p.id;
  if (f.has('in_reply_to_user_id') && p.parent) t['in_reply_to_user_id'] = ctx.store.get('x', p.parent.id)?.author.id ?? ctx.store.brandAccounts.x.id;
  if (f.has('lang')) t['lang'] = p.lang ?? 'und';
  if (f.has('referenced_tweets') && p.parent) t['referenced_tweets'] = [{ type: 'replied_to', id: p.parent.id }];
  if (f.has('public_metrics'))
    t['public_metrics'] = {
      retweet_count: p.reposts,
      reply_count: p.replies,
      like_count: p.likes,
      quote_count: 0,
      bookmark_count: 0,
      impression_count: 40 + p.likes * 30,
    };
  return t;
}

function renderUser(a: SimAccount, f: Set<string>): Record<string, unknown> {
  const u: Record<string, unknown> = { id: a.id, name: a.displayName, username: a.handle };
  if (f.has('public_metrics'))
    u['public_metrics'] = { followers_count: a.followers, following_count: 311, tweet_count: 5012, listed_count: 7, like_count: 900 };
  if (f.has('created_at')) u['created_at'] = '2019-03-04T10:00:00.000Z';
  if (f.has('description')) u['description'] = '';
  if (f.has('protected')) u['protected'] = false;
  if (f.has('profile_image_url')) u['profile_image_url'] = a.avatar;
  if (f.has('verified')) u['verified'] = a.followers > 500_000;
  return u;
}

function snowflakeMs(id: string): number | null {
  return /^\d{1,20}$/.test(id) ? Number((BigInt(id) >> 22n) + TWEPOCH) : null;
}

/** Filtered views of a listing, per listing array (listings are memoised views: a new array when the posts change). */
const filtered = new WeakMap<readonly SimPost[], Map<string, SimPost[]>>();

/** Timeline/search paging shared by recent search, mentions and user tweets. */
function timeline(req: SimRequest, ctx: SimContext, all: readonly SimPost[], opts: { tokenParam: string; min: number; def: number; key: string }): SimResponse {
  const max = intParam(req, 'max_results', opts.def);
  if (max === null || max < opts.min || max > 100)
    return invalid(
      'max_results',
      `The \`max_results\` query parameter value [${req.query.get('max_results') ?? ''}] is not between ${opts.min} and 100`,
      req.query.get('max_results') ?? '',
    );
  const sinceId = req.query.get('since_id');
  const untilId = req.query.get('until_id');
  const start = req.query.get('start_time');
  const end = req.query.get('end_time');
  if (sinceId && start) return invalid('since_id', 'since_id and start_time cannot be used together', sinceId);
  if (sinceId) {
    const ms = snowflakeMs(sinceId);
    if (ms === null) return invalid('since_id', `The \`since_id\` query parameter value [${sinceId}] is not valid`, sinceId);
    if (ms < ctx.store.now() - SEVEN_DAYS)
      return invalid(
        'since_id',
        `Invalid 'since_id':'${sinceId}'. 'since_id' must be a tweet id created after ${new Date(ctx.store.now() - SEVEN_DAYS).toISOString()}.`,
        sinceId,
      );
  }
  const startMs = start ? Date.parse(start) : null;
  const endMs = end ? Date.parse(end) : null;
  if (startMs !== null && !Number.isFinite(startMs)) return invalid('start_time', 'Invalid start_time', start ?? '');
  const since = sinceId ? BigInt(sinceId) : null;
  const until = untilId && /^\d+$/.test(untilId) ? BigInt(untilId) : null;
  // A run follows next_token with the same since_id/start_time: filter once per run, not per page.
  let views = filtered.get(all);
  if (!views) filtered.set(all, (views = new Map()));
  const viewKey = `${since ?? ''}|${until ?? ''}|${startMs ?? ''}|${endMs ?? ''}`;
  let items = views.get(viewKey);
  if (!items) {
    items = all.filter(
      (p) =>
        (since === null || BigInt(p.id) > since) &&
        (until === null || BigInt(p.id) < until) &&
        (startMs === null || p.createdAt >= startMs) &&
        (endMs === null || p.createdAt < endMs),
    );
    if (views.size > 100) views.clear();
    views.set(viewKey, items);
  }
  const key = `${opts.key}|${sinceId ?? ''}|${start ?? ''}|${untilId ?? ''}|${end ?? ''}`;
  const token = req.query.get(opts.tokenParam);
  const before = token ? decodeCursor(token, key) : null;
  if (token && before === null) return invalid(opts.tokenParam, `The \`${opts.tokenParam}\` query parameter value [${token}] is not valid`, token);
  const { page, hasOlder } = pageBefore(items, before, max, listingFx(req, ctx), ctx);
  const ids = page.map((p) => BigInt(p.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const meta: Record<string, unknown> = { result_count: page.length };
  if (page.length) {
    meta['newest_id'] = String(ids[ids.length - 1]);
    meta['oldest_id'] = String(ids[0]);
  }
  if (hasOlder && page.length) meta['next_token'] = encodeCursor(Math.min(...page.map((p) => p.seq)), key);
  const body: Record<string, unknown> = page.length ? expanded(req, ctx, page, []) : {};
  body['meta'] = meta;
  return json(200, body);
}

/** The tweet fields an expansion implies: the real API puts the expansion's field in `data`. */
const EXPANSION_FIELDS: Record<string, string> = {
  author_id: 'author_id',
  'referenced_tweets.id': 'referenced_tweets',
  'referenced_tweets.id.author_id': 'referenced_tweets',
  in_reply_to_user_id: 'in_reply_to_user_id',
};

function notFoundError(resourceType: 'tweet' | 'user', parameter: string, value: string): Record<string, unknown> {
  const what = resourceType === 'tweet' ? 'tweet' : 'user';
  return {
    value,
    detail: `Could not find ${what} with ${parameter}: [${value}].`,
    title: 'Not Found Error',
    resource_type: resourceType,
    parameter,
    resource_id: value,
    type: 'https://api.twitter.com/2/problems/resource-not-found',
  };
}

/**
 * `{ data, includes?, errors? }` for `tweets` as the request's `tweet.fields`, `user.fields` and
 * `expansions` ask: expanded objects go to `includes.users` / `includes.tweets`, and a referenced
 * tweet that is gone becomes a partial error inside the 200 (X API v2 "partial errors").
 */
function expanded(req: SimRequest, ctx: SimContext, tweets: readonly SimPost[], errors: Record<string, unknown>[], single = false): Record<string, unknown> {
  const expansions = new Set(
    (req.query.get('expansions') ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean),
  );
  const tf = fieldsOf(req, 'tweet.fields');
  for (const e of expansions) if (EXPANSION_FIELDS[e]) tf.add(EXPANSION_FIELDS[e]);
  const uf = fieldsOf(req, 'user.fields');
  const users = new Map<string, SimAccount>();
  const refs = new Map<string, SimPost>();
  const errs = [...errors];
  for (const p of tweets) {
    if (expansions.has('author_id')) users.set(p.author.id, p.author);
    if (p.parent && (expansions.has('referenced_tweets.id') || expansions.has('referenced_tweets.id.author_id'))) {
      const parent = ctx.store.get('x', p.parent.id);
      if (parent && !parent.deleted) {
        refs.set(parent.id, parent);
        if (expansions.has('referenced_tweets.id.author_id')) users.set(parent.author.id, parent.author);
      } else errs.push(notFoundError('tweet', 'referenced_tweets.id', p.parent.id));
    }
    if (p.parent && expansions.has('in_reply_to_user_id')) {
      const to = ctx.store.get('x', p.parent.id)?.author;
      if (to) users.set(to.id, to);
    }
  }
  const data = tweets.map((p) => renderTweet(p, tf, ctx));
  const body: Record<string, unknown> = { data: single ? data[0] : data };
  const includes: Record<string, unknown> = {};
  if (users.size) includes['users'] = [...users.values()].map((u) => renderUser(u, uf));
  if (refs.size) includes['tweets'] = [...refs.values()].map((t) => renderTweet(t, tf, ctx));
  if (Object.keys(includes).length) body['includes'] = includes;
  if (errs.length) body['errors'] = errs;
  return body;
}

/**
 * Search operators a response desk uses to read a thread or its own replies: `conversation_id:`,
 * `from:`, `to:`, `is:reply` (each may be negated with `-`). Other operators are ignored.
 */
function operatorFilter(query: string, ctx: SimContext): ((p: SimPost) => boolean) | null {
  const ops = [...query.matchAll(/(^|\s)(-?)(conversation_id|from|to|is):(\S+)/g)].map((m) => ({
    neg: m[2] === '-',
    op: m[3] as string,
    value: (m[4] as string).replace(/\)+$/, '').toLowerCase(),
  }));
  const used = ops.filter((o) => o.op !== 'is' || o.value === 'reply');
  if (!used.length) return null;
  return (p) =>
    used.every((o) => {
      let hit: boolean;
      if (o.op === 'conversation_id') hit = (p.root?.id ?? p.id) === o.value;
      else if (o.op === 'from') hit = p.author.handle.toLowerCase() === o.value || p.author.id === o.value;
      else if (o.op === 'to') {
        const to = p.parent ? ctx.store.get('x', p.parent.id)?.author : undefined;
        hit = !!to && (to.handle.toLowerCase() === o.value || to.id === o.value);
      } else hit = p.parent !== null;
      return o.neg ? !hit : hit;
    });
}

function userLookup(
  req: SimRequest,
  ctx: SimContext,
  accounts: { key: string; parameter: string; account: SimAccount | undefined }[],
  single: boolean,
): SimResponse {
  const uf = fieldsOf(req, 'user.fields');
  const found = accounts.filter((a) => a.account).map((a) => renderUser(a.account as SimAccount, uf));
  const errors = accounts.filter((a) => !a.account).map((a) => notFoundError('user', a.parameter, a.key));
  const body: Record<string, unknown> = {};
  if (found.length) body['data'] = single ? found[0] : found;
  if (errors.length) body['errors'] = errors;
  return json(200, body);
}

// eslint-disable-next-line max-lines-per-function -- the route table: one short branch per documented endpoint, each delegating; splitting it would scatter the routes
export function handleX(req: SimRequest, ctx: SimContext): SimResponse {
  if (!ctx.auth.bearerOk('x', bearerOf(req.headers.authorization))) return unauthorized();
  const path = req.path.replace(/\/+$/, '');
  const brand = ctx.store.brandAccounts.x;
  const visible = ctx.store.visible('x');

  if (req.method === 'GET' && path === '/2/tweets/search/recent') {
    const query = req.query.get('query') ?? '';
    if (!query.trim()) return invalid('query', 'The `query` query parameter can not be empty');
    if (query.length > 512) return invalid('query', 'The `query` query parameter value is too long (max 512)', query);
    const weekAgo = ctx.store.now() - SEVEN_DAYS;
    const ops = operatorFilter(query, ctx);
    // With thread/author operators the brand's own replies are searchable too (they are public tweets).
    const pool = (): readonly SimPost[] => (ops ? ctx.store.list('x').filter((p) => !p.deleted && ops(p)) : visible);
    return timeline(
      req,
      ctx,
      ctx.store.derived('x', `search|${query}|${Math.floor(weekAgo / 60_000)}`, () =>
        pool().filter((p) => p.createdAt >= weekAgo && matchesQuery(p.text, query)),
      ),
      { tokenParam: 'next_token', min: 10, def: 10, key: `search|${query}` },
    );
  }
  if (req.method === 'GET' && path === '/2/users/me') return userLookup(req, ctx, [{ key: brand.id, parameter: 'id', account: brand }], true);
  const userById = /^\/2\/users\/(\d+)$/.exec(path);
  if (req.method === 'GET' && userById) {
    const id = userById[1] ?? '';
    return userLookup(req, ctx, [{ key: id, parameter: 'id', account: ctx.store.accountById('x', id) }], true);
  }
  const byUsername = /^\/2\/users\/by\/username\/([A-Za-z0-9_]{1,15})$/.exec(path);
  if (req.method === 'GET' && byUsername) {
    const name = byUsername[1] ?? '';
    return userLookup(req, ctx, [{ key: name, parameter: 'username', account: ctx.store.accountByHandle('x', name) }], true);
  }
  if (req.method === 'GET' && (path === '/2/users' || path === '/2/users/by')) {
    const param = path === '/2/users' ? 'ids' : 'usernames';
    const keys = (req.query.get(param) ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    if (!keys.length) return invalid(param, `The \`${param}\` query parameter can not be empty`);
    if (keys.length > 100) return invalid(param, `The \`${param}\` query parameter value [${keys.length}] is not between 1 and 100`, String(keys.length));
    return userLookup(
      req,
      ctx,
      keys.map((k) => ({
        key: k,
        parameter: param === 'ids' ? 'ids' : 'usernames',
        account: param === 'ids' ? ctx.store.accountById('x', k) : ctx.store.accountByHandle('x', k),
      })),
      false,
    );
  }
  const tweetById = /^\/2\/tweets\/(\d+)$/.exec(path);
  if (req.method === 'GET' && tweetById) {
    const p = ctx.store.get('x', tweetById[1] ?? '');
    if (!p || p.deleted) return json(200, { errors: [notFoundError('tweet', 'id', tweetById[1] ?? '')] });
    return json(200, expanded(req, ctx, [p], [], true));
  }
  if (req.method === 'GET' && path === '/2/tweets') {
    const ids = (req.query.get('ids') ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    if (!ids.length) return invalid('ids', 'The `ids` query parameter can not be empty');
    if (ids.length > 100 || ids.some((id) => !/^\d{1,19}$/.test(id)))
      return invalid('ids', `The \`ids\` query parameter value [${ids.join(',')}] is not valid`, ids.join(','));
    const found = ids.map((id) => ctx.store.get('x', id)).filter((p): p is SimPost => !!p && !p.deleted);
    const missing = ids.filter((id) => !found.some((p) => p.id === id)).map((id) => notFoundError('tweet', 'ids', id));
    if (!found.length) return json(200, { errors: missing });
    return json(200, expanded(req, ctx, found, missing));
  }
  if (req.method === 'DELETE' && tweetById) {
    const p = ctx.store.get('x', tweetById[1] ?? '');
    if (p && !p.deleted && !p.byBrand)
      return json(403, { detail: 'You are not allowed to delete a Tweet that is not your own.', type: 'about:blank', title: 'Forbidden', status: 403 });
    // Deleting a tweet that is already gone answers deleted: false (nothing to do).
    const gone = p ? ctx.store.deleteOwn('x', p.id) : undefined;
    return respondWrite(req, ctx, json(200, { data: { deleted: !!gone } }));
  }
  const mentions = /^\/2\/users\/(\d+)\/mentions$/.exec(path);
  if (req.method === 'GET' && mentions) {
    const items = mentions[1] === brand.id ? ctx.store.derived('x', 'mentions', () => visible.filter((p) => p.mentionsBrand)) : [];
    return timeline(req, ctx, items, { tokenParam: 'pagination_token', min: 5, def: 10, key: `mentions|${mentions[1]}` });
  }
  const tweets = /^\/2\/users\/(\d+)\/tweets$/.exec(path);
  if (req.method === 'GET' && tweets) {
    const items = ctx.store.derived('x', `tweets|${tweets[1]}`, () => ctx.store.list('x').filter((p) => !p.deleted && p.author.id === tweets[1]));
    return timeline(req, ctx, items, { tokenParam: 'pagination_token', min: 5, def: 10, key: `tweets|${tweets[1]}` });
  }
  if (req.method === 'POST' && path === '/2/tweets') return postTweet(req, ctx, brand);
  return json(404, {
    title: 'Not Found Error',
    detail: `Could not find the requested resource ${path}`,
    type: 'https://api.twitter.com/2/problems/resource-not-found',
    status: 404,
  });
}

/** POST /2/tweets: the brand's reply (280 characters, no duplicate text, the parent must be visible). */
function postTweet(req: SimRequest, ctx: SimContext, brand: SimAccount): SimResponse {
  const b = bodyOf(req);
  const text = typeof b['text'] === 'string' ? b['text'] : '';
  const reply = typeof b['reply'] === 'object' && b['reply'] !== null ? (b['reply'] as Record<string, unknown>) : null;
  const parentId = reply && typeof reply['in_reply_to_tweet_id'] === 'string' ? reply['in_reply_to_tweet_id'] : null;
  if (!text.trim()) return invalid('text', 'text must not be empty');
  if ([...text].length > 280) return json(403, { detail: 'Your Tweet text is too long.', type: 'about:blank', title: 'Forbidden', status: 403 });
  const parent = parentId ? ctx.store.get('x', parentId) : undefined;
  if (parentId && (!parent || parent.deleted))
    return json(403, {
      detail: 'You attempted to reply to a Tweet that is deleted or not visible to you.',
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
    });
  if (ctx.store.xRefusesDuplicates && ctx.store.list('x').some((p) => p.byBrand && !p.deleted && p.text === text)) {
    return json(403, { detail: 'You are not allowed to create a Tweet with duplicate content.', type: 'about:blank', title: 'Forbidden', status: 403 });
  }
  const t = ctx.store.markTimes('x', ctx.store.now());
  const post: SimPost = {
    platform: 'x',
    seq: ctx.store.nextSeq('x'),
    id: ctx.store.ids.xTweet(t.createdAt),
    author: brand,
    text,
    lang: 'en',
    createdAt: t.createdAt,
    indexedAt: t.indexedAt,
    tags: [],
    parent: parent ? { id: parent.id } : null,
    root: parent ? { id: parent.root?.id ?? parent.id } : null,
    ...BRAND_REPLY,
  };
  ctx.store.insert(post);
  if (parent) parent.replies++;
  ctx.store.replies.push({
    platform: 'x',
    id: post.id,
    inReplyTo: parentId ?? '',
    text,
    idempotencyKey: null,
    endpoint: 'POST /2/tweets',
    createdAt: new Date(t.createdAt).toISOString(),
    requestId: req.requestId,
  });
  return respondWrite(req, ctx, json(201, { data: { id: post.id, text: escText(text), edit_history_tweet_ids: [post.id] } }));
}
