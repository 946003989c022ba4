import { ModulesContainer } from '@nestjs/core';
import fc from 'fast-check';
import request from 'supertest';
import {
  BODYLESS_WRITES,
  EXAMPLES,
  type Ids,
  exampleAlert,
  exampleReplies,
  exampleAlertRules,
  exampleRootCauses,
  exampleTemplate,
} from './factories/write-examples.js';
import { InboxFixture } from './factories/inbox.fixture.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { diffDb, settledSnapshot } from './utils/db-snapshot.js';
import { discoverRouteBodies, objectSchemaOf, strictObjectPaths, type RouteBody } from './utils/route-bodies.js';

/** Keys an attacker adds hoping the server copies them onto a row (SECURITY.md plan item 4). */
const FORBIDDEN = ['role', 'workspaceId', 'password', 'isAdmin', 'id', 'createdAt'] as const;

const RUNS = Number(process.env.MASS_ASSIGNMENT_RUNS ?? 20);

/** Values an attacker would pick for the forbidden keys, or anything at all. */
const forbiddenValue = (key: (typeof FORBIDDEN)[number], ws: string) =>
  fc.oneof(
    fc.constant(
      (
        {
          role: 'admin',
          workspaceId: ws,
          password: 'attacker-chosen-password',
          isAdmin: true,
          id: '00000000-0000-4000-8000-000000000001',
          createdAt: '2000-01-01T00:00:00Z',
        } as const
      )[key],
    ),
    fc.jsonValue(),
  );

/**
 * SECURITY.md plan item 4 (mass assignment), issue 11 item 9: for every route that takes a
 * body, a valid body plus random extra keys and the usual privilege keys, at the top level or
 * inside any nested strict object, is refused with 400 naming the keys, and not one row of
 * the database changes. Routes and schemas are discovered from the running app.
 */
