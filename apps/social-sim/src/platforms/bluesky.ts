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
  queryAll,
  type SimContext,
  type SimRequest,
  type SimResponse,
} from '../context.js';
import { cidFor } from '../ids.js';
import type { SimAccount, SimPost } from '../sim-model.js';
import { respondWrite } from './mastodon.js';
import { BRAND_REPLY } from '../sim-model.js';

const COLLECTION = 'app.bsky.feed.post';

function profileBasic(a: SimAccount): Record<string, unknown> {
  return {
    did: a.id,
    handle: a.handle,
    displayName: a.displayName,
    avatar: a.avatar,
    associated: { chat: { allowIncoming: 'following' } },
    labels: [],
    createdAt: '2023-04-12T00:00:00.000Z',
  };
}

function profileDetailed(a: SimAccount): Record<string, unknown> {
  return { ...profileBasic(a), description: '', indexedAt: '2024-01-01T00:00:00.000Z', followersCount: a.followers, followsCount: 210, postsCount: 830 };
}

function recordOf(p: SimPost): Record<string, unknown> {
  return p.record ?? { $type: COLLECTION, text: p.text, createdAt: new Date(p.createdAt).toISOString(), langs: p.lang ? [p.lang] : [] };
}

function postView(p: SimPost): Record<string, unknown> {
  return {
    uri: p.id,
    cid: p.cid,
    author: profileBasic(p.author),
    record: recordOf(p),
    replyCount: p.replies,
    repostCount: p.reposts,
    likeCount: p.likes,
    quoteCount: 0,
    indexedAt: new Date(p.indexedAt).toISOString(),
    viewer: { threadMuted: false, embeddingDisabled: false },
    labels: [],
  };
}

const bad = (error: string, message: string, status = 400): SimResponse => json(status, { error, message });

function replyRef(p: SimPost, ctx: SimContext): Record<string, unknown> {
  const view = (id: string): Record<string, unknown> => {
    const x = ctx.store.get('bluesky', id);
    return x && !x.deleted ? { $type: 'app.bsky.feed.defs#postView', ...postView(x) } : { $type: 'app.bsky.feed.defs#notFoundPost', uri: id, notFound: true };
  };
  return { root: view(p.root?.id ?? p.parent?.id ?? p.id), parent: view(p.parent?.id ?? p.id) };
}

/** `app.bsky.feed.defs#threadViewPost`: the post, its parents up to `height`, replies down to `depth`. */
function threadView(p: SimPost, ctx: SimContext, depth: number, height: number, withParent = true): Record<string, unknown> {
  const out: Record<string, unknown> = { $type: 'app.bsky.feed.defs#threadViewPost', post: postView(p) };
  if (withParent && p.parent && height > 0) {
    const parent = ctx.store.get('bluesky', p.parent.id);
    out['parent'] =
      parent && !parent.deleted ? threadView(parent, ctx, 0, height - 1) : { $type: 'app.bsky.feed.defs#notFoundPost', uri: p.parent.id, notFound: true };
  }
  out['replies'] = depth > 0 ? ctx.store.children('bluesky', p.id).map((c) => threadView(c, ctx, depth - 1, 0, false)) : [];
  return out;
}

function limitOf(req: SimRequest, def: number): number | SimResponse {
  const n = intParam(req, 'limit', def);
  if (n === null || n < 1) return bad('InvalidRequest', 'Error: limit must be an integer');
  if (n > 100) return bad('InvalidRequest', 'Error: limit can not be greater than 100');
  return n;
}

