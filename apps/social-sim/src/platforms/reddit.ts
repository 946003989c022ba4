import { bearerOf } from '../auth.js';
import { bodyOf, header, intParam, json, listingFx, matchesQuery, pageBefore, type SimContext, type SimRequest, type SimResponse } from '../context.js';
import { rateLimitedBody } from '../dialects.js';
import type { SimAccount, SimPost } from '../sim-model.js';
import { respondWrite } from './mastodon.js';
import { BRAND_REPLY } from '../sim-model.js';

const unauthorized = (): SimResponse => json(401, { message: 'Unauthorized', error: 401 });
const DEFAULT_UA = /^(node|undici|python-requests|curl|axios|got)\b/i;

function esc(s: string, raw: boolean): string {
  return raw ? s : s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '')
      .slice(0, 40) || 'post'
  );
}

export function renderThing(p: SimPost, ctx: SimContext, raw: boolean): Record<string, unknown> {
  const id = p.id.slice(3);
  const created = Math.floor(p.createdAt / 1000);
  const gone = p.deleted;
  const author = gone ? '[deleted]' : p.author.handle;
  if (p.kind === 't1') {
    const link = p.linkId ? ctx.store.get('reddit', p.linkId) : undefined;
    const permalink = `/r/${p.subreddit}/comments/${(p.linkId ?? 't3_x').slice(3)}/${slug(link?.title ?? '')}/${id}/`;
    return {
      kind: 't1',
      data: {
        subreddit_id: 't5_2qh44',
        approved_at_utc: null,
        author_is_blocked: false,
        link_title: esc(link?.title ?? '', raw),
        ups: p.likes,
        id,
        name: p.id,
        author,
        author_fullname: gone ? undefined : p.author.id,
        body: gone ? '[deleted]' : esc(p.text, raw),
        link_id: p.linkId,
        parent_id: p.parent?.id ?? p.linkId,
        subreddit: p.subreddit,
        subreddit_name_prefixed: `r/${p.subreddit}`,
        permalink,
        link_permalink: `https://www.reddit.com${permalink.split('/').slice(0, 6).join('/')}/`,
        created: created,
        created_utc: created,
        edited: false,
        score: p.likes + 1,
        locked: false,
        archived: false,
        distinguished: null,
        stickied: false,
        replies: '',
        depth: 0,
      },
    };
  }
  const permalink = `/r/${p.subreddit}/comments/${id}/${slug(p.title ?? '')}/`;
  return {
    kind: 't3',
    data: {
      id,
      name: p.id,
      title: esc(p.title ?? '', raw),
      selftext: gone ? '[deleted]' : esc(p.text, raw),
      author,
      author_fullname: gone ? undefined : p.author.id,
      subreddit: p.subreddit,
      subreddit_name_prefixed: `r/${p.subreddit}`,
      permalink,
      url: `https://www.reddit.com${permalink}`,
      is_self: true,
      created: created,
      created_utc: created,
      num_comments: p.replies,
      score: p.likes + 1,
      ups: p.likes + 1,
      over_18: false,
      edited: false,
      locked: false,
      archived: false,
      stickied: false,
    },
  };
}

function listing(
  req: SimRequest,
  ctx: SimContext,
  items: readonly SimPost[],
  render: (p: SimPost, raw: boolean) => Record<string, unknown> = (p, raw) => renderThing(p, ctx, raw),
): SimResponse {
  const limit = Math.max(1, Math.min(intParam(req, 'limit', 25) ?? 25, 100));
  const raw = req.query.get('raw_json') === '1';
  const after = req.query.get('after');
  let before: number | null = null;
  if (after) {
    const anchor = ctx.store.get('reddit', after);
    if (!anchor) return json(200, { kind: 'Listing', data: { after: null, dist: 0, modhash: null, geo_filter: '', children: [], before: null } });
    before = anchor.seq;
  }
  const { page, hasOlder } = pageBefore(items, before, limit, listingFx(req, ctx), ctx);
  const oldest = page.reduce<SimPost | null>((o, p) => (!o || p.seq < o.seq ? p : o), null);
  return json(200, {
    kind: 'Listing',
    data: {
      after: hasOlder && oldest ? oldest.id : null,
      dist: page.length,
      modhash: null,
      geo_filter: '',
      children: page.map((p) => render(p, raw)),
      before: null,
    },
  });
}

