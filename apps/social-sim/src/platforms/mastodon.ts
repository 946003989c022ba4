import { bearerOf } from '../auth.js';
import {
  bodyOf,
  escapeHtml,
  header,
  intParam,
  json,
  listingFx,
  matchesQuery,
  queryAll,
  type SimContext,
  type SimRequest,
  type SimResponse,
} from '../context.js';
import { mastodonTime } from '../dialects.js';
import type { SimAccount, SimPost } from '../sim-model.js';
import { BRAND_REPLY } from '../sim-model.js';

const INSTANCE = 'mastodon.example';
const keyOf = (id: string): bigint => (/^\d+$/.test(id) ? BigInt(id) : -1n);

function accountUrl(a: SimAccount): string {
  const [user, domain] = a.handle.split('@');
  return `https://${domain ?? INSTANCE}/@${user}`;
}

export function renderAccount(a: SimAccount): Record<string, unknown> {
  const [username] = a.handle.split('@');
  return {
    id: a.id,
    username,
    acct: a.handle,
    display_name: a.displayName,
    locked: false,
    bot: a.bot,
    discoverable: true,
    indexable: true,
    created_at: '2022-11-05T00:00:00.000Z',
    note: '',
    url: accountUrl(a),
    uri: accountUrl(a).replace('/@', '/users/'),
    avatar: a.avatar,
    avatar_static: a.avatar,
    header: '',
    header_static: '',
    followers_count: a.followers,
    following_count: 180,
    statuses_count: 1200,
    last_status_at: '2026-11-20',
    emojis: [],
    fields: [],
  };
}

const brandMention = new Map<string, RegExp>();

function contentHtml(text: string, brand: string): string {
  let mention = brandMention.get(brand);
  if (!mention) brandMention.set(brand, (mention = new RegExp(`@${brand}\\b`, 'gi')));
  const html = escapeHtml(text)
    .replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1" rel="nofollow noopener" target="_blank">$1</a>')
    .replace(mention, `<span class="h-card" translate="no"><a href="https://${INSTANCE}/@${brand}" class="u-url mention">@<span>${brand}</span></a></span>`)
    .replace(/(^|\s)#(\w+)/g, `$1<a href="https://${INSTANCE}/tags/$2" class="mention hashtag" rel="tag">#<span>$2</span></a>`)
    .replace(/\n/g, '<br />');
  return `<p>${html}</p>`;
}

export function renderStatus(p: SimPost, ctx: SimContext): Record<string, unknown> {
  const brand = ctx.store.brandAccounts.mastodon;
  const url = `${accountUrl(p.author)}/${p.id}`;
  return {
    id: p.id,
    created_at: new Date(p.createdAt).toISOString(),
    edited_at: null,
    in_reply_to_id: p.parent?.id ?? null,
    in_reply_to_account_id: p.parent ? (ctx.store.get('mastodon', p.parent.id)?.author.id ?? null) : null,
    sensitive: false,
    spoiler_text: '',
    visibility: 'public',
    language: p.lang,
    uri: url.replace('/@', '/users/').replace(/\/(\d+)$/, '/statuses/$1'),
    url,
    replies_count: p.replies,
    reblogs_count: p.reposts,
    favourites_count: p.likes,
    content: contentHtml(p.text, ctx.store.brand.handle),
    reblog: null,
    application: null,
    account: renderAccount(p.author),
    media_attachments: [],
    mentions: p.mentionsBrand ? [{ id: brand.id, username: brand.handle, acct: brand.handle, url: `https://${INSTANCE}/@${brand.handle}` }] : [],
    tags: p.tags.map((t) => ({ name: t, url: `https://${INSTANCE}/tags/${t}` })),
    emojis: [],
    card: null,
    poll: null,
  };
}

interface Keyed {
  key: bigint;
  id: string;
  post: SimPost;
}

const ascending = new WeakMap<Keyed[], boolean>();

/**
 * `items.findIndex((i) => (orEqual ? i.key >= k : i.key > k))`: a binary search when the keys
 * ascend (listings are in insertion order and ids grow), else a scan. A scan per page made
 * walking a deep backlog cost O(backlog) per request.
 */
function firstAbove(items: Keyed[], k: bigint, orEqual: boolean): number {
  let sorted = ascending.get(items);
  if (sorted === undefined) {
    sorted = true;
    for (let i = 1; i < items.length && sorted; i++) sorted = (items[i - 1] as Keyed).key < (items[i] as Keyed).key;
    ascending.set(items, sorted);
  }
  if (!sorted) return items.findIndex((i) => (orEqual ? i.key >= k : i.key > k));
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const key = (items[mid] as Keyed).key;
    if (orEqual ? key < k : key <= k) lo = mid + 1;
    else hi = mid;
  }
  return lo < items.length ? lo : -1;
}

