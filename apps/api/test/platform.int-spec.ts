import request from 'supertest';
import { HealthSchema } from '@earshot/contracts';
import { ModulesContainer } from '@nestjs/core';
import { discoverRoutes } from '../src/modules/docs/route-discovery.js';
import { detectSchemaDrift } from '../src/database/schema-drift.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

describe('health, docs, request ids and schema (integration)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports the database as reachable with the version', async () => {
    const res = await request(t.server).get('/api/health').expect(200);
    const body = HealthSchema.parse(res.body);
    expect(body.status).toBe('ok');
    expect(body.database.status).toBe('up');
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('echoes a sane X-Request-Id and invents one otherwise', async () => {
    const mine = await request(t.server).get('/api/health').set('X-Request-Id', 'req-12345678').expect(200);
    expect(mine.headers['x-request-id']).toBe('req-12345678');
    const bad = await request(t.server).get('/api/nope').set('X-Request-Id', 'has spaces and {braces} that are not allowed');
    expect(bad.status).toBe(401); // no route and no session: 401, like every protected path
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(bad.body.requestId).toBe(bad.headers['x-request-id']);
  });

  it('serves an OpenAPI document that documents every route, and the Swagger UI page', async () => {
    const doc = (await request(t.server).get('/api/docs/openapi.json').expect(200)).body as {
      openapi: string;
      paths: Record<string, Record<string, { summary: string }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const r of discoverRoutes(t.app.get(ModulesContainer))) {
      const op = doc.paths[r.path.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
      expect({ route: `${r.method} ${r.path}`, documented: Boolean(op && r.doc) }).toEqual({ route: `${r.method} ${r.path}`, documented: true });
    }
    const login = doc.paths['/api/auth/login']!.post as unknown as {
      requestBody: { content: { 'application/json': { schema: { required: string[]; additionalProperties: boolean } } } };
    };
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
    expect(login.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    const page = await request(t.server).get('/api/docs').expect(200);
    expect(page.text).toContain('swagger-ui-bundle.js');
    await request(t.server).get('/api/docs/assets/swagger-ui-bundle.js').expect(200);
  });

  it('sends a strict Content-Security-Policy', async () => {
    const res = await request(t.server).get('/api/health');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/object-src 'none'/);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('has entities and migrations in agreement (no drift after migrating a fresh database)', async () => {
    const drift = await detectSchemaDrift(t.dataSource);
    expect(drift.up).toEqual([]);
  });

  it('migrations revert and re-apply cleanly', async () => {
    const count = t.dataSource.migrations.length;
    for (let i = 0; i < count; i++) await t.dataSource.undoLastMigration();
    const tables = (await t.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT IN ('migrations', 'typeorm_metadata')`,
    )) as unknown[];
    expect(tables).toEqual([]);
    await t.dataSource.runMigrations();
    expect((await detectSchemaDrift(t.dataSource)).up).toEqual([]);
  });
});
