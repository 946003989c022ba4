import { ModulesContainer } from '@nestjs/core';
import { ROLES, type Role } from '@earshot/contracts';
import request from 'supertest';
import { discoverRoutes } from '../src/modules/docs/route-discovery.js';
import { InboxFixture } from './factories/inbox.fixture.js';
import { EXAMPLES, type Ids, exampleAlert, exampleReplies, exampleAlertRules, exampleRootCauses, exampleTemplate } from './factories/write-examples.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

const CREDENTIAL = 'zq-credential-canary-7f3a9c1e5b';

const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Each GET whose path has a parameter, or that needs a query, as it is read in the sweep: every
 * path parameter filled with a real id (or key) of ITS resource, so each read returns a real body.
 * A new such route without an entry here fails the sweep.
 */
function concretePaths(i: Ids & { report: string }): Record<string, string> {
  const range = `from=${isoDate(Date.now() - 30 * DAY)}&to=${isoDate(Date.now() + DAY)}`;
  return {
    '/api/mentions/:id': `/api/mentions/${i.mention}`,
    '/api/mentions/:id/corrections': `/api/mentions/${i.mention}/corrections`,
    '/api/mentions/changes': '/api/mentions/changes?since=0',
    '/api/brands/:id/voice': `/api/brands/${i.brand}/voice`,
    '/api/templates/:id': `/api/templates/${i.template}`,
    '/api/root-causes/:category': '/api/root-causes/delivery',
    '/api/share/root-causes/:token': `/api/share/root-causes/${i.shareToken}`,
    '/api/alerts/:id': `/api/alerts/${i.alert}`,
    '/api/alerts/:id/incident': `/api/alerts/${i.alert}/incident`,
    '/api/reports/:id': `/api/reports/${i.report}`,
    '/api/reports/:id/pdf': `/api/reports/${i.report}/pdf`,
    ...Object.fromEntries(
      ['volume', 'themes', 'share-of-voice', 'top', 'team'].flatMap((name) => [
        [`/api/analytics/${name}`, `/api/analytics/${name}?${range}`],
        [`/api/analytics/${name}.csv`, `/api/analytics/${name}.csv?${range}`],
      ]),
    ),
  };
}

/**
 * SECURITY.md plan item 22 (no egress), for what Earshot has today: every GET the app serves,
 * and the error answers of every write route, read as each role, never carry a stored
 * credential, a password hash, a session token or a session token hash.
 */