/** Mastodon paging: max_id (upper bound), since_id (newest above), min_id (immediately above). */
function page(items: Keyed[], req: SimRequest, limit: number, ctx: SimContext): Keyed[] {
  const fx = listingFx(req, ctx);
  const minId = req.query.get('min_id');
  const maxId = req.query.get('max_id');
  const sinceId = req.query.get('since_id');
  let out: Keyed[];
  if (minId) {
    const k = keyOf(minId);
    let start = firstAbove(items, k, false);
    if (start < 0) start = items.length;
    start = Math.max(0, start - fx.dup);
    out = items.slice(start, start + limit).reverse();
  } else {
    let end = maxId ? firstAbove(items, keyOf(maxId), true) : items.length;
    if (end < 0) end = items.length;
    if (maxId) end = Math.min(items.length, end + fx.dup);
    let lower = 0;
    if (sinceId) {
      lower = firstAbove(items, keyOf(sinceId), false);
      if (lower < 0) lower = items.length;
    }
    out = items.slice(Math.max(lower, end - limit), end).reverse();
  }
  if (fx.shuffle) ctx.rng.shuffle(out);
  return out;
}

function linkHeader(req: SimRequest, items: Keyed[]): Record<string, string> {
  if (!items.length) return {};
  const keys = items.map((i) => i.key).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const mk = (name: string, v: bigint): string => {
    const u = new URL(`${req.base}${req.path}`);
    for (const [k, val] of req.query) if (!['max_id', 'min_id', 'since_id'].includes(k)) u.searchParams.append(k, val);
    u.searchParams.set(name, v.toString());
    return u.toString();
  };
  return { Link: `<${mk('max_id', keys[0] as bigint)}>; rel="next", <${mk('min_id', keys[keys.length - 1] as bigint)}>; rel="prev"` };
}

const unauthorized = (): SimResponse => json(401, { error: 'The access token is invalid' });

function limitOf(req: SimRequest, def: number, max: number): number {
  const n = intParam(req, 'limit', def) ?? def;
  return Math.max(1, Math.min(n, max));
}

