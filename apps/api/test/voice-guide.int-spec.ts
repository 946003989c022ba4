import request from 'supertest';
import { VoiceGuideSchema, type VoiceGuide } from '@earshot/contracts';
import { DEFAULT_VOICE_GUIDE } from '@earshot/voice';
import { AuditEventEntity } from '../src/modules/audit/audit-event.entity.js';
import { VoiceGuideService } from '../src/modules/voice/voice-guide.service.js';
import { InboxFixture } from './factories/inbox.fixture.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { diffDb, snapshotDb } from './utils/db-snapshot.js';

const rowsOf = (r: unknown) => (Array.isArray((r as unknown[])[0]) ? (r as unknown[][])[0] : r) as Array<Record<string, unknown>>;

/** `GET|PUT|DELETE /api/brands/:id/voice` (issue 13 item 2): one guide per own brand, the shipped default until saved. */
describe('brand voice guide (integration)', () => {
  let t: TestApp;
  let a: InboxFixture;
  let b: InboxFixture;
  let acme: string;
  let bBrand: string;
  let guides: VoiceGuideService;

  const brandOf = async (f: InboxFixture) => String(rowsOf(await t.dataSource.query(`SELECT id FROM brand WHERE workspace_id = $1`, [f.workspaceId]))[0]!.id);
  const api = (method: 'get' | 'put' | 'delete', path: string, cookie: string, body?: unknown) => {
    const req = request(t.server)[method](path).set('Cookie', cookie);
    return body === undefined ? req : req.send(body as object);
  };
  const audits = (action: string, brandId: string) =>
    t.dataSource.getRepository(AuditEventEntity).find({ where: { action, targetId: brandId }, order: { createdAt: 'ASC' } });
  const newBrand = async (name: string, kind: 'own' | 'competitor' = 'own') =>
    ((await request(t.server).post('/api/brands').set('Cookie', a.cookies.manager).send({ name, kind }).expect(201)).body as { id: string }).id;

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    a = await InboxFixture.create(t, 'Voice A');
    b = await InboxFixture.create(t, 'Voice B');
    acme = await brandOf(a);
    bBrand = await brandOf(b);
    guides = t.app.get(VoiceGuideService);
  });
  afterAll(() => t.close());

  it('answers the shipped default with customised: false until a guide is saved, to every role', async () => {
    for (const role of ['admin', 'manager', 'agent', 'trainee', 'viewer'] as const) {
      const res = await api('get', `/api/brands/${acme}/voice`, a.cookies[role]).expect(200);
      const guide = VoiceGuideSchema.parse(res.body);
      expect(guide).toEqual({ ...DEFAULT_VOICE_GUIDE, brandId: acme, customised: false, updatedAt: null, updatedBy: null });
    }
    expect(await guides.guideFor(a.workspaceId, acme)).toEqual(DEFAULT_VOICE_GUIDE);
    expect(rowsOf(await t.dataSource.query(`SELECT count(*)::int AS n FROM voice_guide`))[0]!.n).toBe(0);
  });

  it('a manager saves a guide; fields left out take their defaults; GET, guideFor and the audit log show it', async () => {
    const brand = await newBrand('Saved Co');
    const body = {
      bannedPhrases: [{ phrase: 'valued customer', suggestion: 'you' }],
      promisePhrases: ['refund'],
      requiredElements: { complaint: ['apologise', 'next_step'] },
      limits: { maxExclamations: 0 },
      signOff: '– {{agent.first_name}}',
    };
    const saved = (await api('put', `/api/brands/${brand}/voice`, a.cookies.manager, body).expect(200)).body as VoiceGuide;
    expect(saved).toMatchObject({
      brandId: brand,
      customised: true,
      bannedPhrases: [{ phrase: 'valued customer', suggestion: 'you', severity: 'block' }],
      blamePhrases: [],
      promisePhrases: ['refund'],
      limits: { maxExclamations: 0, maxEmoji: 1, maxCapsWords: 0, readingGradeMax: 9 },
      signOff: '– {{agent.first_name}}',
      updatedBy: { id: a.users.manager.id, name: 'manager user' },
    });
    expect(Date.parse(saved.updatedAt!)).not.toBeNaN();
    const read = (await api('get', `/api/brands/${brand}/voice`, a.cookies.viewer).expect(200)).body as VoiceGuide;
    expect(read).toEqual(saved);
    const { brandId: _b, customised: _c, updatedAt: _u, updatedBy: _e, ...bodyOnly } = saved;
    expect(await guides.guideFor(a.workspaceId, brand)).toEqual(bodyOnly);
    // Other brands keep the default.
    expect(await guides.guideFor(a.workspaceId, acme)).toEqual(DEFAULT_VOICE_GUIDE);
    const [event] = await audits('voice_guide.updated', brand);
    expect(event).toMatchObject({ actorUserId: a.users.manager.id, workspaceId: a.workspaceId, data: { brand: 'Saved Co', wasCustomised: false } });
    expect((event!.data as { changed: string[] }).changed).toEqual(
      expect.arrayContaining(['bannedPhrases', 'blamePhrases', 'promisePhrases', 'requiredElements', 'signOff', 'limits']),
    );
    // A second save records only what changed.
    await api('put', `/api/brands/${brand}/voice`, a.cookies.admin, { ...body, promisePhrases: ['refund', 'voucher'] }).expect(200);
    expect((await audits('voice_guide.updated', brand)).at(-1)).toMatchObject({
      actorUserId: a.users.admin.id,
      data: { changed: ['promisePhrases'], wasCustomised: true },
    });
  });

  it('resets to the default with DELETE (204), audited once; a second DELETE is a quiet no-op', async () => {
    const brand = await newBrand('Reset Co');
    await api('put', `/api/brands/${brand}/voice`, a.cookies.manager, { blamePhrases: ['your fault'] }).expect(200);
    await api('delete', `/api/brands/${brand}/voice`, a.cookies.manager).expect(204);
    const res = (await api('get', `/api/brands/${brand}/voice`, a.cookies.agent).expect(200)).body as VoiceGuide;
    expect(res).toMatchObject({ customised: false, updatedAt: null, updatedBy: null, blamePhrases: DEFAULT_VOICE_GUIDE.blamePhrases });
    expect(await guides.guideFor(a.workspaceId, brand)).toEqual(DEFAULT_VOICE_GUIDE);
    await api('delete', `/api/brands/${brand}/voice`, a.cookies.admin).expect(204);
    expect(await audits('voice_guide.reset', brand)).toEqual([expect.objectContaining({ actorUserId: a.users.manager.id, data: { brand: 'Reset Co' } })]);
  });

  it('says clearly what is wrong with a guide, and saves nothing', async () => {
    const before = await snapshotDb(t.dataSource);
    const cases: Array<[Record<string, unknown>, Array<{ path: string; message: string | RegExp }>]> = [
      [{ bannedPhrases: [{ phrase: '' }] }, [{ path: 'bannedPhrases.0.phrase', message: 'is required' }]],
      [{ bannedPhrases: [{ phrase: 'x', severity: 'loud' }] }, [{ path: 'bannedPhrases.0.severity', message: 'must be one of block, warn' }]],
      [{ requiredElements: { complaint: ['hug'] } }, [{ path: 'requiredElements.complaint.0', message: /must be one of acknowledge, apologise/ }]],
      [{ limits: { maxExclamations: -1 } }, [{ path: 'limits.maxExclamations', message: 'must be 0 or more' }]],
      [{ limits: { readingGradeMax: 40 } }, [{ path: 'limits.readingGradeMax', message: 'must be a school grade from 1 to 20' }]],
      [{ limits: { shout: 3 } }, [{ path: 'limits.shout', message: 'is not an accepted field' }]],
      [{ rules: { banned_phrase: 'loud' } }, [{ path: 'rules.banned_phrase', message: 'must be one of block, warn, off' }]],
      [{ rules: { 'Bad Id': 'off' } }, [{ path: 'rules.Bad Id', message: 'must be a rule id' }]],
      [
        { rules: { shouting: 'off', no_such_rule: 'warn' } },
        [{ path: 'rules.no_such_rule', message: /^is not a rule; the rules are empty, .*banned_phrase.*reading_level$/ }],
      ],
      [{ tone: 'friendly' }, [{ path: 'tone', message: 'is not an accepted field' }]],
      [{ blamePhrases: 'your fault' }, [{ path: 'blamePhrases', message: /expected array/i }]],
    ];
    for (const [body, issues] of cases) {
      const res = await api('put', `/api/brands/${acme}/voice`, a.cookies.manager, body).expect(400);
      const got = res.body.issues as Array<{ path: string; message: string }>;
      expect({ body, paths: got.map((i) => i.path) }).toEqual({ body, paths: issues.map((i) => i.path) });
      issues.forEach((want, k) =>
        expect({ body, message: got[k]!.message }).toEqual({
          body,
          message: typeof want.message === 'string' ? want.message : expect.stringMatching(want.message),
        }),
      );
    }
    expect(diffDb(before, await snapshotDb(t.dataSource))).toEqual([]);
  });

  it('lets every role read and only managers and admins save or reset', async () => {
    const brand = await newBrand('Roles Co');
    for (const role of ['agent', 'trainee', 'viewer'] as const) {
      await api('get', `/api/brands/${brand}/voice`, a.cookies[role]).expect(200);
      const put = await api('put', `/api/brands/${brand}/voice`, a.cookies[role], {}).expect(403);
      expect(put.body.message).toMatch(/manager/);
      await api('delete', `/api/brands/${brand}/voice`, a.cookies[role]).expect(403);
    }
    expect(rowsOf(await t.dataSource.query(`SELECT count(*)::int AS n FROM voice_guide WHERE brand_id = $1`, [brand]))[0]!.n).toBe(0);
    await request(t.server).get(`/api/brands/${brand}/voice`).expect(401);
  });

  it("never reads or changes another workspace's guide: 404 for its brand, and guideFor does not cross workspaces", async () => {
    await api('put', `/api/brands/${bBrand}/voice`, b.cookies.manager, { blamePhrases: ['zebrafish-only-in-b'] }).expect(200);
    const before = await snapshotDb(t.dataSource);
    for (const [method, body] of [['get'], ['put', {}], ['delete']] as const) {
      const res = await api(method, `/api/brands/${bBrand}/voice`, a.cookies.admin, body).expect(404);
      expect(JSON.stringify(res.body)).not.toContain('zebrafish-only-in-b');
      expect(res.body.message).toBe('No such brand in this workspace.');
    }
    await api('get', `/api/brands/00000000-0000-4000-8000-000000000000/voice`, a.cookies.admin).expect(404);
    expect(diffDb(before, await snapshotDb(t.dataSource)).filter((d) => d.table !== 'audit_event')).toEqual([]);
    expect(await guides.guideFor(a.workspaceId, bBrand)).toEqual(DEFAULT_VOICE_GUIDE);
    expect((await guides.guideFor(b.workspaceId, bBrand)).blamePhrases).toEqual(['zebrafish-only-in-b']);
  });

  it('has no guide for a competitor (400 saying so)', async () => {
    const rival = await newBrand('Rival Voice', 'competitor');
    for (const [method, body] of [['get'], ['put', {}], ['delete']] as const) {
      const res = await api(method, `/api/brands/${rival}/voice`, a.cookies.manager, body).expect(400);
      expect(res.body.message).toBe('Rival Voice is a competitor: voice guides are for your own brands.');
    }
  });

  it('keeps phrases as the manager typed them (markup stays text) and goes when its brand is deleted', async () => {
    const brand = await newBrand('Doomed Voice');
    const phrase = '<script>alert(1)</script>';
    const res = await api('put', `/api/brands/${brand}/voice`, a.cookies.manager, { bannedPhrases: [{ phrase, suggestion: '<b>hi</b>' }] }).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.bannedPhrases).toEqual([{ phrase, suggestion: '<b>hi</b>', severity: 'block' }]);
    await request(t.server).delete(`/api/brands/${brand}`).set('Cookie', a.cookies.manager).expect(204);
    expect(rowsOf(await t.dataSource.query(`SELECT count(*)::int AS n FROM voice_guide WHERE brand_id = $1`, [brand]))[0]!.n).toBe(0);
  });

  it('orders two saves at once: both succeed, the row holds one of them whole', async () => {
    const brand = await newBrand('Race Voice');
    const one = { blamePhrases: ['first'], promisePhrases: ['first'] };
    const two = { blamePhrases: ['second'], promisePhrases: ['second'] };
    const res = await Promise.all([
      api('put', `/api/brands/${brand}/voice`, a.cookies.manager, one),
      api('put', `/api/brands/${brand}/voice`, a.cookies.admin, two),
    ]);
    expect(res.map((r) => r.status)).toEqual([200, 200]);
    const g = await guides.guideFor(a.workspaceId, brand);
    expect([JSON.stringify([g.blamePhrases, g.promisePhrases])]).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\[\["(first|second)"\],\["\1"\]\]$/)]),
    );
    expect(await audits('voice_guide.updated', brand)).toHaveLength(2);
  });
});
