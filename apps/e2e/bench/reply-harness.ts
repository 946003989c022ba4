/**
 * Drives the reply path of a running api as its users do, over HTTP only (the e2e crash spec and
 * `npm run bench:replies` share it): agents, mentions seeded in the simulator and ingested, claim
 * and reply, and the simulator's own account of what was posted.
 */
import type { SimPlatform, SimReply, SocialSim } from '@earshot/social-sim';

export type ReplyPlatform = Exclude<SimPlatform, 'rss'>;
export const REPLY_PLATFORMS: ReplyPlatform[] = ['mastodon', 'bluesky', 'reddit', 'x'];

export interface Session {
  url: string;
  cookie: string;
  /** The user's reply signature (the voice guide's sign-off). */
  signature: string;
}

export interface ApiReply {
  id: string;
  mentionId: string;
  platform: string;
  text: string;
  status: string;
  attempts: number;
  externalId: string | null;
  lastError: string | null;
  createdAt: string;
  approval: { required: boolean; decidedAt: string | null };
}

/** A mention to answer: where it is on the platform and in Earshot. */
export interface Target {
  platform: ReplyPlatform;
  externalId: string;
  mentionId: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One api call. A request that died on the socket (the api was killed or closed an idle
 * keep-alive connection) is tried again once when `retry` (every call here that retries is
 * idempotent: reads, a claim, a reply with its client key).
 */
export async function call<T>(
  s: Pick<Session, 'url' | 'cookie'>,
  method: string,
  path: string,
  body?: unknown,
  retry = true,
): Promise<{ status: number; body: T }> {
  const go = async () => {
    const res = await fetch(`${s.url}${path}`, {
      method,
      headers: { cookie: s.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
  try {
    return await go();
  } catch (err) {
    if (!retry) throw err;
    await sleep(200);
    return go();
  }
}

async function expectOk<T>(p: Promise<{ status: number; body: T }>, what: string): Promise<T> {
  const r = await p;
  if (r.status < 200 || r.status > 299) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Signs in; the session knows the user's signature (for a reply that passes the sign-off rule). */
export async function signIn(url: string, user: { email: string; password: string }): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) });
  if (!res.ok) throw new Error(`login of ${user.email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  const profile = await expectOk(call<{ signature?: string | null }>({ url, cookie }, 'GET', '/api/profile'), 'profile');
  return { url, cookie, signature: profile.signature ?? 'ES' };
}

/** `n` agents, created by an admin (`<prefix>-<i>@earshot.test`); returns their credentials. */
export async function createAgents(admin: Session, n: number, prefix: string, role = 'agent'): Promise<Array<{ email: string; password: string }>> {
  const out: Array<{ email: string; password: string }> = [];
  for (let i = 0; i < n; i++) {
    const user = { email: `${prefix}-${i}@earshot.test`, password: `${prefix}-password-${i}-long-enough` };
    await expectOk(call(admin, 'POST', '/api/users', { ...user, name: `Agent ${prefix} ${i}`, role }), `creating ${user.email}`);
    out.push(user);
  }
  return out;
}

/**
 * The demo sources' credentials for posting: Reddit's user is the simulator's brand account
 * (`acme_support`, whose comments findExistingReply lists) and X gets a user-context token.
 * Returns the source ids by platform.
 */
export async function enableReplies(admin: Session): Promise<Record<ReplyPlatform, string>> {
  const sources = await expectOk(call<{ items: Array<{ id: string; platform: string }> }>(admin, 'GET', '/api/sources'), 'sources');
  const ids = {} as Record<ReplyPlatform, string>;
  for (const p of REPLY_PLATFORMS) {
    const s = sources.items.find((x) => x.platform === p);
    if (!s) throw new Error(`no ${p} source in the demo workspace`);
    ids[p] = s.id;
  }
  await expectOk(
    call(admin, 'PATCH', `/api/sources/${ids.reddit}`, {
      credentials: { clientId: 'demo-client', clientSecret: 'demo-secret', username: 'acme_support', password: 'demo-password' },
    }),
    'reddit credentials',
  );
  await expectOk(
    call(admin, 'PATCH', `/api/sources/${ids.x}`, { credentials: { bearerToken: 'demo-x-bearer', userAccessToken: 'demo-x-user-token' } }),
    'x credentials',
  );
  return ids;
}

/**
 * Seeds `count` calm posts per platform in the simulator (a question, so no reply needs a
 * manager for the mention's urgency), asks every source to poll now, and waits until Earshot
 * lists each as a mention.
 */
export async function seedMentions(
  sim: SocialSim,
  admin: Session,
  sourceIds: Record<ReplyPlatform, string>,
  counts: Partial<Record<ReplyPlatform, number>>,
  tag: string,
  timeoutMs = 180_000,
): Promise<Target[]> {
  const want = new Map<string, ReplyPlatform>();
  for (const p of REPLY_PLATFORMS) {
    for (let i = 0; i < (counts[p] ?? 0); i++) {
      const [post] = sim.control.seed({ platform: p, count: 1, text: `@acme hi, quick question: where can I see the status of my order ${tag}-${p}-${i}?` });
      want.set(`${p}|${post!.id}`, p);
    }
  }
  const found = new Map<string, Target>();
  const deadline = Date.now() + timeoutMs;
  let asked = 0;
  while (found.size < want.size) {
    if (Date.now() > deadline) throw new Error(`only ${found.size} of ${want.size} seeded posts became mentions`);
    if (Date.now() - asked > 5_000) {
      for (const p of REPLY_PLATFORMS) if (counts[p]) await call(admin, 'POST', `/api/sources/${sourceIds[p]}/poll`);
      asked = Date.now();
    }
    await sleep(500);
    for (const p of REPLY_PLATFORMS) {
      if (!counts[p]) continue;
      let cursor: string | null = null;
      do {
        const q: string = `/api/mentions?platform=${p}&status=new,open&sort=newest&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page: { items: Array<{ id: string; externalId: string }>; nextCursor: string | null } = await expectOk(call(admin, 'GET', q), 'mentions');
        for (const m of page.items)
          if (want.has(`${p}|${m.externalId}`)) found.set(`${p}|${m.externalId}`, { platform: p, externalId: m.externalId, mentionId: m.id });
        cursor = page.nextCursor;
      } while (cursor);
    }
  }
  return [...found.values()];
}

