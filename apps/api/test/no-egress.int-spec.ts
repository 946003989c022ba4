import { ModulesContainer } from '@nestjs/core';
import request from 'supertest';
import { discoverRoutes } from '../src/modules/docs/route-discovery.js';
import { InboxFixture } from './factories/inbox.fixture.js';
import { EXAMPLES, type Ids, exampleReplies, exampleAlertRules, exampleRootCauses, exampleTemplate } from './factories/write-examples.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

const CREDENTIAL = 'zq-credential-canary-7f3a9c1e5b';

/**
 * SECURITY.md plan item 22 (no egress), for what Earshot has today: every GET the app serves,
 * and the error answers of every write route, read as each role, never carry a stored
 * credential, a password hash, a session token or a session token hash.
 */
describe('no egress of secrets through any response (integration)', () => {
  let t: TestApp;
  let a: InboxFixture;
  let ids: Ids;
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
    ids = {
      mention: mention!,
      brand: await one(`SELECT id FROM brand WHERE workspace_id = $1`),
      query: await one(`SELECT id FROM listening_query WHERE workspace_id = $1`),
      source: a.sourceId,
      user: a.users.viewer.id,
      adminEmail: a.users.admin.email,
      template: await exampleTemplate(t.server, a.cookies.admin),
      ...(await exampleReplies(t.server, a.cookies, mention!, [r1!, r2!], t.dataSource)),
      ...(await exampleRootCauses(t.server, a.cookies.admin)),
      ...(await exampleAlertRules(t.server, a.cookies.admin)),
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

  it('no GET of any route, as any role, answers with a secret', async () => {
    // The scanner finds what it looks for (positive control).
    expect(leaks('control', `{"t":"${CREDENTIAL}","h":"$argon2id$v=19"}`)).toHaveLength(1);
    expect(leaks('control', secrets.at(-1)!)).toHaveLength(1);
    const gets = discoverRoutes(t.app.get(ModulesContainer)).filter((r) => r.method === 'GET');
    const fill = (p: string) => p.replace(':id', ids.mention);
    const out: unknown[] = [];
    let read = 0;
    for (const role of Object.keys(a.cookies) as Array<keyof typeof a.cookies>) {
      for (const r of gets) {
        const res = await request(t.server).get(fill(r.path)).set('Cookie', a.cookies[role]);
        read += res.status === 200 ? 1 : 0;
        out.push(...leaks(`${role} GET ${r.path} → ${res.status}`, JSON.stringify(res.headers) + res.text));
      }
    }
    expect(out).toEqual([]);
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
