import { jest } from '@jest/globals';
import request from 'supertest';
import { TEMPLATE_VARIABLES, type ReplyTemplate } from '@earshot/contracts';
import { AuditEventEntity } from '../src/modules/audit/audit-event.entity.js';
import { TemplatesRepository } from '../src/modules/templates/templates.repository.js';
import { TemplatesService } from '../src/modules/templates/templates.service.js';
import { DEMO_TEMPLATES } from '../src/database/seeds/demo-templates.js';
import { InboxFixture } from './factories/inbox.fixture.js';
import { loginAs } from './factories/user.factory.js';
import { TEST_ADMIN, createTestApp, type TestApp } from './utils/create-test-app.js';
import { diffDb, settledSnapshot } from './utils/db-snapshot.js';

const rowsOf = (r: unknown) => (Array.isArray((r as unknown[])[0]) ? (r as unknown[][])[0] : r) as Array<Record<string, unknown>>;

/** `GET|POST|PATCH|DELETE /api/templates` (issue 13 item 1): per own brand, managers write, everyone reads. */
describe('reply templates (integration)', () => {
  let t: TestApp;
  let a: InboxFixture;
  let b: InboxFixture;
  let acme: string;
  let bBrand: string;

  const brandOf = async (f: InboxFixture) => String(rowsOf(await t.dataSource.query(`SELECT id FROM brand WHERE workspace_id = $1`, [f.workspaceId]))[0]!.id);
  const api = (method: 'get' | 'post' | 'patch' | 'delete', path: string, cookie: string, body?: unknown) => {
    const req = request(t.server)[method](path).set('Cookie', cookie);
    return body === undefined ? req : req.send(body as object);
  };
  const audits = (action: string, targetId: string) => t.dataSource.getRepository(AuditEventEntity).find({ where: { action, targetId } });

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    a = await InboxFixture.create(t, 'Templates A');
    b = await InboxFixture.create(t, 'Templates B');
    acme = await brandOf(a);
    bBrand = await brandOf(b);
  });
  afterAll(() => t.close());

  const apology = {
    title: 'Late parcel: sorry, DM us',
    body: 'Hi {{author.name | "there"}}, sorry your parcel is late. Please DM us your order number and I can check it now. ^{{agent.signature}}',
    intents: ['complaint'],
    categories: ['delivery'],
    platform: 'mastodon',
    language: 'en',
    shortcut: 'late-parcel',
  };

  it('a manager creates, reads, lists, changes and deletes a template; each change is audited', async () => {
    const created = (await api('post', '/api/templates', a.cookies.manager, { brandId: acme, ...apology }).expect(201)).body as ReplyTemplate;
    expect(created).toMatchObject({ brandId: acme, ...apology });
    expect(created).not.toHaveProperty('workspaceId');
    const one = (await api('get', `/api/templates/${created.id}`, a.cookies.viewer).expect(200)).body as ReplyTemplate;
    expect(one).toEqual(created);
    const list = (await api('get', `/api/templates?brandId=${acme}`, a.cookies.trainee).expect(200)).body as { items: ReplyTemplate[] };
    expect(list.items.map((x) => x.id)).toContain(created.id);

    const changed = (
      await api('patch', `/api/templates/${created.id}`, a.cookies.admin, { title: 'Late parcel', platform: null, intents: ['complaint', 'question'] }).expect(
        200,
      )
    ).body as ReplyTemplate;
    expect(changed).toMatchObject({
      id: created.id,
      title: 'Late parcel',
      platform: null,
      intents: ['complaint', 'question'],
      body: apology.body,
      shortcut: 'late-parcel',
    });
    expect(Date.parse(changed.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));

    await api('delete', `/api/templates/${created.id}`, a.cookies.manager).expect(204);
    await api('get', `/api/templates/${created.id}`, a.cookies.manager).expect(404);
    await api('delete', `/api/templates/${created.id}`, a.cookies.manager).expect(404);

    expect(await audits('template.created', created.id)).toEqual([
      expect.objectContaining({
        actorUserId: a.users.manager.id,
        workspaceId: a.workspaceId,
        data: { brandId: acme, title: apology.title, shortcut: 'late-parcel' },
      }),
    ]);
    expect(await audits('template.updated', created.id)).toEqual([
      expect.objectContaining({ actorUserId: a.users.admin.id, data: { brandId: acme, title: 'Late parcel', changed: ['title', 'intents', 'platform'] } }),
    ]);
    expect(await audits('template.deleted', created.id)).toEqual([
      expect.objectContaining({ actorUserId: a.users.manager.id, data: { brandId: acme, title: 'Late parcel' } }),
    ]);
  });

  it('fills the optional fields with "any": no intents, categories, platform, language or shortcut', async () => {
    const res = await api('post', '/api/templates', a.cookies.manager, {
      brandId: acme,
      title: 'Thanks',
      body: 'Thank you, {{author.name | "friend"}}! ^{{agent.signature}}',
    }).expect(201);
    expect(res.body).toMatchObject({ intents: [], categories: [], platform: null, language: null, shortcut: null });
  });

  it('keeps each intent and category once', async () => {
    const res = await api('post', '/api/templates', a.cookies.manager, {
      brandId: acme,
      title: 'Dupes',
      body: 'x',
      intents: ['complaint', 'complaint'],
      categories: ['billing', 'billing', 'delivery'],
    }).expect(201);
    expect(res.body).toMatchObject({ intents: ['complaint'], categories: ['billing', 'delivery'] });
    const upd = await api('patch', `/api/templates/${res.body.id}`, a.cookies.manager, { intents: ['praise', 'praise'] }).expect(200);
    expect(upd.body.intents).toEqual(['praise']);
  });

  it('a PATCH that changes nothing writes no audit event', async () => {
    const created = (await api('post', '/api/templates', a.cookies.manager, { brandId: acme, title: 'Same', body: 'Same body' }).expect(201))
      .body as ReplyTemplate;
    await api('patch', `/api/templates/${created.id}`, a.cookies.manager, { title: 'Same', body: 'Same body' }).expect(200);
    expect(await audits('template.updated', created.id)).toEqual([]);
  });

  it('refuses a body with an unknown variable, naming it, listing the known ones, with its position', async () => {
    const body = 'Hi {{author.name}}, I am {{agent.nickname}}.';
    const res = await api('post', '/api/templates', a.cookies.manager, { brandId: acme, title: 'Bad', body }).expect(400);
    expect(res.body.issues).toHaveLength(1);
    const issue = res.body.issues[0] as { path: string; message: string; position: number };
    expect(issue.path).toBe('body');
    expect(issue.position).toBe(body.indexOf('{{agent.nickname}}'));
    expect(issue.message).toContain('agent.nickname');
    for (const v of TEMPLATE_VARIABLES) expect(issue.message).toContain(v);
    expect(issue.message).toContain(`at character ${body.indexOf('{{agent.nickname}}') + 1}`);
    expect(res.body.message).toContain('agent.nickname');
  });

  it('refuses unclosed variables and bad fallbacks at save, on create and on update, and nothing changes', async () => {
    const ok = (await api('post', '/api/templates', a.cookies.manager, { brandId: acme, title: 'Fine', body: 'Fine {{brand.name}}' }).expect(201))
      .body as ReplyTemplate;
    const before = await settledSnapshot(t);
    const bad = [
      { body: 'Hi {{author.name', has: /never closed/ },
      { body: 'Hi {{author.name | there}}', has: /fallback/ },
      { body: 'Hi {{ }}', has: /empty/i },
    ];
    for (const { body, has } of bad) {
      const c = await api('post', '/api/templates', a.cookies.manager, { brandId: acme, title: 'Bad', body }).expect(400);
      expect({ body, issue: c.body.issues[0] }).toEqual({ body, issue: { path: 'body', message: expect.stringMatching(has), position: 3 } });
      const u = await api('patch', `/api/templates/${ok.id}`, a.cookies.manager, { body }).expect(400);
      expect(u.body.issues[0]).toMatchObject({ path: 'body', position: 3 });
    }
    expect(diffDb(before, await settledSnapshot(t))).toEqual([]);
  });

  it('says which field is wrong for the other fields', async () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ title: '' }, 'title', /is required/],
      [{ title: 'x'.repeat(121) }, 'title', /at most 120/],
      [{ body: '   ' }, 'body', /is required/],
      [{ shortcut: 'Has Space' }, 'shortcut', /lower-case letters, digits or dashes/],
      [{ language: 'english' }, 'language', /two-letter language code/],
      [{ platform: 'myspace' }, 'platform', /must be one of/],
      [{ intents: ['angry'] }, 'intents.0', /must be one of complaint/],
      [{ brandId: 'nope' }, 'brandId', /must be a brand id/],
      [{ categories: [''] }, 'categories.0', /^must not be empty$/],
      [{ intents: ['complaint', 'question', 'praise', 'suggestion', 'other', 'other'] }, 'intents', /^at most 5 intents$/],
    ];
    for (const [over, path, message] of cases) {
      const res = await api('post', '/api/templates', a.cookies.manager, { brandId: acme, title: 'T', body: 'B', ...over }).expect(400);
      expect({ over, issues: res.body.issues }).toEqual({ over, issues: [{ path, message: expect.stringMatching(message) }] });
    }
    const empty = await api('patch', `/api/templates/${'00000000-0000-4000-8000-000000000000'}`, a.cookies.manager, {}).expect(400);
    expect(empty.body.message).toMatch(/nothing to change/);
  });

  it('keeps a shortcut unique per brand and says which template has it (create, update, and two saves at once)', async () => {
    const first = (
      await api('post', '/api/templates', a.cookies.manager, { brandId: acme, title: 'Outage update', body: 'We are on it.', shortcut: 'outage' }).expect(201)
    ).body as ReplyTemplate;
    const dup = await api('post', '/api/templates', a.cookies.manager, { brandId: acme, title: 'Another', body: 'x', shortcut: 'outage' }).expect(409);
    expect(dup.body.message).toContain('"Outage update"');
    expect(dup.body.issues).toEqual([{ path: 'shortcut', message: 'is already used by the template "Outage update"' }]);
    const other = (await api('post', '/api/templates', a.cookies.manager, { brandId: acme, title: 'Other', body: 'x', shortcut: 'other' }).expect(201))
      .body as ReplyTemplate;
    const upd = await api('patch', `/api/templates/${other.id}`, a.cookies.manager, { shortcut: 'outage' }).expect(409);
    expect(upd.body.message).toContain('"Outage update"');
    // Its own shortcut is not a clash; a different brand may use the same one.
    await api('patch', `/api/templates/${first.id}`, a.cookies.manager, { shortcut: 'outage', title: 'Outage update v2' }).expect(200);
    const beta = (await api('post', '/api/brands', a.cookies.manager, { name: 'Acme Beta' }).expect(201)).body as { id: string };
    await api('post', '/api/templates', a.cookies.manager, { brandId: beta.id, title: 'Outage', body: 'x', shortcut: 'outage' }).expect(201);
    // Two managers at once: one wins, the other hears why.
    const both = await Promise.all([
      api('post', '/api/templates', a.cookies.manager, { brandId: acme, title: 'Race one', body: 'x', shortcut: 'race' }),
      api('post', '/api/templates', a.cookies.admin, { brandId: acme, title: 'Race two', body: 'x', shortcut: 'race' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    // Whether the check or the unique index stopped it, the answer names the template that won.
    const winner = both.find((r) => r.status === 201)!.body.title as string;
    expect(both.find((r) => r.status === 409)!.body.message).toContain(`The shortcut /race is already used by the template "${winner}"`);
  });

  it('when the check misses a concurrent save, the unique index still answers 409 naming the template', async () => {
    await api('post', '/api/templates', a.cookies.manager, { brandId: acme, title: 'Index holder', body: 'x', shortcut: 'index-race' }).expect(201);
    // The in-transaction check sees nothing, as it would while the other save was not yet committed.
    const spy = jest.spyOn(TemplatesRepository.prototype, 'findByShortcut').mockResolvedValueOnce(null);
    try {
      const res = await api('post', '/api/templates', a.cookies.admin, { brandId: acme, title: 'Late', body: 'x', shortcut: 'index-race' }).expect(409);
      expect(res.body.message).toContain('The shortcut /index-race is already used by the template "Index holder"');
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
    expect(rowsOf(await t.dataSource.query(`SELECT count(*)::int AS n FROM reply_template WHERE shortcut = 'index-race'`))[0]!.n).toBe(1);
  });

  it('belongs to an own brand of the workspace: a competitor, an unknown or another workspace’s brand is refused', async () => {
    const rival = (await api('post', '/api/brands', a.cookies.manager, { name: 'Rival Co', kind: 'competitor' }).expect(201)).body as { id: string };
    const before = await settledSnapshot(t);
    const comp = await api('post', '/api/templates', a.cookies.manager, { brandId: rival.id, title: 'T', body: 'B' }).expect(400);
    expect(comp.body.issues).toEqual([{ path: 'brandId', message: expect.stringMatching(/Rival Co, a competitor/) }]);
    for (const brandId of [bBrand, '00000000-0000-4000-8000-000000000000']) {
      const res = await api('post', '/api/templates', a.cookies.manager, { brandId, title: 'T', body: 'B' }).expect(400);
      expect(res.body.issues).toEqual([{ path: 'brandId', message: 'is not one of your brands' }]);
    }
    expect(diffDb(before, await settledSnapshot(t))).toEqual([]);
  });

  it('lets every role read and only managers and admins write', async () => {
    const tpl = (await api('post', '/api/templates', a.cookies.admin, { brandId: acme, title: 'Roles', body: 'x' }).expect(201)).body as ReplyTemplate;
    for (const role of ['agent', 'trainee', 'viewer'] as const) {
      await api('get', '/api/templates', a.cookies[role]).expect(200);
      await api('get', `/api/templates/${tpl.id}`, a.cookies[role]).expect(200);
      const res = await api('post', '/api/templates', a.cookies[role], { brandId: acme, title: 'No', body: 'x' }).expect(403);
      expect(res.body.message).toMatch(/manager/);
      await api('patch', `/api/templates/${tpl.id}`, a.cookies[role], { title: 'No' }).expect(403);
      await api('delete', `/api/templates/${tpl.id}`, a.cookies[role]).expect(403);
    }
    expect((await api('get', `/api/templates/${tpl.id}`, a.cookies.viewer).expect(200)).body.title).toBe('Roles');
    await request(t.server).get('/api/templates').expect(401);
  });

  it("never shows or changes another workspace's template: 404 by id, absent from lists, null for the replies module", async () => {
    const bTpl = (await api('post', '/api/templates', b.cookies.manager, { brandId: bBrand, title: 'B only', body: 'zebrafish-b' }).expect(201))
      .body as ReplyTemplate;
    const before = await settledSnapshot(t);
    await api('get', `/api/templates/${bTpl.id}`, a.cookies.admin).expect(404);
    await api('patch', `/api/templates/${bTpl.id}`, a.cookies.admin, { title: 'pwned' }).expect(404);
    await api('delete', `/api/templates/${bTpl.id}`, a.cookies.admin).expect(404);
    for (const path of ['/api/templates', `/api/templates?brandId=${bBrand}`]) {
      const res = await api('get', path, a.cookies.admin).expect(200);
      expect(JSON.stringify(res.body)).not.toContain(bTpl.id);
      expect(JSON.stringify(res.body)).not.toContain('zebrafish-b');
    }
    expect(diffDb(before, await settledSnapshot(t)).filter((d) => d.table !== 'audit_event')).toEqual([]);
    const svc = t.app.get(TemplatesService);
    expect(await svc.findOne(a.workspaceId, bTpl.id)).toBeNull();
    expect(await svc.findOne(b.workspaceId, bTpl.id)).toMatchObject({ id: bTpl.id, title: 'B only', brandId: bBrand });
  });

  it('stores attacker-chosen text verbatim and answers JSON (the dashboard renders it as text)', async () => {
    const title = '<script>alert(1)</script>';
    const body = '<img src=x onerror=alert(1)> {{author.name | "<b>there</b>"}}';
    const res = await api('post', '/api/templates', a.cookies.manager, { brandId: acme, title, body }).expect(201);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ title, body });
  });

  it('deleting a brand deletes its templates (they cannot outlive it)', async () => {
    const brand = (await api('post', '/api/brands', a.cookies.manager, { name: 'Short-lived' }).expect(201)).body as { id: string };
    const tpl = (await api('post', '/api/templates', a.cookies.manager, { brandId: brand.id, title: 'Doomed', body: 'x' }).expect(201)).body as ReplyTemplate;
    await api('delete', `/api/brands/${brand.id}`, a.cookies.manager).expect(204);
    await api('get', `/api/templates/${tpl.id}`, a.cookies.manager).expect(404);
    expect(rowsOf(await t.dataSource.query(`SELECT count(*)::int AS n FROM reply_template WHERE brand_id = $1`, [brand.id]))[0]!.n).toBe(0);
  });
});

describe('demo workspace seed (integration)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SOCIAL_SIM_URL: 'http://127.0.0.1:4100' });
  });
  afterAll(() => t.close());

  it('gives the demo brand its starter templates and leaves its voice guide on the default (no row)', async () => {
    const cookie = await loginAs(t, TEST_ADMIN.email, TEST_ADMIN.password);
    const brands = (await request(t.server).get('/api/brands').set('Cookie', cookie).expect(200)).body as { items: Array<{ id: string; name: string }> };
    const acme = brands.items.find((x) => x.name === 'Acme')!;
    const list = (await request(t.server).get(`/api/templates?brandId=${acme.id}`).set('Cookie', cookie).expect(200)).body as { items: ReplyTemplate[] };
    expect(list.items.map((x) => x.shortcut).sort()).toEqual(DEMO_TEMPLATES.map((x) => x.shortcut).sort());
    expect(list.items.every((x) => x.brandId === acme.id)).toBe(true);
    const voice = await request(t.server).get(`/api/brands/${acme.id}/voice`).set('Cookie', cookie).expect(200);
    expect(voice.body).toMatchObject({ customised: false });
    expect(rowsOf(await t.dataSource.query(`SELECT count(*)::int AS n FROM voice_guide`))[0]!.n).toBe(0);
  });
});
