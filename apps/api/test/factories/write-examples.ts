import { randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '@earshot/contracts';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { TEST_PASSWORD } from './user.factory.js';

/** Write routes whose handler reads no body at all (anything sent is ignored, never stored). */
export const BODYLESS_WRITES = new Set([
  'POST /api/auth/logout',
  'POST /api/sources/:id/poll',
  'POST /api/learning/models',
  'POST /api/learning/models/:id/activate',
  'POST /api/reports/:id/send',
]);

export interface Ids {
  mention: string;
  brand: string;
  query: string;
  source: string;
  user: string;
  adminEmail: string;
  template: string;
  /** Replies awaiting approval (a trainee's), one to approve and one to reject; the admin holds the claim on `mention`. */
  replyToApprove: string;
  replyToReject: string;
  /** The admin's replies on `mention`: one failed on a transient cause (to retry), one unknown the sender stopped on (to dismiss). */
  replyToRetry: string;
  replyToDismiss: string;
  /** An owner share link's token covering delivery (exampleRootCauses). */
  shareToken: string;
  /** The workspace brand's alert rule (exampleAlertRules). */
  alertRule: string;
  /** A raised alert of the brand whose surge holds the workspace's mentions (exampleAlert). */
  alert: string;
  /** The alert's status posts: one failed on a transient cause (to retry), one unknown the sender stopped on (to dismiss). */
  statusPostToRetry: string;
  statusPostToDismiss: string;
}
export interface Example {
  /** The path with its ids filled in. */
  path: (ids: Ids) => string;
  /** A body the route accepts (checked against its schema, and sent once as a positive control). */
  body: (ids: Ids) => Record<string, unknown>;
  /** Status of the valid body. */
  ok: number;
  /** Who calls it (default admin; none for login). */
  as?: Role;
}

/**
 * A valid body for every route that takes one. A route with a body but no entry here fails
 * the sweep, so a new write route cannot skip it.
 */
export const EXAMPLES: Record<string, Example> = {
  'POST /api/auth/login': { path: () => '/api/auth/login', body: (i) => ({ email: i.adminEmail, password: TEST_PASSWORD }), ok: 200 },
  // The trainee changes their own password in the positive control (it ends their other sessions, nobody else's).
  'POST /api/auth/password': {
    path: () => '/api/auth/password',
    body: () => ({ currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-long-password' }),
    ok: 200,
    as: 'trainee',
  },
  'POST /api/users': {
    path: () => '/api/users',
    body: () => ({ email: `new-${randomBytes(4).toString('hex')}@example.test`, name: 'New Person', role: 'agent', password: 'a-long-new-password' }),
    ok: 201,
  },
  'PATCH /api/users/:id': { path: (i) => `/api/users/${i.user}`, body: () => ({ name: 'Renamed Person' }), ok: 200 },
  'PATCH /api/profile': { path: () => '/api/profile', body: () => ({ firstName: 'Ada', signature: '^AL' }), ok: 200 },
  'POST /api/brands': { path: () => '/api/brands', body: () => ({ name: 'Brand X', handles: ['@brandx'] }), ok: 201 },
  'PATCH /api/brands/:id': { path: (i) => `/api/brands/${i.brand}`, body: () => ({ name: 'Acme Renamed' }), ok: 200 },
  'PUT /api/brands/:id/voice': {
    path: (i) => `/api/brands/${i.brand}/voice`,
    body: () => ({
      bannedPhrases: [{ phrase: 'valued customer', suggestion: null, severity: 'block' }],
      limits: { maxExclamations: 2 },
      signOff: '^{{agent.signature}}',
    }),
    ok: 200,
  },
  'POST /api/templates': {
    path: () => '/api/templates',
    body: (i) => ({
      brandId: i.brand,
      title: 'Thanks',
      body: 'Thanks, {{author.name | "there"}}! ^{{agent.signature}}',
      intents: ['praise'],
      platform: 'mastodon',
    }),
    ok: 201,
  },
  'PATCH /api/templates/:id': { path: (i) => `/api/templates/${i.template}`, body: () => ({ title: 'Renamed template', language: 'en' }), ok: 200 },
  'POST /api/listening-queries/validate': { path: () => '/api/listening-queries/validate', body: () => ({ query: 'acme OR "acme corp"' }), ok: 200 },
  'POST /api/listening-queries': { path: () => '/api/listening-queries', body: (i) => ({ brandId: i.brand, name: 'Another', query: 'acme refund' }), ok: 201 },
  'PATCH /api/listening-queries/:id': { path: (i) => `/api/listening-queries/${i.query}`, body: () => ({ enabled: false }), ok: 200 },
  'POST /api/sources': {
    path: () => '/api/sources',
    body: () => ({
      name: 'Second source',
      platform: 'mastodon',
      baseUrl: 'http://127.0.0.1:9',
      streamKind: 'notifications',
      enabled: false,
      credentials: { accessToken: 'token-value' },
    }),
    ok: 201,
  },
  'PATCH /api/sources/:id': { path: (i) => `/api/sources/${i.source}`, body: () => ({ name: 'Renamed source' }), ok: 200 },
  'POST /api/mentions/bulk': { path: () => '/api/mentions/bulk', body: (i) => ({ ids: [i.mention], changes: { status: 'open', addTags: ['vip'] } }), ok: 200 },
  'PATCH /api/mentions/:id': { path: (i) => `/api/mentions/${i.mention}`, body: () => ({ status: 'pending', tags: ['billing'] }), ok: 200 },
  'POST /api/mentions/:id/notes': { path: (i) => `/api/mentions/${i.mention}/notes`, body: () => ({ body: 'an internal note' }), ok: 201 },
  'POST /api/mentions/:id/corrections': {
    path: (i) => `/api/mentions/${i.mention}/corrections`,
    body: () => ({ sentiment: 'neutral', intent: 'complaint', category: 'billing', urgencyLevel: 'high' }),
    ok: 201,
  },
  'POST /api/mentions/:id/claim': { path: (i) => `/api/mentions/${i.mention}/claim`, body: () => ({ takeOver: false }), ok: 200 },
  'POST /api/mentions/:id/replies': {
    path: (i) => `/api/mentions/${i.mention}/replies`,
    body: () => ({ text: REPLY_TEXT, clientKey: `ck-${randomBytes(8).toString('hex')}` }),
    ok: 201,
  },
  'POST /api/replies/:id/approve': { path: (i) => `/api/replies/${i.replyToApprove}/approve`, body: () => ({ comment: 'fine' }), ok: 200 },
  'POST /api/replies/:id/reject': { path: (i) => `/api/replies/${i.replyToReject}/reject`, body: () => ({ comment: 'name the next step' }), ok: 200 },
  'POST /api/replies/:id/retry': { path: (i) => `/api/replies/${i.replyToRetry}/retry`, body: () => ({}), ok: 200 },
  'POST /api/replies/:id/dismiss': { path: (i) => `/api/replies/${i.replyToDismiss}/dismiss`, body: () => ({ note: 'posted by hand' }), ok: 200 },
  // A new clientKey each time: the same key again queues nothing twice (and answers 200 all the same).
  'POST /api/alerts/:id/replies': {
    path: (i) => `/api/alerts/${i.alert}/replies`,
    body: () => ({ body: HOLDING_STATEMENT, clientKey: `ck-${randomBytes(8).toString('hex')}` }),
    ok: 200,
    as: 'manager',
  },
  'POST /api/alerts/:id/status-post': {
    path: (i) => `/api/alerts/${i.alert}/status-post`,
    body: (i) => ({ body: STATUS_POST, sourceId: i.source, clientKey: `ck-${randomBytes(8).toString('hex')}` }),
    ok: 201,
    as: 'manager',
  },
  'POST /api/alerts/:id/status-posts/:postId/retry': {
    path: (i) => `/api/alerts/${i.alert}/status-posts/${i.statusPostToRetry}/retry`,
    body: () => ({}),
    ok: 200,
    as: 'manager',
  },
  'POST /api/alerts/:id/status-posts/:postId/dismiss': {
    path: (i) => `/api/alerts/${i.alert}/status-posts/${i.statusPostToDismiss}/dismiss`,
    body: () => ({ note: 'posted by hand' }),
    ok: 200,
    as: 'manager',
  },
  'PUT /api/workspace/sla': { path: () => '/api/workspace/sla', body: () => ({ critical: 15, high: 60, medium: 240, low: 1440 }), ok: 200 },
  // Monday, the default week start (POST /api/reports/weekly's example week starts on a Monday).
  'PATCH /api/workspace': { path: () => '/api/workspace', body: () => ({ timeZone: 'Europe/Berlin', reportWeekStart: 1 }), ok: 200 },
  'POST /api/learning/rollback': { path: () => '/api/learning/rollback', body: () => ({ to: 'shipped' }), ok: 200 },
  'POST /api/learning/phrase-rules': {
    path: () => '/api/learning/phrase-rules',
    body: () => ({ phrase: 'war zone', sentiment: 'neutral' }),
    ok: 201,
  },
  'PUT /api/root-causes/owners/:category': {
    path: () => '/api/root-causes/owners/delivery',
    body: () => ({ department: 'Logistics', email: 'ops@example.com' }),
    ok: 200,
  },
  'PUT /api/root-causes/:category/status': {
    path: () => '/api/root-causes/quality/status',
    body: () => ({ status: 'investigating', note: 'looking' }),
    ok: 200,
  },
  // A complete past week (a Monday: the default week start, in any zone).
  'POST /api/reports/weekly': { path: () => '/api/reports/weekly', body: () => ({ weekStart: '2026-01-05' }), ok: 200, as: 'manager' },
  // A new address each time: a workspace has each address once.
  'POST /api/report-recipients': {
    path: () => '/api/report-recipients',
    body: () => ({ email: `leader-${randomBytes(4).toString('hex')}@example.com`, name: 'Leader' }),
    ok: 201,
  },
  'POST /api/alert-rules': {
    path: () => '/api/alert-rules',
    // A new category each time: a brand has one rule per category.
    body: (i) => ({ brandId: i.brand, category: `c${randomBytes(4).toString('hex')}`, metrics: ['volume'], email: 'ops@example.com' }),
    ok: 201,
  },
  'PATCH /api/alert-rules/:id': {
    path: (i) => `/api/alert-rules/${i.alertRule}`,
    body: () => ({ metrics: ['volume', 'negative_share'], email: null }),
    ok: 200,
  },
  'POST /api/root-causes/share-links': { path: () => '/api/root-causes/share-links', body: () => ({ categories: ['delivery'], expiresInDays: 7 }), ok: 201 },
  'POST /api/root-causes/digest/preview': { path: () => '/api/root-causes/digest/preview', body: () => ({ email: 'ops@example.com' }), ok: 200 },
  'POST /api/root-causes/digest/send': { path: () => '/api/root-causes/digest/send', body: () => ({ email: 'ops@example.com' }), ok: 200 },
  'POST /api/root-causes/:category/notify': {
    path: () => '/api/root-causes/billing/notify',
    body: () => ({ text: 'We fixed the billing fault. Thank you for telling us.' }),
    ok: 200,
  },
  'PUT /api/share/root-causes/:token/status/:category': {
    path: (i) => `/api/share/root-causes/${i.shareToken}/status/delivery`,
    body: () => ({ status: 'investigating', note: 'on it' }),
    ok: 200,
  },
};

/** For `Ids.shareToken`: delivery's owner (ops@example.com), billing's fix shipped (so notify may run), and a share link for delivery. */
export async function exampleRootCauses(server: App, cookie: string): Promise<{ shareToken: string }> {
  await request(server).put('/api/root-causes/owners/delivery').set('Cookie', cookie).send({ department: 'Logistics', email: 'ops@example.com' }).expect(200);
  await request(server).put('/api/root-causes/billing/status').set('Cookie', cookie).send({ status: 'fix_shipped', fixShippedAt: '2026-01-01' }).expect(200);
  const link = await request(server)
    .post('/api/root-causes/share-links')
    .set('Cookie', cookie)
    .send({ categories: ['delivery'], expiresInDays: 7 })
    .expect(201);
  return { shareToken: (link.body as { token: string }).token };
}

/** A template of the signed-in workspace's first brand, for `Ids.template`. */
export async function exampleTemplate(server: App, cookie: string): Promise<string> {
  const brands = await request(server).get('/api/brands').set('Cookie', cookie).expect(200);
  const brandId = (brands.body as { items: Array<{ id: string }> }).items[0]!.id;
  const res = await request(server)
    .post('/api/templates')
    .set('Cookie', cookie)
    .send({ brandId, title: 'Example', body: 'Hi {{author.name | "there"}}' })
    .expect(201);
  return (res.body as { id: string }).id;
}

/** A reply the shipped voice guide lets through. */
const REPLY_TEXT = 'Sorry to hear your order has not arrived. Our team is checking it now; please send us a DM with the order details.';

/**
 * For `Ids.replyToApprove`/`replyToReject`: a trainee's replies awaiting approval on `others`
 * (two more mentions), and the admin's claim on `mention` so the admin may submit a reply to it.
 * For `replyToRetry`/`replyToDismiss`: two admin replies on `mention` put in the states the sender
 * leaves them in (`db`: no sender runs in these apps) — failed on a transient cause, and unknown
 * with no automatic attempt left.
 */
export async function exampleReplies(
  server: App,
  cookies: Record<Role, string>,
  mention: string,
  others: [string, string],
  db: { query: (sql: string, params?: unknown[]) => Promise<unknown> },
): Promise<{ replyToApprove: string; replyToReject: string; replyToRetry: string; replyToDismiss: string }> {
  const pending: string[] = [];
  for (const id of others) {
    await request(server).post(`/api/mentions/${id}/claim`).set('Cookie', cookies.trainee).send({}).expect(200);
    const res = await request(server)
      .post(`/api/mentions/${id}/replies`)
      .set('Cookie', cookies.trainee)
      .send({ text: REPLY_TEXT, clientKey: `ck-${randomBytes(8).toString('hex')}` })
      .expect(201);
    pending.push((res.body as { id: string }).id);
  }
  await request(server).post(`/api/mentions/${mention}/claim`).set('Cookie', cookies.admin).send({}).expect(200);
  const stuck: string[] = [];
  for (const [status, failure] of [
    ['failed', 'transient'],
    ['unknown', 'transient'],
  ] as const) {
    const res = await request(server)
      .post(`/api/mentions/${mention}/replies`)
      .set('Cookie', cookies.admin)
      .send({ text: REPLY_TEXT, clientKey: `ck-${randomBytes(8).toString('hex')}` })
      .expect(201);
    const id = (res.body as { id: string }).id;
    await db.query(`UPDATE reply SET status = $2, failure_kind = $3, attempts = 8, first_attempt_at = now(), next_attempt_at = NULL WHERE id = $1`, [
      id,
      status,
      failure,
    ]);
    stuck.push(id);
  }
  return { replyToApprove: pending[0]!, replyToReject: pending[1]!, replyToRetry: stuck[0]!, replyToDismiss: stuck[1]! };
}

/** The workspace's alert rule for its own brand (made when the rules are first listed). */
export async function exampleAlertRules(server: App, cookie: string): Promise<Pick<Ids, 'alertRule'>> {
  const res = await request(server).get('/api/alert-rules').set('Cookie', cookie).expect(200);
  return { alertRule: (res.body as { items: Array<{ id: string }> }).items[0]!.id };
}

/** A holding reply the shipped voice guide lets through (acknowledges, apologises, a next step, a private channel). */
const HOLDING_STATEMENT =
  'Hi {{author.name | "there"}}, I\'m sorry about this and thanks for letting us know. Our team is working on it right now. Please send us a DM if you need help. ^{{agent.signature}}';
/** A public status update the shipped voice guide lets through (no promise: nobody approves a post). */
const STATUS_POST =
  'We know some {{brand.name}} customers have a delivery problem right now. Our team is working on it, updates follow here. ^{{agent.signature}}';

/**
 * For `Ids.alert`: a raised alert of `brand` whose surge began an hour ago, so the workspace's
 * mentions (posted a minute before they were stored) are its mentions and their authors its
 * affected authors. It is written with `db` (the runner raises one only after weeks of history).
 * For `statusPostToRetry`/`statusPostToDismiss`: two status posts of the alert through `source`,
 * queued by a manager and then put in the states the sender leaves them in (no sender runs in
 * these apps) — failed on a transient cause, and unknown with no automatic attempt left.
 */
export async function exampleAlert(
  server: App,
  manager: string,
  db: { query: (sql: string, params?: unknown[]) => Promise<unknown> },
  p: { workspaceId: string; brand: string; source: string },
): Promise<Pick<Ids, 'alert' | 'statusPostToRetry' | 'statusPostToDismiss'>> {
  const alert = randomUUID();
  await db.query(
    `INSERT INTO alert_event (id, workspace_id, rule_id, brand_id, category, metric, status, surge_start, raised_at, detected_at,
                              window_minutes, observed, expected, ratio, z, top_terms, mention_count, historical, seq)
     VALUES ($1, $2, NULL, $3, NULL, 'volume', 'raised', now() - interval '1 hour', now() - interval '50 minutes', now() - interval '49 minutes',
             10, 12, 2, 6, 5.5, '[{"term":"acme","count":3}]'::jsonb, 3, false,
             (SELECT COALESCE(max(seq), 0) + 1 FROM alert_event WHERE workspace_id = $2))`,
    [alert, p.workspaceId, p.brand],
  );
  const stuck: string[] = [];
  for (const [status, failure] of [
    ['failed', 'transient'],
    ['unknown', 'transient'],
  ] as const) {
    const res = await request(server)
      .post(`/api/alerts/${alert}/status-post`)
      .set('Cookie', manager)
      .send({ body: STATUS_POST, sourceId: p.source, clientKey: `ck-${randomBytes(8).toString('hex')}` })
      .expect(201);
    const id = (res.body as { id: string }).id;
    await db.query(`UPDATE reply SET status = $2, failure_kind = $3, attempts = 8, first_attempt_at = now(), next_attempt_at = NULL WHERE id = $1`, [
      id,
      status,
      failure,
    ]);
    stuck.push(id);
  }
  return { alert, statusPostToRetry: stuck[0]!, statusPostToDismiss: stuck[1]! };
}