// eslint-disable-next-line max-lines-per-function -- the route table: one short branch per documented endpoint, each delegating; splitting it would scatter the routes
export function handleMastodon(req: SimRequest, ctx: SimContext): SimResponse {
  const token = bearerOf(req.headers.authorization);
  const authed = ctx.auth.bearerOk('mastodon', token);
  const visible = ctx.store.visible('mastodon');
  const path = req.path.replace(/\/+$/, '');

  if (req.method === 'GET' && path === '/api/v1/notifications') {
    if (!authed) return unauthorized();
    const types = queryAll(req, 'types');
    const excluded = queryAll(req, 'exclude_types');
    if ((types.length && !types.includes('mention')) || excluded.includes('mention')) return json(200, []);
    const items = ctx.store.derived('mastodon', 'notifications', () =>
      visible
        .filter((p) => p.mentionsBrand && p.notificationId)
        .map((p) => ({ key: BigInt(p.notificationId as string), id: p.notificationId as string, post: p })),
    );
    const got = page(items, req, limitOf(req, 40, 80), ctx);
    const body = got.map((i) => renderNotification(i.post, ctx));
    return json(200, body, linkHeader(req, got));
  }
  const tag = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(path);
  if (req.method === 'GET' && tag) {
    const name = decodeURIComponent(tag[1] ?? '').toLowerCase();
    const items = ctx.store.derived('mastodon', `tag|${name}`, () =>
      visible.filter((p) => p.tags.includes(name)).map((p) => ({ key: keyOf(p.id), id: p.id, post: p })),
    );
    const got = page(items, req, limitOf(req, 20, 40), ctx);
    return json(
      200,
      got.map((i) => renderStatus(i.post, ctx)),
      linkHeader(req, got),
    );
  }
  if (req.method === 'GET' && path === '/api/v2/search') return searchStatuses(req, ctx, visible, authed);
  const notification = /^\/api\/v1\/notifications\/(\d+)$/.exec(path);
  if (req.method === 'GET' && notification) {
    if (!authed) return unauthorized();
    const p = ctx.store
      .derived(
        'mastodon',
        'notification-index',
        () => new Map(visible.filter((x) => x.mentionsBrand && x.notificationId).map((x) => [x.notificationId as string, x])),
      )
      .get(notification[1] ?? '');
    return p ? json(200, renderNotification(p, ctx)) : notFound();
  }
  const status = /^\/api\/v1\/statuses\/(\d+)$/.exec(path);
  if (req.method === 'GET' && status) {
    const p = ctx.store.get('mastodon', status[1] ?? '');
    return p && !p.deleted ? json(200, renderStatus(p, ctx)) : notFound();
  }
  if (req.method === 'DELETE' && status) {
    if (!authed) return unauthorized();
    // Only the caller's own statuses (`current_account.statuses.find`): anyone else's is a 404.
    const p = ctx.store.get('mastodon', status[1] ?? '');
    if (!p || p.deleted || !p.byBrand) return notFound();
    ctx.store.deleteOwn('mastodon', p.id);
    return respondWrite(req, ctx, json(200, { ...renderStatus(p, ctx), text: p.text }));
  }
  const context = /^\/api\/v1\/statuses\/(\d+)\/context$/.exec(path);
  if (req.method === 'GET' && context) return statusContext(req, ctx, context);
  if (req.method === 'GET' && path === '/api/v1/accounts/verify_credentials') {
    if (!authed) return unauthorized();
    const me = ctx.store.brandAccounts.mastodon;
    return json(200, {
      ...renderAccount(me),
      source: { privacy: 'public', sensitive: false, language: 'en', note: '', fields: [], follow_requests_count: 0 },
      role: { id: '-99', name: '', permissions: '0', color: '', highlighted: false },
    });
  }
  if (req.method === 'GET' && path === '/api/v1/accounts/lookup') {
    const acct = req.query.get('acct') ?? '';
    const a = ctx.store.accountByHandle('mastodon', acct.replace(new RegExp(`@${INSTANCE.replace(/\./g, '\\.')}$`, 'i'), ''));
    return a ? json(200, renderAccount(a)) : notFound();
  }
  const account = /^\/api\/v1\/accounts\/(\d+)$/.exec(path);
  if (req.method === 'GET' && account) {
    const a = ctx.store.accountById('mastodon', account[1] ?? '');
    return a ? json(200, renderAccount(a)) : notFound();
  }
  const accountStatuses = /^\/api\/v1\/accounts\/(\d+)\/statuses$/.exec(path);
  if (req.method === 'GET' && accountStatuses) {
    const id = accountStatuses[1] ?? '';
    if (!ctx.store.accountById('mastodon', id)) return notFound();
    const excludeReplies = req.query.get('exclude_replies') === 'true';
    const items = ctx.store.derived('mastodon', `account|${id}|${excludeReplies}`, () =>
      ctx.store
        .list('mastodon')
        .filter((p) => !p.deleted && p.author.id === id && !(excludeReplies && p.parent))
        .map((p) => ({ key: keyOf(p.id), id: p.id, post: p })),
    );
    const got = page(items, req, limitOf(req, 20, 40), ctx);
    return json(
      200,
      got.map((i) => renderStatus(i.post, ctx)),
      linkHeader(req, got),
    );
  }
  if (req.method === 'GET' && path === '/api/v1/instance') return json(200, instanceV1(ctx));
  if (req.method === 'GET' && path === '/api/v2/instance') return json(200, instanceV2(ctx));
  if (req.method === 'POST' && path === '/api/v1/statuses') return postStatus(req, ctx, authed);
  return notFound();
}