// eslint-disable-next-line max-lines-per-function -- the route table: one short branch per documented endpoint, each delegating; splitting it would scatter the routes
export function handleReddit(req: SimRequest, ctx: SimContext): SimResponse {
  const ua = header(req, 'user-agent') ?? '';
  if (!ua || DEFAULT_UA.test(ua)) return rateLimitedBody('reddit', true);
  const path = req.path.replace(/\/+$/, '').replace(/\.json$/, '');
  const brand = ctx.store.brandAccounts.reddit;

  if (path === '/api/v1/access_token' && req.method === 'POST') return accessToken(req, ctx, brand);

  const auth = ctx.auth.checkReddit(bearerOf(req.headers.authorization));
  if (!auth.ok) return unauthorized();
  const visible = ctx.store.visible('reddit');

  // Site-wide search, or `/r/{sub}/search` (restricted to the subreddit(s) only with `restrict_sr`).
  const search = /^(?:\/r\/([A-Za-z0-9_+]+))?\/search$/.exec(path);
  if (req.method === 'GET' && search) return searchListing(req, ctx, search, visible);
  // Subreddit listings: `r/all`, `r/a+b`; new/hot/top/rising/controversial all come newest first here.
  const sub = /^\/r\/([A-Za-z0-9_+]+)(?:\/(comments|new|hot|top|rising|controversial))?$/.exec(path);
  if (req.method === 'GET' && sub) {
    const kind = sub[2] === 'comments' ? 't1' : 't3';
    const subs = subredditSet(sub[1] ?? '');
    const key = subs ? [...subs].join('+') : 'all';
    return listing(
      req,
      ctx,
      ctx.store.derived('reddit', `${kind}|${key}`, () => visible.filter((p) => p.kind === kind && (!subs || subs.has(p.subreddit?.toLowerCase() ?? '')))),
    );
  }
  // A submission with its comment tree: `/comments/{id}`, `/r/{sub}/comments/{id}/{slug}/{comment}`.
  const thread = /^(?:\/r\/[A-Za-z0-9_]+)?\/comments\/([a-z0-9]+)(?:\/([^/]*))?(?:\/([a-z0-9]+))?$/.exec(path);
  if (req.method === 'GET' && thread) return commentThread(req, ctx, thread);
  const byId = /^\/by_id\/([a-z0-9_,]+)$/.exec(path);
  if (req.method === 'GET' && byId) {
    const things = (byId[1] ?? '')
      .split(',')
      .filter((id) => id.startsWith('t3_'))
      .map((id) => ctx.store.get('reddit', id))
      .filter((p): p is SimPost => !!p);
    if (!things.length) return notFound();
    return json(200, {
      kind: 'Listing',
      data: {
        after: null,
        dist: things.length,
        modhash: null,
        geo_filter: '',
        children: things.map((p) => renderThing(p, ctx, req.query.get('raw_json') === '1')),
        before: null,
      },
    });
  }
  const about = /^\/user\/([A-Za-z0-9_-]+)\/about$/.exec(path);
  if (req.method === 'GET' && about) {
    const a = ctx.store.accountByHandle('reddit', about[1] ?? '');
    if (!a) return notFound();
    return json(200, {
      kind: 't2',
      data: {
        name: a.handle,
        id: a.id.slice(3),
        created: 1577836800,
        created_utc: 1577836800,
        link_karma: 120,
        comment_karma: 1400,
        total_karma: 1520,
        awarder_karma: 0,
        awardee_karma: 0,
        icon_img: '',
        is_employee: false,
        is_mod: false,
        is_gold: false,
        verified: true,
        has_verified_email: true,
        is_suspended: false,
        accept_followers: true,
      },
    });
  }
  // The inbox (user context): username mentions and replies to the brand's comments.
  const inbox = /^\/message\/(mentions|inbox|unread|comments)$/.exec(path);
  if (req.method === 'GET' && inbox) return inboxListing(req, ctx, auth, inbox);
  if (req.method === 'GET' && path === '/api/info') {
    const ids = (req.query.get('id') ?? '').split(',').filter(Boolean).slice(0, 100);
    const things = ids.map((id) => ctx.store.get('reddit', id)).filter((p): p is SimPost => !!p);
    return json(200, {
      kind: 'Listing',
      data: {
        after: null,
        dist: things.length,
        modhash: null,
        geo_filter: '',
        children: things.map((p) => renderThing(p, ctx, req.query.get('raw_json') === '1')),
        before: null,
      },
    });
  }
  if (req.method === 'GET' && path === '/api/v1/me') {
    if (!auth.user) return json(403, { message: 'Forbidden', error: 403 });
    return json(200, { name: brand.handle, id: brand.id.slice(3), total_karma: 1520, created_utc: 1577836800, is_employee: false });
  }
  const user = /^\/user\/([A-Za-z0-9_-]+)\/comments$/.exec(path);
  if (req.method === 'GET' && user) {
    const mine = ctx.store.list('reddit').filter((p) => !p.deleted && p.kind === 't1' && p.author.handle.toLowerCase() === user[1]?.toLowerCase());
    return listing(req, ctx, mine);
  }
  if (req.method === 'POST' && path === '/api/comment') return postComment(req, ctx, auth.user);
  if (req.method === 'POST' && path === '/api/del') {
    if (!auth.user) return json(403, { message: 'Forbidden', error: 403 });
    const id = bodyOf(req)['id'];
    // Reddit answers `{}` whether or not the thing was the caller's (someone else's is left alone).
    if (typeof id === 'string') ctx.store.deleteOwn('reddit', id);
    return respondWrite(req, ctx, json(200, {}));
  }
  return notFound();
}

