import request from 'supertest';
import { ModulesContainer } from '@nestjs/core';
import type { Role } from '@earshot/contracts';
import { discoverRoutes } from '../src/modules/docs/route-discovery.js';
import { WorkspaceFactory, loginAs, type SeededUser } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * The checked-in access table: every route the app serves must be listed here with the
 * callers it admits. A new route that is not in the table fails this file.
 * `public` admits anonymous callers; otherwise the least role allowed.
 */
const EXPECTED: Record<string, 'public' | Role> = {
  'GET /api/auth/me': 'viewer',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'POST /api/auth/password': 'viewer',
  'GET /api/docs': 'public',
  'GET /api/docs/init.js': 'public',
  'GET /api/docs/openapi.json': 'public',
  'GET /api/health': 'public',
  'GET /api/users': 'admin',
  'POST /api/users': 'admin',
  'PATCH /api/users/:id': 'admin',
  'GET /api/profile': 'viewer',
  'PATCH /api/profile': 'viewer',
  'GET /api/brands': 'viewer',
  'POST /api/brands': 'manager',
  'PATCH /api/brands/:id': 'manager',
  'DELETE /api/brands/:id': 'manager',
  'GET /api/brands/:id/voice': 'viewer',
  'PUT /api/brands/:id/voice': 'manager',
  'DELETE /api/brands/:id/voice': 'manager',
  'GET /api/templates': 'viewer',
  'GET /api/templates/:id': 'viewer',
  'POST /api/templates': 'manager',
  'PATCH /api/templates/:id': 'manager',
  'DELETE /api/templates/:id': 'manager',
  'GET /api/listening-queries': 'viewer',
  'POST /api/listening-queries/validate': 'viewer',
  'POST /api/listening-queries': 'manager',
  'PATCH /api/listening-queries/:id': 'manager',
  'DELETE /api/listening-queries/:id': 'manager',
  'GET /api/sources': 'manager',
  'POST /api/sources': 'admin',
  'PATCH /api/sources/:id': 'admin',
  'POST /api/sources/:id/poll': 'admin',
  'DELETE /api/sources/:id': 'admin',
  'GET /api/mentions': 'viewer',
  'GET /api/mentions/changes': 'viewer',
  'POST /api/mentions/bulk': 'trainee',
  'GET /api/mentions/:id': 'viewer',
  'PATCH /api/mentions/:id': 'trainee',
  'POST /api/mentions/:id/notes': 'trainee',
  'POST /api/mentions/:id/corrections': 'trainee',
  'GET /api/mentions/:id/corrections': 'viewer',
  'GET /api/corrections': 'agent',
  'POST /api/mentions/:id/claim': 'trainee',
  'DELETE /api/mentions/:id/claim': 'trainee',
  'POST /api/mentions/:id/replies': 'trainee',
  'GET /api/replies': 'viewer',
  'POST /api/replies/:id/approve': 'manager',
  'POST /api/replies/:id/reject': 'manager',
  'POST /api/replies/:id/retry': 'trainee',
  'POST /api/replies/:id/dismiss': 'trainee',
  'GET /api/workspace/sla': 'viewer',
  'PATCH /api/workspace': 'manager',
  'DELETE /api/workspace/demo-data': 'admin',
  'GET /api/analytics/volume': 'viewer',
  'GET /api/analytics/themes': 'viewer',
  'GET /api/analytics/share-of-voice': 'viewer',
  'GET /api/alerts': 'viewer',
  'GET /api/alerts/:id': 'viewer',
  'GET /api/alert-rules': 'manager',
  'POST /api/alert-rules': 'manager',
  'PATCH /api/alert-rules/:id': 'manager',
  'DELETE /api/alert-rules/:id': 'manager',
  'GET /api/analytics/top': 'viewer',
  'GET /api/analytics/team': 'viewer',
  'GET /api/analytics/volume.csv': 'viewer',
  'GET /api/analytics/themes.csv': 'viewer',
  'GET /api/analytics/share-of-voice.csv': 'viewer',
  'GET /api/analytics/top.csv': 'viewer',
  'GET /api/analytics/team.csv': 'viewer',
  'GET /api/workspace/members': 'viewer',
  'PUT /api/workspace/sla': 'manager',
  'GET /api/learning/models': 'agent',
  'POST /api/learning/models': 'manager',
  'POST /api/learning/models/:id/activate': 'manager',
  'POST /api/learning/rollback': 'manager',
  'GET /api/learning/phrase-rules': 'agent',
  'POST /api/learning/phrase-rules': 'manager',
  'DELETE /api/learning/phrase-rules/:id': 'manager',
  'GET /api/root-causes': 'viewer',
  'GET /api/root-causes/owners': 'manager',
  'PUT /api/root-causes/owners/:category': 'manager',
  'DELETE /api/root-causes/owners/:category': 'manager',
  'GET /api/root-causes/share-links': 'manager',
  'POST /api/root-causes/share-links': 'manager',
  'DELETE /api/root-causes/share-links/:id': 'manager',
  'POST /api/root-causes/digest/preview': 'manager',
  'POST /api/root-causes/digest/send': 'manager',
  'GET /api/root-causes/:category': 'viewer',
  'PUT /api/root-causes/:category/status': 'manager',
  'POST /api/root-causes/:category/notify': 'manager',
  'GET /api/share/root-causes/:token': 'public',
  'PUT /api/share/root-causes/:token/status/:category': 'public',
  'GET /api/alerts/:id/incident': 'viewer',
  'POST /api/alerts/:id/replies': 'manager',
  'POST /api/alerts/:id/status-post': 'manager',
  'POST /api/alerts/:id/status-posts/:postId/retry': 'manager',
  'POST /api/alerts/:id/status-posts/:postId/dismiss': 'manager',
  'GET /api/insights/recurring-questions': 'viewer',
  'GET /api/insights/suggestions': 'viewer',
  'GET /api/reports': 'viewer',
  'POST /api/reports/weekly': 'manager',
  'GET /api/reports/:id': 'viewer',
  'GET /api/reports/:id/pdf': 'viewer',
  'POST /api/reports/:id/send': 'manager',
  'GET /api/report-recipients': 'admin',
  'POST /api/report-recipients': 'admin',
  'DELETE /api/report-recipients/:id': 'admin',
};

