import { ModulesContainer } from '@nestjs/core';
import { SchedulerRegistry } from '@nestjs/schedule';
import { jest } from '@jest/globals';
import request from 'supertest';
import { discoverRoutes } from '../src/modules/docs/route-discovery.js';
import { InboxFixture } from './factories/inbox.fixture.js';
import { EXAMPLES, type Ids, exampleAlert, exampleReplies, exampleAlertRules, exampleRootCauses, exampleTemplate } from './factories/write-examples.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { diffDb, settledSnapshot } from './utils/db-snapshot.js';
import { discoverRouteBodies, objectSchemaOf } from './utils/route-bodies.js';

/** What a NoSQL-minded attacker puts where a scalar belongs. */
const CONFUSERS: unknown[] = [{}, [], { $ne: 1 }, { $gt: '' }, [null], { toString: 'x' }];

/** Paths to every scalar (string, number, boolean, null) in a JSON body, array elements included. */
function scalarPaths(v: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  if (v === null || typeof v !== 'object') return at.length ? [at] : [];
  if (Array.isArray(v)) return v.flatMap((x, i) => scalarPaths(x, [...at, i]));
  return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => scalarPaths(x, [...at, k]));
}
function setAt(body: unknown, path: Array<string | number>, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  o[path.at(-1)!] = value;
  return copy;
}

/**
 * SECURITY.md plan item 15 (scalar confusion): `{}`, `[]` or `{"$ne":1}` in place of every
 * scalar of every write body, and object/array forms of every query-string parameter, get a
 * 400 and run no query beyond what the same request with a plainly invalid body runs (the
 * session lookup of the auth guard): validation happens before any query the value could reach.
 */
describe('scalar confusion: objects and arrays where a scalar belongs (integration)', () => {
  let t: TestApp;
  let a: InboxFixture;
  let ids: Ids;
  let queries: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    a = await InboxFixture.create(t, 'Scalars A');
    const [mention, r1, r2] = await a.store(['acme scalar confusion target', 'acme scalar confusion target two', 'acme scalar confusion target three']);
    const one = async (sql: string) => ((await t.dataSource.query(sql, [a.workspaceId])) as Array<{ id: string }>)[0]!.id;
    const brand = await one(`SELECT id FROM brand WHERE workspace_id = $1`);
    ids = {
      mention: mention!,
      brand,
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
    // Background timers (SLA check) would add their own queries to the count.
    const registry = t.app.get(SchedulerRegistry);
    for (const name of registry.getIntervals()) registry.deleteInterval(name);
    // Every SQL statement goes through the query runner (PostgreSQL and PGlite alike).
    const proto = Object.getPrototypeOf(t.dataSource.createQueryRunner()) as { query: (sql: string, ...rest: unknown[]) => Promise<unknown> };
    const original = proto.query;
    jest.spyOn(proto, 'query').mockImplementation(function (this: unknown, sql: string, ...rest: unknown[]) {
      queries.push(sql);
      return original.call(this, sql, ...rest);
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  const counted = async <T>(fn: () => Promise<T>): Promise<{ result: T; sql: string[] }> => {
    queries = [];
    const result = await fn();
    await new Promise((r) => setTimeout(r, 20));
    return { result, sql: queries };
  };

  it('write bodies: every scalar replaced by an object or array → 400, no query past the guard, 0 rows changed', async () => {
    const bodies = discoverRouteBodies(t.app.get(ModulesContainer)).filter((b) => b.readsBody);
    expect(bodies.map((b) => b.key).sort()).toEqual(Object.keys(EXAMPLES).sort());
    const before = await settledSnapshot(t);
    const wrong: unknown[] = [];
    let probes = 0;
    for (const b of bodies) {
      const ex = EXAMPLES[b.key]!;
      const cookie = b.key === 'POST /api/auth/login' ? undefined : a.cookies[ex.as ?? 'admin'];
      const send = (body: unknown) => {
        const req = request(t.server)[b.route.method.toLowerCase() as 'post' | 'put' | 'patch'](ex.path(ids));
        if (cookie) req.set('Cookie', cookie);
        return req.send(body as object);
      };
      // Baseline: what a request refused by validation costs (the guard's session lookup, if any).
      const baseline = await counted(() => send({ ...ex.body(ids), __not_a_field__: 1 }));
      expect({ route: b.key, status: baseline.result.status }).toEqual({ route: b.key, status: 400 });
      // The counter works: a signed-in request's session lookup shows up; an anonymous one runs none.
      expect({ route: b.key, guardQueries: baseline.sql.length > 0 }).toEqual({ route: b.key, guardQueries: Boolean(cookie) });
      for (const path of scalarPaths(ex.body(ids))) {
        for (const bad of CONFUSERS) {
          probes++;
          const { result, sql } = await counted(() => send(setAt(ex.body(ids), path, bad)));
          if (result.status !== 400 || sql.length > baseline.sql.length)
            wrong.push({ route: b.key, path: path.join('.'), sent: bad, status: result.status, queries: sql.length, baseline: baseline.sql.length });
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(probes).toBeGreaterThan(100);
    expect(diffDb(before, await settledSnapshot(t))).toEqual([]);
  });

  it('query strings: bracket objects and repeated keys for every parameter of every GET → 400, no query past the guard', async () => {
    const gets = discoverRoutes(t.app.get(ModulesContainer)).filter((r) => r.method === 'GET' && r.doc?.query);
    expect(gets.length).toBeGreaterThanOrEqual(2);
    const wrong: unknown[] = [];
    for (const r of gets) {
      const keys = Object.keys(objectSchemaOf(r.doc!.query!)?.shape ?? {});
      expect({ route: r.path, keys: keys.length > 0 }).toEqual({ route: r.path, keys: true });
      // Path parameters are real (a refused parameter would answer 400 before the query is read).
      const path = r.path.replace(':category', 'delivery').replace(':token', ids.shareToken);
      expect({ route: r.path, unfilled: path.includes(':') }).toEqual({ route: r.path, unfilled: false });
      const get = (qs: string) => request(t.server).get(`${path}?${qs}`).set('Cookie', a.cookies.admin);
      const baseline = await counted(() => get('__not_a_param__=1'));
      expect({ route: r.path, status: baseline.result.status }).toEqual({ route: r.path, status: 400 });
      for (const k of keys) {
        for (const qs of [`${k}[$ne]=1`, `${k}[]=1`, `${k}=1&${k}=2`, `${k}[a][b]=1`]) {
          const { result, sql } = await counted(() => get(qs));
          if (result.status !== 400 || sql.length > baseline.sql.length)
            wrong.push({ route: r.path, qs, status: result.status, queries: sql.length, baseline: baseline.sql.length });
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