/**
 * A reply that passes the default voice guide without a manager (acknowledges, apologises,
 * names a next step and a private channel, signs off; no promise), unique per `n` (X refuses
 * the same text twice).
 */
export function replyText(n: string, signature: string): string {
  return `Hi there, I'm sorry about the trouble with this and I can see why it is annoying. Please send us a DM with your order number and I'll look into it today. Ref ${n} ^${signature}`;
}

/** Claims a mention to reply (opening the composer). */
export async function claim(agent: Session, t: Target): Promise<void> {
  await expectOk(call(agent, 'POST', `/api/mentions/${t.mentionId}/claim`, {}), `claim ${t.mentionId}`);
}

/** Submits a reply to a mention the agent holds; returns the reply as created. */
export async function submitReply(agent: Session, t: Target, text: string, clientKey: string): Promise<ApiReply> {
  return expectOk(call<ApiReply>(agent, 'POST', `/api/mentions/${t.mentionId}/replies`, { text, clientKey }), `reply to ${t.mentionId}`);
}

/** Claims the mention and submits the reply (the composer's two calls). */
export async function claimAndReply(agent: Session, t: Target, text: string, clientKey: string): Promise<ApiReply> {
  await claim(agent, t);
  return submitReply(agent, t, text, clientKey);
}

/** Every reply of a mention, newest first. */
export async function repliesOf(s: Session, mentionId: string): Promise<ApiReply[]> {
  return (await expectOk(call<{ items: ApiReply[] }>(s, 'GET', `/api/replies?mentionId=${mentionId}`), 'replies')).items;
}

/** Replies with one of `statuses` (the api lists at most 500). */
export async function repliesWithStatus(s: Session, statuses: string[]): Promise<ApiReply[]> {
  return (await expectOk(call<{ items: ApiReply[] }>(s, 'GET', `/api/replies?status=${statuses.join(',')}`), 'replies')).items;
}

/** Approves, as a manager, whatever awaits approval (a reply the api sent to a manager despite the calm mention). */
export async function approvePending(manager: Session): Promise<number> {
  const pending = await repliesWithStatus(manager, ['pending_approval']);
  for (const r of pending) await call(manager, 'POST', `/api/replies/${r.id}/approve`, {}, false);
  return pending.length;
}

/** The posts the simulator received, per mention it answered (`platform|externalId`). */
export function postsByTarget(sim: SocialSim): Map<string, SimReply[]> {
  const out = new Map<string, SimReply[]>();
  for (const r of sim.control.replies()) {
    const key = `${r.platform}|${r.inReplyTo}`;
    out.set(key, [...(out.get(key) ?? []), r]);
  }
  return out;
}

export const IN_FLIGHT = ['approved', 'queued', 'sending', 'pending_approval', 'draft'];