describe('no egress of secrets through any response (integration)', () => {
  let t: TestApp;
  let a: InboxFixture;
  let ids: Ids & { report: string };
  let secrets: string[];

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    a = await InboxFixture.create(t, 'Egress A');
    await request(t.server)
      .post('/api/sources')
      .set('Cookie', a.cookies.admin)
      .send({
        name: 'Canary source',
        platform: 'mastodon',
        baseUrl: 'http://127.0.0.1:9',
        streamKind: 'notifications',
        enabled: false,
        credentials: { accessToken: CREDENTIAL },
      })
      .expect(201);
    const [mention, r1, r2] = await a.store(['acme egress probe', 'acme egress probe two', 'acme egress probe three']);
    await request(t.server).post(`/api/mentions/${mention}/notes`).set('Cookie', a.cookies.agent).send({ body: 'a note' }).expect(201);
    const one = async (sql: string) => ((await t.dataSource.query(sql, [a.workspaceId])) as Array<{ id: string }>)[0]!.id;
    const brand = await one(`SELECT id FROM brand WHERE workspace_id = $1`);
    // A complete week (two weeks back: complete in any zone), and a recipient so the recipients list is not empty.
    const weekStart = new Date();
    weekStart.setUTCDate(weekStart.getUTCDate() - ((weekStart.getUTCDay() + 6) % 7) - 14);
    const report = await request(t.server)
      .post('/api/reports/weekly')
      .set('Cookie', a.cookies.manager)
      .send({ weekStart: isoDate(weekStart.getTime()) })
      .expect(200);
    await request(t.server).post('/api/report-recipients').set('Cookie', a.cookies.admin).send({ email: 'leader@example.com', name: 'Leader' }).expect(201);
    ids = {
      mention: mention!,
      brand,
      report: (report.body as { id: string }).id,
      query: await one(`SELECT id FROM listening_query WHERE workspace_id = $1`),
      source: a.sourceId,
      user: a.users.viewer.id,
      adminEmail: a.users.admin.email,
      template: await exampleTemplate(t.server, a.cookies.admin),
      ...(await exampleReplies(t.server, a.cookies, mention!, [r1!, r2!], t.dataSource)),
      ...(await exampleRootCauses(t.server, a.cookies.admin)),
      ...(await exampleAlertRules(t.server, a.cookies.admin)),
      ...(await exampleAlert(t.server, a.cookies.manager, t.dataSource, { workspaceId: a.workspaceId, brand, source: a.sourceId })),
    };
    const hashes = (await t.dataSource.query(`SELECT password_hash AS h FROM "user" UNION ALL SELECT token_hash FROM session`)) as Array<{ h: string }>;
    const cookies = Object.values(a.cookies).map((c) => c.split('=')[1]!);
    // A reply's idempotency key stays between Earshot and the platform (the reply DTO never carries it).
    const keys = (await t.dataSource.query(`SELECT idempotency_key AS k FROM reply WHERE workspace_id = $1`, [a.workspaceId])) as Array<{ k: string }>;
    expect(keys.length).toBeGreaterThan(3);
    secrets = [CREDENTIAL, 'token-value', ...cookies, ...hashes.map((r) => r.h), ...keys.map((r) => r.k)];
    expect(hashes.length).toBeGreaterThan(5);
  });
  afterAll(() => t.close());

  const leaks = (where: string, text: string) => {
    const found = secrets.filter((s) => text.includes(s)).map((s) => `${s.slice(0, 8)}…`);
    const patterns = [/\$argon2/, /\$2[aby]\$/].filter((p) => p.test(text)).map(String);
    return found.length || patterns.length ? [{ where, found, patterns }] : [];
  };

  it('no GET of any route, as any role, answers with a secret; each reads a real body (or is refused for the role)', async () => {
    // The scanner finds what it looks for (positive control).
    expect(leaks('control', `{"t":"${CREDENTIAL}","h":"$argon2id$v=19"}`)).toHaveLength(1);
    expect(leaks('control', secrets.at(-1)!)).toHaveLength(1);
    const gets = discoverRoutes(t.app.get(ModulesContainer)).filter((r) => r.method === 'GET');
    const paths = concretePaths(ids);
    // Every path parameter is filled with its own resource's id, and the table names only served routes.
    expect(gets.filter((r) => r.path.includes(':') && !paths[r.path]).map((r) => r.path)).toEqual([]);
    expect(Object.keys(paths).filter((p) => !gets.some((r) => r.path === p))).toEqual([]);
    const rank = (r: Role) => ROLES.indexOf(r);
    const out: unknown[] = [];
    const wrong: unknown[] = [];
    let read = 0;
    for (const role of ROLES) {
      for (const r of gets) {
        const path = paths[r.path] ?? r.path;
        const res = await request(t.server).get(path).set('Cookie', a.cookies[role]);
        read += res.status === 200 ? 1 : 0;
        // A role the route admits reads its body; any other is refused, not answered with a 404 or a 400.
        const expected = r.isPublic || rank(role) <= rank(r.minRole ?? 'viewer') ? 200 : 403;
        if (res.status !== expected) wrong.push({ role, path, status: res.status, expected, message: (res.body as { message?: unknown })?.message });
        // A binary answer (the report's PDF) is scanned as its bytes.
        const body = res.text ?? (Buffer.isBuffer(res.body) ? res.body.toString('latin1') : '');
        out.push(...leaks(`${role} GET ${path} → ${res.status}`, JSON.stringify(res.headers) + body));
      }
    }
    expect(out).toEqual([]);
    expect(wrong).toEqual([]);
    expect(read).toBeGreaterThan(gets.length * 3); // most reads succeeded: the scan saw real bodies
  });

  it('no error answer of a write route (bad body, unknown id, wrong role) carries a secret', async () => {
    const out: unknown[] = [];
    for (const [key, ex] of Object.entries(EXAMPLES)) {
      const method = key.split(' ')[0]!.toLowerCase() as 'post' | 'put' | 'patch';
      const path = ex.path(ids);
      const missing = path.replace(/[0-9a-f-]{36}/, '00000000-0000-4000-8000-000000000000');
      for (const [label, cookie, p, body] of [
        ['bad body', a.cookies.admin, path, { ...ex.body(ids), __x__: CREDENTIAL }],
        ['unknown id', a.cookies.admin, missing, ex.body(ids)],
        ['viewer', a.cookies.viewer, path, ex.body(ids)],
        ['anonymous', undefined, path, ex.body(ids)],
      ] as const) {
        const req = request(t.server)[method](p);
        if (cookie) req.set('Cookie', cookie);
        const res = await req.send(body as object);
        // The bad body echoes the canary's key name at most, never its value.
        out.push(...leaks(`${label} ${key} → ${res.status}`, JSON.stringify(res.headers) + res.text));
      }
    }
    expect(out).toEqual([]);
  });
});