/** /api/v1/access_token: password, refresh_token (user context) or client_credentials (app only) grants. */
function accessToken(req: SimRequest, ctx: SimContext, brand: SimAccount): SimResponse {
  const basic = /^Basic\s+(.+)$/i.exec(header(req, 'authorization') ?? '');
  const [clientId] = basic
    ? Buffer.from(basic[1] ?? '', 'base64')
        .toString('utf8')
        .split(':')
    : [];
  if (!clientId || ctx.auth.isRevoked('reddit')) return unauthorized();
  const b = bodyOf(req);
  const grant = b['grant_type'];
  let user: string | null = null;
  if (grant === 'password') {
    if (!b['username'] || !b['password']) return json(200, { error: 'invalid_grant' });
    user = brand.handle;
  } else if (grant === 'refresh_token') {
    if (!b['refresh_token']) return json(200, { error: 'invalid_grant' });
    user = brand.handle;
  } else if (grant !== 'client_credentials') return json(200, { error: 'unsupported_grant_type' });
  return json(200, {
    access_token: ctx.auth.issueReddit(user),
    token_type: 'bearer',
    expires_in: 86400,
    scope: user ? 'identity read submit privatemessages history' : '*',
  });
}

/** Search: submissions mentioning the brand that match q, optionally restricted to the subreddit(s). */
function searchListing(req: SimRequest, ctx: SimContext, search: RegExpExecArray, visible: readonly SimPost[]): SimResponse {
  const q = req.query.get('q') ?? '';
  const type = req.query.get('type');
  const restrict = /^(1|on|true|yes)$/i.test(req.query.get('restrict_sr') ?? '');
  const subs = search[1] && restrict ? subredditSet(search[1]) : null;
  const items =
    type && !type.split(',').includes('link')
      ? []
      : ctx.store.derived('reddit', `search|${q}|${subs ? [...subs].join('+') : '*'}`, () =>
          visible.filter(
            (p) =>
              p.kind === 't3' && p.mentionsBrand && (!subs || subs.has(p.subreddit?.toLowerCase() ?? '')) && matchesQuery(`${p.title ?? ''}\n${p.text}`, q),
          ),
        );
  return listing(req, ctx, items);
}

/** A submission with its comment tree (limit and depth as Reddit caps them), or one comment's subtree. */
function commentThread(req: SimRequest, ctx: SimContext, thread: RegExpExecArray): SimResponse {
  const link = ctx.store.get('reddit', `t3_${thread[1] ?? ''}`);
  if (!link) return notFound();
  const raw = req.query.get('raw_json') === '1';
  const focus = thread[3] ? ctx.store.get('reddit', `t1_${thread[3]}`) : undefined;
  if (thread[3] && (!focus || focus.linkId !== link.id)) return notFound();
  const limit = Math.max(1, Math.min(intParam(req, 'limit', 200) ?? 200, 500));
  const depth = Math.max(1, Math.min(intParam(req, 'depth', 10) ?? 10, 10));
  let count = 0;
  const tree = (p: SimPost, d: number): Record<string, unknown> => {
    const t = renderThing(p, ctx, raw);
    const data = t['data'] as Record<string, unknown>;
    data['depth'] = d;
    const kids = d + 1 < depth ? ctx.store.list('reddit').filter((c) => c.kind === 't1' && c.parent?.id === p.id) : [];
    const shown = kids.filter(() => count++ < limit).map((c) => tree(c, d + 1));
    data['replies'] = shown.length ? { kind: 'Listing', data: { after: null, dist: null, modhash: null, geo_filter: '', children: shown, before: null } } : '';
    return t;
  };
  const top = focus ? [focus] : ctx.store.list('reddit').filter((c) => c.kind === 't1' && c.parent?.id === link.id);
  const comments = top.filter(() => count++ < limit).map((c) => tree(c, 0));
  const one = (children: unknown[]): Record<string, unknown> => ({
    kind: 'Listing',
    data: { after: null, dist: children.length, modhash: null, geo_filter: '', children, before: null },
  });
  return json(200, [
    one([renderThing(link, ctx, raw)]),
    { kind: 'Listing', data: { after: null, dist: null, modhash: null, geo_filter: '', children: comments, before: null } },
  ]);
}