describe('mass assignment: every write schema refuses extra keys (integration, fast-check)', () => {
  let t: TestApp;
  let a: InboxFixture;
  let other: InboxFixture;
  let ids: Ids;
  let bodies: RouteBody[];

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    a = await InboxFixture.create(t, 'Mass A');
    other = await InboxFixture.create(t, 'Mass B');
    // The fourth is the alert's author nobody holds, so the incident's positive control queues a reply.
    const [mention, r1, r2] = await a.store([
      'acme mass assignment target',
      'acme mass assignment target two',
      'acme mass assignment target three',
      'acme mass assignment incident author',
    ]);
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
    bodies = discoverRouteBodies(t.app.get(ModulesContainer));
  });
  afterAll(() => t.close());

  it('knows every route that takes a body: each has its contracts schema (the documented one) and an example', () => {
    const problems: string[] = [];
    for (const b of bodies) {
      const write = ['POST', 'PUT', 'PATCH'].includes(b.route.method);
      if (!b.readsBody) {
        if (write && !BODYLESS_WRITES.has(b.key)) problems.push(`${b.key}: a write route that reads no body is not in BODYLESS_WRITES`);
        continue;
      }
      if (!b.schema) problems.push(`${b.key}: reads the body without a whole-body ZodValidationPipe`);
      else if (b.route.doc?.body !== b.schema) problems.push(`${b.key}: the documented body schema is not the one validated`);
      if (!EXAMPLES[b.key]) problems.push(`${b.key}: no valid example body in EXAMPLES`);
    }
    for (const key of Object.keys(EXAMPLES)) if (!bodies.some((b) => b.key === key && b.readsBody)) problems.push(`${key}: stale entry in EXAMPLES`);
    for (const key of BODYLESS_WRITES) if (!bodies.some((b) => b.key === key && !b.readsBody)) problems.push(`${key}: stale entry in BODYLESS_WRITES`);
    expect(problems).toEqual([]);
    expect(bodies.filter((b) => b.readsBody).length).toBe(Object.keys(EXAMPLES).length);
  });

  it('every example is valid for its schema, and every schema is strict at the top level', () => {
    for (const b of bodies.filter((x) => x.readsBody && x.schema && EXAMPLES[x.key])) {
      const parsed = b.schema!.safeParse(EXAMPLES[b.key]!.body(ids));
      expect({ route: b.key, valid: parsed.success, issues: parsed.success ? [] : parsed.error.issues }).toEqual({ route: b.key, valid: true, issues: [] });
      expect({ route: b.key, strict: strictObjectPaths(b.schema!, EXAMPLES[b.key]!.body(ids)).some((p) => p.path.length === 0) }).toEqual({
        route: b.key,
        strict: true,
      });
    }
  });

  // One test per route, generated from the same table (the first test fails if the table and the app disagree).
  for (const key of Object.keys(EXAMPLES)) {
    it(`${key}: valid body + extra keys → 400 and a zero-row diff (${RUNS} runs); the valid body alone succeeds`, async () => {
      const b = bodies.find((x) => x.key === key && x.readsBody);
      expect({ route: key, discovered: Boolean(b?.schema) }).toEqual({ route: key, discovered: true });
      const ex = EXAMPLES[key]!;
      const cookie = key === 'POST /api/auth/login' ? undefined : a.cookies[ex.as ?? 'admin'];
      const send = (body: unknown) => {
        const req = request(t.server)[b!.route.method.toLowerCase() as 'post' | 'put' | 'patch'](ex.path(ids));
        if (cookie) req.set('Cookie', cookie);
        return req.send(body as object);
      };
      const targets = strictObjectPaths(b!.schema!, ex.body(ids));
      // A schema that is not strict still gets the top-level sweep, so the HTTP answer shows what it lets through.
      if (!targets.some((p) => p.path.length === 0)) targets.unshift({ path: [], known: Object.keys(objectSchemaOf(b!.schema!)?.shape ?? {}) });
      const failures: unknown[] = [];
      // fc.check (not assert): the failing request is reported below in plain words.
      const run = await fc.check(
        fc.asyncProperty(
          fc.constantFrom(...targets),
          fc.dictionary(fc.string({ minLength: 1, maxLength: 24 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
          fc.record(Object.fromEntries(FORBIDDEN.map((k) => [k, forbiddenValue(k, other.workspaceId)]))),
          fc.subarray([...FORBIDDEN], { minLength: 1 }),
          async (target, randomExtras, values, chosen) => {
            const body = structuredClone(ex.body(ids)) as Record<string, unknown>;
            let obj = body;
            for (const k of target.path) obj = obj[k] as Record<string, unknown>;
            const extras: Record<string, unknown> = {};
            for (const [k, v] of Object.entries(randomExtras)) if (!target.known.includes(k) && k !== '__proto__') extras[k] = v;
            for (const k of chosen) if (!target.known.includes(k)) extras[k] = values[k];
            // Keys the schema legitimately has (an admin may set a new user's role) are not extra; some key always is.
            if (Object.keys(extras).length === 0) extras.isAdministrator = true;
            Object.assign(obj, extras);
            const before = await settledSnapshot(t);
            const res = await send(body);
            const changed = diffDb(before, await settledSnapshot(t));
            const named = JSON.stringify(res.body?.issues ?? []);
            const unnamed = Object.keys(extras).filter((k) => !named.includes(JSON.stringify(k).slice(1, -1)));
            if (res.status !== 400 || changed.length > 0 || unnamed.length > 0) {
              failures.push({ at: target.path, extras: Object.keys(extras), status: res.status, changed, unnamed });
              return false;
            }
            return true;
          },
        ),
        { numRuns: RUNS, endOnFailure: true },
      );
      expect(failures.slice(0, 3)).toEqual([]);
      expect({ failed: run.failed, runs: run.numRuns, error: run.errorInstance ? String(run.errorInstance) : null }).toEqual({
        failed: false,
        runs: RUNS,
        error: null,
      });
      // Positive control: without the extra keys the same call is accepted (the 400s above are not from a broken example).
      const okRes = await send(ex.body(ids));
      expect({ route: key, status: okRes.status }).toEqual({ route: key, status: ex.ok });
    });
  }
});