/** /api/v2/search: statuses matching q (a user token is needed for statuses; without one the result is empty). */
function searchStatuses(req: SimRequest, ctx: SimContext, visible: readonly SimPost[], authed: boolean): SimResponse {
  const q = req.query.get('q') ?? '';
  const type = req.query.get('type');
  if (!q.trim()) return json(400, { error: 'Validation failed: q is missing' });
  if (!authed) return json(200, { accounts: [], statuses: [], hashtags: [] }); // statuses search needs a user token
  if (type && type !== 'statuses') return json(200, { accounts: [], statuses: [], hashtags: [] });
  const items = ctx.store.derived('mastodon', `search|${q}`, () =>
    visible.filter((p) => matchesQuery(p.text, q)).map((p) => ({ key: keyOf(p.id), id: p.id, post: p })),
  );
  const got = page(items, req, limitOf(req, 20, 40), ctx);
  return json(200, { accounts: [], statuses: got.map((i) => renderStatus(i.post, ctx)), hashtags: [] });
}

/** /api/v1/statuses/:id/context: up to 40 ancestors and 60 descendants of a status. */
function statusContext(req: SimRequest, ctx: SimContext, context: RegExpExecArray): SimResponse {
  const p = ctx.store.get('mastodon', context[1] ?? '');
  if (!p || p.deleted) return notFound();
  const ancestors: SimPost[] = [];
  for (
    let a = p.parent ? ctx.store.get('mastodon', p.parent.id) : undefined;
    a && ancestors.length < 40;
    a = a.parent ? ctx.store.get('mastodon', a.parent.id) : undefined
  )
    if (!a.deleted) ancestors.unshift(a);
  const descendants: SimPost[] = [];
  const walk = (id: string): void => {
    for (const c of ctx.store.children('mastodon', id)) {
      descendants.push(c);
      if (descendants.length < 60) walk(c.id);
    }
  };
  walk(p.id);
  return json(200, { ancestors: ancestors.map((x) => renderStatus(x, ctx)), descendants: descendants.map((x) => renderStatus(x, ctx)) });
}

const notFound = (): SimResponse => json(404, { error: 'Record not found' });

function renderNotification(p: SimPost, ctx: SimContext): Record<string, unknown> {
  const id = p.notificationId as string;
  return {
    id,
    type: 'mention',
    created_at: new Date(p.indexedAt).toISOString(),
    group_key: `ungrouped-${id}`,
    account: renderAccount(p.author),
    status: renderStatus(p, ctx),
  };
}

const STATUS_LIMITS = { max_characters: 500, max_media_attachments: 4, characters_reserved_per_url: 23 };
const MEDIA_LIMITS = {
  supported_mime_types: ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4'],
  image_size_limit: 16777216,
  image_matrix_limit: 33177600,
  video_size_limit: 103809024,
  video_frame_rate_limit: 120,
  video_matrix_limit: 8294400,
};
const POLL_LIMITS = { max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2629746 };

/** `GET /api/v1/instance` (Mastodon 4.x, deprecated in favour of v2 but still served; Mastodon.py reads `version` from it). */
function instanceV1(ctx: SimContext): Record<string, unknown> {
  const brand = ctx.store.brandAccounts.mastodon;
  return {
    uri: INSTANCE,
    title: 'Simulated Mastodon',
    short_description: 'A local simulator of the Mastodon API',
    description: 'A local simulator of the Mastodon API',
    email: `admin@${INSTANCE}`,
    version: '4.3.0',
    urls: { streaming_api: `wss://${INSTANCE}` },
    stats: { user_count: 1200, status_count: 98000, domain_count: 5400 },
    thumbnail: `https://${INSTANCE}/packs/media/images/preview.png`,
    languages: ['en'],
    registrations: false,
    approval_required: false,
    invites_enabled: false,
    configuration: { accounts: { max_featured_tags: 10 }, statuses: STATUS_LIMITS, media_attachments: MEDIA_LIMITS, polls: POLL_LIMITS },
    contact_account: renderAccount(brand),
    rules: [],
  };
}