export function handleBluesky(req: SimRequest, ctx: SimContext): SimResponse {
  const nsid = req.path.replace(/^\/xrpc\//, '');
  const brand = ctx.store.brandAccounts.bluesky;
  if (!req.path.startsWith('/xrpc/')) return json(404, { error: 'NotFound', message: 'Not Found' });

  if (nsid === 'com.atproto.server.createSession' && req.method === 'POST') return createSession(req, ctx, brand);
  if (nsid === 'com.atproto.server.deleteSession' && req.method === 'POST') {
    const r = ctx.auth.endBlueskySession(bearerOf(req.headers.authorization));
    return r ? { status: 200, body: '', contentType: 'text/plain; charset=utf-8' } : bad('InvalidToken', 'Token could not be verified');
  }
  if (nsid === 'com.atproto.server.refreshSession' && req.method === 'POST') {
    const r = ctx.auth.refreshBluesky(bearerOf(req.headers.authorization));
    if (r === 'revoked') return bad('ExpiredToken', 'Token has been revoked');
    if (r === 'invalid') return bad('InvalidToken', 'Token could not be verified');
    return json(200, { ...r, active: true });
  }

  const check = ctx.auth.checkBluesky(bearerOf(req.headers.authorization));
  if (check.state === 'missing') return bad('AuthMissing', 'Authentication Required', 401);
  if (check.state === 'invalid') return bad('InvalidToken', 'Token could not be verified');
  if (check.state === 'expired') return bad('ExpiredToken', 'Token has expired');
  const visible = ctx.store.visible('bluesky');

  if (nsid === 'app.bsky.feed.searchPosts' && req.method === 'GET') return searchPosts(req, ctx, visible);
  if (nsid === 'app.bsky.notification.listNotifications' && req.method === 'GET') return listNotifications(req, ctx, visible);
  if (nsid === 'app.bsky.actor.getProfiles' && req.method === 'GET') return getProfiles(req, ctx, brand);
  if (nsid === 'com.atproto.repo.getRecord' && req.method === 'GET') {
    const uri = `at://${req.query.get('repo') ?? ''}/${req.query.get('collection') ?? ''}/${req.query.get('rkey') ?? ''}`;
    const p = ctx.store.get('bluesky', uri);
    if (!p || p.deleted) return bad('RecordNotFound', `Could not locate record: ${uri}`);
    return json(200, { uri: p.id, cid: p.cid, value: recordOf(p) });
  }
  if ((nsid === 'com.atproto.repo.putRecord' || nsid === 'com.atproto.repo.createRecord') && req.method === 'POST') {
    return writeRecord(req, ctx, nsid === 'com.atproto.repo.putRecord');
  }
  if (nsid === 'com.atproto.repo.deleteRecord' && req.method === 'POST') {
    const b = bodyOf(req);
    if (b['repo'] !== brand.id && b['repo'] !== brand.handle) return bad('InvalidRequest', 'Input/repo must be the authenticated account');
    if (typeof b['collection'] !== 'string' || typeof b['rkey'] !== 'string') return bad('InvalidRequest', 'Input must have the property "rkey"');
    const uri = `at://${brand.id}/${b['collection']}/${b['rkey']}`;
    const gone = ctx.store.deleteOwn('bluesky', uri);
    // Deleting a record that does not exist is a no-op without a commit.
    return respondWrite(req, ctx, json(200, gone ? { commit: { cid: cidFor(`delete:${uri}`), rev: ctx.store.ids.tid(ctx.store.now()) } } : {}));
  }
  if (nsid === 'com.atproto.server.getSession' && req.method === 'GET') {
    return json(200, { handle: brand.handle, did: brand.id, email: 'social@acme.example', emailConfirmed: true, emailAuthFactor: false, active: true });
  }
  if (nsid === 'com.atproto.identity.resolveHandle' && req.method === 'GET') {
    const handle = req.query.get('handle');
    if (!handle) return bad('InvalidRequest', 'Error: Params must have the property "handle"');
    const a = ctx.store.accountByHandle('bluesky', handle);
    return a ? json(200, { did: a.id }) : bad('InvalidRequest', 'Unable to resolve handle');
  }
  if (nsid === 'app.bsky.actor.getProfile' && req.method === 'GET') {
    const actor = req.query.get('actor');
    if (!actor) return bad('InvalidRequest', 'Error: Params must have the property "actor"');
    const a = actor.startsWith('did:') ? ctx.store.accountById('bluesky', actor) : ctx.store.accountByHandle('bluesky', actor);
    return a ? json(200, profileDetailed(a)) : bad('InvalidRequest', 'Profile not found');
  }
  if (nsid === 'app.bsky.feed.getPosts' && req.method === 'GET') {
    const uris = queryAll(req, 'uris');
    if (!uris.length) return bad('InvalidRequest', 'Error: Params must have the property "uris"');
    if (uris.length > 25) return bad('InvalidRequest', 'Error: uris must not have more than 25 elements');
    return json(200, {
      posts: uris
        .map((u) => ctx.store.get('bluesky', u))
        .filter((p): p is SimPost => !!p && !p.deleted)
        .map(postView),
    });
  }
  if (nsid === 'app.bsky.feed.getPostThread' && req.method === 'GET') return getPostThread(req, ctx);
  if (nsid === 'app.bsky.feed.getAuthorFeed' && req.method === 'GET') return getAuthorFeed(req, ctx);
  if (nsid === 'app.bsky.notification.getUnreadCount' && req.method === 'GET') {
    return json(200, { count: ctx.store.derived('bluesky', 'mentions', () => visible.filter((p) => p.mentionsBrand)).length });
  }
  if (nsid === 'app.bsky.notification.updateSeen' && req.method === 'POST') {
    if (typeof bodyOf(req)['seenAt'] !== 'string') return bad('InvalidRequest', 'Input must have the property "seenAt"');
    return json(200, '', undefined);
  }
  return bad('MethodNotImplemented', 'Method Not Implemented', 501);
}

/** com.atproto.server.createSession: the brand's app password gives a session (refused while revoked). */
function createSession(req: SimRequest, ctx: SimContext, brand: SimAccount): SimResponse {
  const b = bodyOf(req);
  if (typeof b['identifier'] !== 'string' || typeof b['password'] !== 'string') return bad('InvalidRequest', 'Input must have the property "identifier"');
  if (ctx.auth.isRevoked('bluesky')) return bad('AuthenticationRequired', 'Invalid identifier or password', 401);
  return json(200, {
    ...ctx.auth.issueBluesky(brand.id, brand.handle),
    handle: brand.handle,
    did: brand.id,
    email: 'social@acme.example',
    emailConfirmed: true,
    active: true,
  });
}

/** app.bsky.feed.searchPosts: visible posts matching q, within since/until (indexedAt), newest first. */
function searchPosts(req: SimRequest, ctx: SimContext, visible: readonly SimPost[]): SimResponse {
  const q = req.query.get('q');
  if (!q) return bad('InvalidRequest', 'Error: Params must have the property "q"');
  const limit = limitOf(req, 25);
  if (typeof limit !== 'number') return limit;
  const since = req.query.get('since');
  const until = req.query.get('until');
  const sinceMs = since ? Date.parse(since) : null;
  const untilMs = until ? Date.parse(until) : null;
  if ((since && !Number.isFinite(sinceMs)) || (until && !Number.isFinite(untilMs))) return bad('BadQueryString', 'Invalid since/until');
  const items = ctx.store.derived('bluesky', `search|${q}|${since ?? ''}|${until ?? ''}`, () =>
    visible.filter((p) => matchesQuery(p.text, q) && (sinceMs === null || p.indexedAt >= sinceMs) && (untilMs === null || p.indexedAt < untilMs)),
  );
  const key = `${q}|${since ?? ''}|${until ?? ''}`;
  const cursor = req.query.get('cursor');
  const before = cursor ? decodeCursor(cursor, key) : null;
  if (cursor && before === null) return bad('InvalidRequest', 'Malformed cursor');
  const { page, hasOlder } = pageBefore(items, before, limit, listingFx(req, ctx), ctx);
  const oldest = Math.min(...page.map((p) => p.seq));
  return json(200, { ...(hasOlder && page.length ? { cursor: encodeCursor(oldest, key) } : {}), hitsTotal: items.length, posts: page.map(postView) });
}

/** app.bsky.notification.listNotifications: the brand's mentions, newest first. */
function listNotifications(req: SimRequest, ctx: SimContext, visible: readonly SimPost[]): SimResponse {
  const limit = limitOf(req, 50);
  if (typeof limit !== 'number') return limit;
  const reasons = queryAll(req, 'reasons');
  const items = reasons.length && !reasons.includes('mention') ? [] : ctx.store.derived('bluesky', 'mentions', () => visible.filter((p) => p.mentionsBrand));
  const cursor = req.query.get('cursor');
  const before = cursor ? decodeCursor(cursor, 'notifications') : null;
  if (cursor && before === null) return bad('InvalidRequest', 'Malformed cursor');
  const { page, hasOlder } = pageBefore(items, before, limit, listingFx(req, ctx), ctx);
  const oldest = Math.min(...page.map((p) => p.seq));
  return json(200, {
    ...(hasOlder && page.length ? { cursor: encodeCursor(oldest, 'notifications') } : {}),
    notifications: page.map((p) => ({
      uri: p.id,
      cid: p.cid,
      author: profileDetailed(p.author),
      reason: 'mention',
      record: recordOf(p),
      isRead: false,
      indexedAt: new Date(p.indexedAt).toISOString(),
      labels: [],
    })),
    priority: false,
    seenAt: new Date(ctx.store.now()).toISOString(),
  });
}

/** app.bsky.actor.getProfiles: authors seen so far and the brand, by DID or handle. */
function getProfiles(req: SimRequest, ctx: SimContext, brand: SimAccount): SimResponse {
  const actors = queryAll(req, 'actors');
  if (!actors.length) return bad('InvalidRequest', 'Error: Params must have the property "actors"');
  if (actors.length > 25) return bad('InvalidRequest', 'Error: actors must not have more than 25 elements');
  const byKey = ctx.store.derived('bluesky', 'profiles', () => {
    const m = new Map<string, SimAccount>();
    for (const p of ctx.store.list('bluesky')) {
      m.set(p.author.id, p.author);
      m.set(p.author.handle, p.author);
    }
    m.set(brand.id, brand);
    return m;
  });
  return json(200, {
    profiles: actors
      .map((a) => byKey.get(a))
      .filter((a): a is SimAccount => !!a)
      .map(profileDetailed),
  });
}

/** app.bsky.feed.getPostThread: a post with its parents and replies. */
function getPostThread(req: SimRequest, ctx: SimContext): SimResponse {
  const uri = req.query.get('uri');
  if (!uri) return bad('InvalidRequest', 'Error: Params must have the property "uri"');
  const depth = intParam(req, 'depth', 6);
  const parentHeight = intParam(req, 'parentHeight', 80);
  if (depth === null || depth < 0 || depth > 1000) return bad('InvalidRequest', 'Error: depth can not be greater than 1000');
  if (parentHeight === null || parentHeight < 0 || parentHeight > 1000) return bad('InvalidRequest', 'Error: parentHeight can not be greater than 1000');
  const p = ctx.store.get('bluesky', uri);
  if (!p || p.deleted) return bad('NotFound', `Post not found: ${uri}`);
  return json(200, { thread: threadView(p, ctx, depth, parentHeight) });
}

/** app.bsky.feed.getAuthorFeed: an account's posts and replies, newest first. */
function getAuthorFeed(req: SimRequest, ctx: SimContext): SimResponse {
  const actor = req.query.get('actor');
  if (!actor) return bad('InvalidRequest', 'Error: Params must have the property "actor"');
  const limit = limitOf(req, 50);
  if (typeof limit !== 'number') return limit;
  const a = actor.startsWith('did:') ? ctx.store.accountById('bluesky', actor) : ctx.store.accountByHandle('bluesky', actor);
  if (!a) return bad('InvalidRequest', 'Profile not found');
  const items = ctx.store.derived('bluesky', `author|${a.id}`, () => ctx.store.list('bluesky').filter((p) => !p.deleted && p.author.id === a.id));
  const key = `author|${a.id}`;
  const cursor = req.query.get('cursor');
  const before = cursor ? decodeCursor(cursor, key) : null;
  if (cursor && before === null) return bad('InvalidRequest', 'Malformed cursor');
  const { page, hasOlder } = pageBefore(items, before, limit, listingFx(req, ctx), ctx);
  const oldest = Math.min(...page.map((p) => p.seq));
  return json(200, {
    ...(hasOlder && page.length ? { cursor: encodeCursor(oldest, key) } : {}),
    feed: page.map((p) => ({ post: postView(p), ...(p.parent ? { reply: replyRef(p, ctx) } : {}) })),
  });
}

function writeRecord(req: SimRequest, ctx: SimContext, put: boolean): SimResponse {
  const brand = ctx.store.brandAccounts.bluesky;
  const b = bodyOf(req);
  const record = typeof b['record'] === 'object' && b['record'] !== null ? (b['record'] as Record<string, unknown>) : null;
  if (b['repo'] !== brand.id && b['repo'] !== brand.handle) return bad('InvalidRequest', 'Input/repo must be the authenticated account');
  if (b['collection'] !== COLLECTION || !record) return bad('InvalidRequest', 'Input must have the property "record"');
  const text = typeof record['text'] === 'string' ? record['text'] : '';
  if ([...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].length > 300)
    return bad('InvalidRequest', 'Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes');
  const rkey = typeof b['rkey'] === 'string' && b['rkey'] ? b['rkey'] : ctx.store.ids.tid(ctx.store.now());
  if (put && (typeof b['rkey'] !== 'string' || !/^[a-z2-7]{13}$/.test(b['rkey']))) return bad('InvalidRequest', 'Input/rkey must be a valid TID');
  const uri = `at://${brand.id}/${COLLECTION}/${rkey}`;
  const cid = cidFor(record);
  const existing = ctx.store.get('bluesky', uri);
  if (existing && !existing.deleted) {
    if (!put) return bad('InternalServerError', 'Internal Server Error', 500); // createRecord onto a used rkey: MST error
    if (existing.cid === cid) return respondWrite(req, ctx, json(200, { uri, cid, validationStatus: 'valid' })); // no-op
    existing.record = record;
    existing.cid = cid;
    existing.text = text;
    return respondWrite(
      req,
      ctx,
      json(200, { uri, cid, commit: { cid: cidFor(`commit:${cid}`), rev: ctx.store.ids.tid(ctx.store.now()) }, validationStatus: 'valid' }),
    );
  }
  const reply =
    typeof record['reply'] === 'object' && record['reply'] !== null ? (record['reply'] as Record<string, Record<string, string> | undefined>) : null;
  const parentUri = reply?.['parent']?.['uri'] ?? null;
  const parent = parentUri ? ctx.store.get('bluesky', parentUri) : undefined;
  if (parentUri && (!parent || parent.deleted)) return bad('InvalidRequest', `Could not locate record: ${parentUri}`);
  const t = ctx.store.markTimes('bluesky', ctx.store.now());
  const post: SimPost = {
    platform: 'bluesky',
    seq: ctx.store.nextSeq('bluesky'),
    id: uri,
    rkey,
    cid,
    record,
    author: brand,
    text,
    lang: 'en',
    createdAt: t.createdAt,
    indexedAt: t.indexedAt,
    tags: [],
    parent: parentUri ? { id: parentUri, cid: reply?.['parent']?.['cid'] } : null,
    root: reply?.['root']?.['uri'] ? { id: reply['root']['uri'], cid: reply['root']['cid'] } : null,
    ...BRAND_REPLY,
  };
  ctx.store.insert(post);
  if (parent) parent.replies++;
  ctx.store.replies.push({
    platform: 'bluesky',
    id: uri,
    inReplyTo: parentUri ?? '',
    text,
    idempotencyKey: rkey,
    endpoint: put ? 'com.atproto.repo.putRecord' : 'com.atproto.repo.createRecord',
    createdAt: new Date(t.createdAt).toISOString(),
    requestId: req.requestId,
  });
  return respondWrite(
    req,
    ctx,
    json(200, { uri, cid, commit: { cid: cidFor(`commit:${cid}`), rev: ctx.store.ids.tid(ctx.store.now()) }, validationStatus: 'valid' }),
  );
}