const ROLES: Role[] = ['admin', 'manager', 'agent', 'trainee', 'viewer'];
const RANK = (r: Role) => ROLES.indexOf(r);

describe('access matrix (integration)', () => {
  let t: TestApp;
  let users: Record<Role, SeededUser>;
  const cookies = {} as Record<Role, string>;

  beforeAll(async () => {
    t = await createTestApp();
    users = await WorkspaceFactory.withAllRoles(t, (await WorkspaceFactory.create(t, 'Matrix')).id);
    for (const r of ROLES) cookies[r] = await loginAs(t, users[r].email);
  });
  afterAll(() => t.close());

  const routes = () => discoverRoutes(t.app.get(ModulesContainer));

  it('has every served route in the table, and nothing stale in it', () => {
    const served = routes()
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(served).toEqual(Object.keys(EXPECTED).sort());
  });

  it('declares the same access in code as in the table', () => {
    for (const r of routes()) {
      const expected = EXPECTED[`${r.method} ${r.path}`];
      if (expected === 'public') expect({ route: r.path, public: r.isPublic }).toEqual({ route: r.path, public: true });
      else expect({ route: r.path, public: r.isPublic, min: r.minRole ?? 'viewer' }).toEqual({ route: r.path, public: false, min: expected });
    }
  });

  it('enforces the table for anonymous callers and each role', async () => {
    // A body that passes validation would change state, so only authorization is probed:
    // a caller below the minimum gets 401/403, one at or above it gets past the guard.
    const otherUserId = users.viewer.id;
    for (const r of routes()) {
      if (EXPECTED[`${r.method} ${r.path}`] === 'public') continue;
      const min = EXPECTED[`${r.method} ${r.path}`] as Role;
      const path = r.path.replace(':id', otherUserId);
      const call = (cookie?: string) => {
        const req = request(t.server)[r.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](path);
        if (cookie) req.set('Cookie', cookie);
        return r.method === 'GET' || r.method === 'DELETE' ? req : req.send({ __probe__: true });
      };
      expect({ route: `${r.method} ${r.path}`, anon: (await call()).status }).toEqual({ route: `${r.method} ${r.path}`, anon: 401 });
      for (const role of ROLES) {
        const status = (await call(cookies[role])).status;
        const allowed = RANK(role) <= RANK(min);
        expect({ route: `${r.method} ${r.path}`, role, denied: status === 403 || status === 401 }).toEqual({
          route: `${r.method} ${r.path}`,
          role,
          denied: !allowed,
        });
      }
    }
  });

  it('answers exactly 401 to anonymous path and verb variants of every protected GET: HEAD, trailing slash, suffixes, case', async () => {
    // Generated from the served routes, so a new protected GET is probed too. Variants that
    // no route matches (`.json`, `//`) must look the same as protected ones to an anonymous
    // caller: 401, not a 404 that tells which paths exist.
    const anyId = '00000000-0000-4000-8000-000000000000';
    const protectedGets = routes().filter((r) => r.method === 'GET' && EXPECTED[`GET ${r.path}`] !== 'public');
    expect(protectedGets.length).toBeGreaterThan(5);
    const variants = new Set<string>();
    for (const r of protectedGets) {
      const p = r.path.replace(/:id\b/g, anyId);
      for (const v of [
        p,
        `${p}/`,
        p.toUpperCase(),
        p.replace(/\/api\/(\w)/, (_m, c: string) => `/api/${c.toUpperCase()}`),
        `${p}.json`,
        `${p}?x=1`,
        `${p}/?format=json`,
        p.replace('/api/', '/api//'),
        `${p}%20`,
        `${p}/.`,
      ])
        variants.add(v);
    }
    const got: Array<{ method: string; path: string; status: number }> = [];
    for (const path of variants) {
      got.push({ method: 'GET', path, status: (await request(t.server).get(path)).status });
      got.push({ method: 'HEAD', path, status: (await request(t.server).head(path)).status });
    }
    expect(got.filter((g) => g.status !== 401)).toEqual([]);
    // Signed in, the same variants still reach only what the role may see: a viewer gets 403 or 404, never another route's data.
    const viewerLeaks: typeof got = [];
    for (const path of variants) {
      if (!/\/api\/users/i.test(path)) continue;
      const res = await request(t.server).get(path).set('Cookie', cookies.viewer);
      if (res.status === 200) viewerLeaks.push({ method: 'GET', path, status: res.status });
    }
    expect(viewerLeaks).toEqual([]);
    // The blanket 401 is for anonymous callers only: signed in, a path no route serves is a
    // plain 404; a forged or ended session counts as anonymous; public routes stay public.
    expect((await request(t.server).get('/api/users.json').set('Cookie', cookies.admin)).status).toBe(404);
    expect((await request(t.server).get('/api/users.json').set('Cookie', 'earshot_session=forged')).status).toBe(401);
    expect((await request(t.server).get('/api/no-such-route')).status).toBe(401);
    expect((await request(t.server).get('/api/health/')).status).toBe(200);
  });
});