/** `GET /api/v2/instance` (Mastodon 4.x). */
function instanceV2(ctx: SimContext): Record<string, unknown> {
  const brand = ctx.store.brandAccounts.mastodon;
  return {
    domain: INSTANCE,
    title: 'Simulated Mastodon',
    version: '4.3.0',
    source_url: 'https://github.com/mastodon/mastodon',
    description: 'A local simulator of the Mastodon API',
    usage: { users: { active_month: 800 } },
    thumbnail: { url: `https://${INSTANCE}/packs/media/images/preview.png` },
    languages: ['en'],
    configuration: {
      urls: { streaming: `wss://${INSTANCE}`, status: null },
      accounts: { max_featured_tags: 10, max_pinned_statuses: 5 },
      statuses: STATUS_LIMITS,
      media_attachments: MEDIA_LIMITS,
      polls: POLL_LIMITS,
      translation: { enabled: false },
    },
    registrations: { enabled: false, approval_required: false, message: null },
    api_versions: { mastodon: 2 },
    contact: { email: `admin@${INSTANCE}`, account: renderAccount(brand) },
    rules: [],
  };
}

/** How long Mastodon remembers an Idempotency-Key (`redis.setex(…, 3_600, status.id)` in PostStatusService). */
export const IDEMPOTENCY_TTL_MS = 3_600_000;

function postStatus(req: SimRequest, ctx: SimContext, authed: boolean): SimResponse {
  if (!authed) return unauthorized();
  const body = bodyOf(req);
  const key = header(req, 'idempotency-key');
  // Keyed by account, not token (`idempotency:status:<account id>:<key>`): every token here is the brand's.
  const keyed = key ? `${ctx.store.brandAccounts.mastodon.id}|${key}` : null;
  const prior = keyed ? ctx.store.idempotency.get(keyed) : undefined;
  if (prior && prior.expiresAt > ctx.store.now()) {
    // Same Idempotency-Key within the hour: the same status, no second post; a status deleted since is `find`'s 404.
    const p = ctx.store.get('mastodon', prior.id);
    if (!p || p.deleted) return json(404, { error: 'Record not found' });
    return respondWrite(req, ctx, json(200, renderStatus(p, ctx)));
  }
  const text = typeof body['status'] === 'string' ? body['status'] : '';
  if (!text.trim()) return json(422, { error: "Validation failed: Text can't be blank" });
  if ([...text].length > 500) return json(422, { error: 'Validation failed: Text character limit of 500 exceeded' });
  const parentId = typeof body['in_reply_to_id'] === 'string' ? body['in_reply_to_id'] : null;
  const parent = parentId ? ctx.store.get('mastodon', parentId) : undefined;
  if (parentId && (!parent || parent.deleted)) return json(404, { error: 'Record not found' });
  const t = ctx.store.markTimes('mastodon', ctx.store.now());
  const post: SimPost = {
    platform: 'mastodon',
    seq: ctx.store.nextSeq('mastodon'),
    id: ctx.store.ids.mastodonStatus(t.createdAt),
    author: ctx.store.brandAccounts.mastodon,
    text,
    lang: typeof body['language'] === 'string' ? body['language'] : 'en',
    createdAt: t.createdAt,
    indexedAt: t.indexedAt,
    tags: [],
    parent: parent ? { id: parent.id } : null,
    root: parent ? { id: parent.root?.id ?? parent.id } : null,
    ...BRAND_REPLY,
  };
  ctx.store.insert(post);
  if (parent) parent.replies++;
  // The key is recorded atomically with the effect (mastodon#21840).
  if (keyed) ctx.store.idempotency.set(keyed, { id: post.id, expiresAt: t.createdAt + IDEMPOTENCY_TTL_MS });
  ctx.store.replies.push({
    platform: 'mastodon',
    id: post.id,
    inReplyTo: parentId ?? '',
    text,
    idempotencyKey: key,
    endpoint: 'POST /api/v1/statuses',
    createdAt: mastodonTime(t.createdAt),
    requestId: req.requestId,
  });
  return respondWrite(req, ctx, json(200, renderStatus(post, ctx)));
}

/** Applies a lost_response fault to a write that already happened. */
export function respondWrite(req: SimRequest, ctx: SimContext, res: SimResponse): SimResponse {
  return ctx.faults.lostResponse(req.platform, req.method, req.path) ? { ...res, drop: true } : res;
}