/** /message/{mentions,inbox,unread,comments}: username mentions and replies to the brand's comments (user context only). */
function inboxListing(req: SimRequest, ctx: SimContext, auth: { user: string | null }, inbox: RegExpExecArray): SimResponse {
  if (!auth.user) return json(403, { message: 'Forbidden', error: 403 });
  const which = inbox[1] ?? 'inbox';
  const items = ctx.store.derived('reddit', `inbox|${which}`, () =>
    ctx.store.list('reddit').filter((p) => {
      if (p.deleted || p.byBrand || p.kind !== 't1') return false;
      const mention = p.mentionsBrand;
      const reply = !!p.parent && !!ctx.store.get('reddit', p.parent.id)?.byBrand;
      return which === 'mentions' ? mention : which === 'comments' ? reply : mention || reply;
    }),
  );
  return listing(req, ctx, items, (p, raw) => inboxItem(p, ctx, raw));
}

const notFound = (): SimResponse => json(404, { message: 'Not Found', error: 404 });

/** `all` (every subreddit) → null; `a+b` → the set of names. */
function subredditSet(spec: string): Set<string> | null {
  const names = spec.toLowerCase().split('+').filter(Boolean);
  return names.includes('all') ? null : new Set(names);
}

/** A comment as the inbox lists it (`/message/mentions`): kind t1 with the message fields. */
function inboxItem(p: SimPost, ctx: SimContext, raw: boolean): Record<string, unknown> {
  const thing = renderThing(p, ctx, raw);
  const d = thing['data'] as Record<string, unknown>;
  const mention = p.mentionsBrand;
  return {
    kind: 't1',
    data: {
      first_message: null,
      first_message_name: null,
      subreddit: p.subreddit,
      likes: null,
      replies: '',
      author_fullname: d['author_fullname'],
      id: d['id'],
      subject: mention ? 'username mention' : 'comment reply',
      score: d['score'],
      author: d['author'],
      num_comments: null,
      parent_id: d['parent_id'],
      subreddit_name_prefixed: d['subreddit_name_prefixed'],
      new: true,
      type: mention ? 'username_mention' : 'comment_reply',
      body: d['body'],
      link_title: d['link_title'],
      dest: ctx.store.brandAccounts.reddit.handle,
      was_comment: true,
      name: p.id,
      created: d['created'],
      created_utc: d['created_utc'],
      context: `${String(d['permalink'])}?context=3`,
      distinguished: null,
    },
  };
}

function postComment(req: SimRequest, ctx: SimContext, user: string | null): SimResponse {
  const errors = (e: string[]): SimResponse => json(200, { json: { errors: [e] } });
  if (!user) return errors(['USER_REQUIRED', 'Please log in to do that.', 'thing_id']);
  const b = bodyOf(req);
  const thingId = typeof b['thing_id'] === 'string' ? b['thing_id'] : '';
  const text = typeof b['text'] === 'string' ? b['text'] : '';
  const parent = ctx.store.get('reddit', thingId);
  if (!parent) return errors(['NO_THING_ID', 'no thing_id', 'thing_id']);
  if (parent.deleted) return errors(['DELETED_COMMENT', 'that comment has been deleted', 'parent']);
  if (!text.trim()) return errors(['NO_TEXT', 'we need something here', 'text']);
  if (text.length > 10_000) return errors(['TOO_LONG', 'this is too long (max: 10000)', 'text']);
  const t = ctx.store.markTimes('reddit', ctx.store.now());
  const linkId = parent.kind === 't3' ? parent.id : (parent.linkId ?? parent.id);
  const post: SimPost = {
    platform: 'reddit',
    seq: ctx.store.nextSeq('reddit'),
    id: `t1_${ctx.store.ids.redditComment()}`,
    kind: 't1',
    subreddit: parent.subreddit,
    linkId,
    author: ctx.store.brandAccounts.reddit,
    text,
    lang: null,
    createdAt: t.createdAt,
    indexedAt: t.indexedAt,
    tags: [],
    parent: { id: parent.id },
    root: { id: linkId },
    ...BRAND_REPLY,
  };
  ctx.store.insert(post);
  parent.replies++;
  ctx.store.replies.push({
    platform: 'reddit',
    id: post.id,
    inReplyTo: parent.id,
    text,
    idempotencyKey: null,
    endpoint: 'POST /api/comment',
    createdAt: new Date(t.createdAt).toISOString(),
    requestId: req.requestId,
  });
  return respondWrite(req, ctx, json(200, { json: { errors: [], data: { things: [renderThing(post, ctx, true)] } } }));
}
