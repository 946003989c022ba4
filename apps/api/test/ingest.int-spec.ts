import request from 'supertest';
import { IngestService, type LeasedSource } from '../src/modules/ingest/ingest.service.js';
import { LeaseLostError } from '../src/modules/ingest/lease-lost.error.js';
import { MentionEntity } from '../src/modules/mentions/mention.entity.js';
import { AuthorEntity } from '../src/modules/mentions/author.entity.js';
import { SourceEntity } from '../src/modules/sources/source.entity.js';
import { MentionFactory } from './factories/mention.factory.js';
import { WorkspaceFactory, loginAs } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

describe('ingest: one page, one transaction (integration)', () => {
  let t: TestApp;
  let admin: string;
  let workspaceId: string;
  let sourceId: string;

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    const ws = await WorkspaceFactory.create(t, 'Ingest');
    workspaceId = ws.id;
    const users = await WorkspaceFactory.withAllRoles(t, ws.id);
    admin = await loginAs(t, users.admin.email);
    const brand = await request(t.server)
      .post('/api/brands')
      .set('Cookie', admin)
      .send({ name: 'Acme', handles: ['@acme'] })
      .expect(201);
    await request(t.server)
      .post('/api/listening-queries')
      .set('Cookie', admin)
      .send({ brandId: brand.body.id, name: 'Acme', query: '@acme OR acme', topic: 'support' })
      .expect(201);
    const src = await request(t.server)
      .post('/api/sources')
      .set('Cookie', admin)
      .send({
        name: 'Mastodon mentions',
        platform: 'mastodon',
        baseUrl: 'http://127.0.0.1:9',
        streamKind: 'notifications',
        credentials: { accessToken: 'secret-token-value' },
      })
      .expect(201);
    sourceId = src.body.id;
  });
  afterAll(() => t.close());

  const lease = async () => {
    const token = (await t.dataSource.query(
      `UPDATE source SET lease_token = gen_random_uuid(), leased_until = now() + interval '1 minute' WHERE id = $1 RETURNING lease_token`,
      [sourceId],
    )) as unknown;
    const rows = (Array.isArray((token as unknown[])[0]) ? (token as unknown[][])[0] : token) as Array<{ lease_token: string }>;
    return { id: sourceId, workspaceId, platform: 'mastodon', leaseToken: rows[0]!.lease_token };
  };
  const count = () => t.dataSource.getRepository(MentionEntity).count({ where: { workspaceId } });

  it('stores matching mentions with scores, drops the rest, and saves the cursor with them', async () => {
    const page = [
      MentionFactory.from({ text: '@acme my flight was cancelled and nobody answers' }).build(),
      MentionFactory.from({ text: 'I love my new acme kettle' }).build(),
      MentionFactory.from({ text: 'nothing to do with us' }).build(),
    ];
    const out = await t.app.get(IngestService).storePage(await lease(), { mentions: page, nextCursor: { minId: '3' }, more: false, rateLimit: null });
    expect(out).toMatchObject({ fetched: 3, matched: 2, inserted: 2 });
    const rows = await t.dataSource.getRepository(MentionEntity).find({ where: { workspaceId }, order: { text: 'ASC' } });
    expect(rows.map((r) => r.text)).toEqual(['@acme my flight was cancelled and nobody answers', 'I love my new acme kettle']);
    for (const r of rows) {
      expect(r.topics).toEqual(['support']);
      expect(r.sentimentLabel).toMatch(/^(negative|neutral|positive)$/);
      expect(r.urgencyScore).toBeGreaterThanOrEqual(0);
      expect(r.urgencyLevel).toMatch(/^(low|medium|high|critical)$/);
    }
    const source = await t.dataSource.getRepository(SourceEntity).findOneByOrFail({ id: sourceId });
    expect(source.cursor).toEqual({ minId: '3' });
  });

  it('never stores a mention twice: in one page, across pages, or replayed', async () => {
    const before = await count();
    const a = MentionFactory.from({ text: 'acme again' }).build();
    const b = MentionFactory.from({ text: 'acme once more' }).build();
    const svc = t.app.get(IngestService);
    const first = await svc.storePage(await lease(), { mentions: [a, b, a], nextCursor: { minId: '5' }, more: false, rateLimit: null });
    expect(first.inserted).toBe(2);
    const replay = await svc.storePage(await lease(), { mentions: [b, a], nextCursor: { minId: '5' }, more: false, rateLimit: null });
    expect(replay.inserted).toBe(0);
    expect(await count()).toBe(before + 2);
  });

  it('writes nothing when the lease was taken over (fencing token)', async () => {
    const stale = await lease();
    await lease(); // another instance takes over
    const before = await count();
    await expect(
      t.app
        .get(IngestService)
        .storePage(stale, { mentions: [MentionFactory.from({ text: 'acme late write' }).build()], nextCursor: { minId: '999' }, more: false, rateLimit: null }),
    ).rejects.toBeInstanceOf(LeaseLostError);
    expect(await count()).toBe(before);
    const source = await t.dataSource.getRepository(SourceEntity).findOneByOrFail({ id: sourceId });
    expect(source.cursor).not.toEqual({ minId: '999' });
  });

  it('keeps one author row per platform account, with their latest profile', async () => {
    const author = { externalId: 'repeat-1', handle: 'repeat@mastodon.example', displayName: 'R', followers: 5, avatarUrl: null, verified: false, bot: false };
    await t.app.get(IngestService).storePage(await lease(), {
      mentions: [
        MentionFactory.from({ text: 'acme one', author }).build(),
        MentionFactory.from({ text: 'acme two', author: { ...author, followers: 9 } }).build(),
      ],
      nextCursor: null,
      more: false,
      rateLimit: null,
    });
    const rows = await t.dataSource.getRepository(AuthorEntity).find({ where: { workspaceId, externalId: 'repeat-1' } });
    expect(rows).toHaveLength(1);
    expect(await t.dataSource.getRepository(MentionEntity).count({ where: { authorId: rows[0]!.id } })).toBe(2);
    expect(rows[0]!.followers).toBe(9);
  });

  it('never returns or stores credentials in clear', async () => {
    const list = await request(t.server).get('/api/sources').set('Cookie', admin).expect(200);
    expect(JSON.stringify(list.body)).not.toContain('secret-token-value');
    expect(list.body.items[0].credentialFields).toEqual(['accessToken']);
    const raw = (await t.dataSource.query(`SELECT credentials_ciphertext FROM source WHERE id = $1`, [sourceId])) as Array<{ credentials_ciphertext: string }>;
    expect(raw[0]!.credentials_ciphertext).not.toContain('secret-token-value');
    expect(raw[0]!.credentials_ciphertext).toMatch(/^v2\./);
  });

  it('refuses a source address on a private network unless allowed', async () => {
    const res = await request(t.server)
      .post('/api/sources')
      .set('Cookie', admin)
      .send({ name: 'Metadata', platform: 'mastodon', baseUrl: 'http://169.254.169.254/latest', streamKind: 'notifications' })
      .expect(400);
    expect(res.body.issues[0]).toMatchObject({ path: 'baseUrl', message: expect.stringMatching(/private or local address/) });
  });

  it('reports a malformed query with its position', async () => {
    const brands = await request(t.server).get('/api/brands').set('Cookie', admin).expect(200);
    const res = await request(t.server)
      .post('/api/listening-queries')
      .set('Cookie', admin)
      .send({ brandId: brands.body.items[0].id, name: 'Bad', query: 'acme AND (refund' })
      .expect(400);
    expect(res.body.issues[0]).toMatchObject({ path: 'query', message: expect.stringMatching(/never closed/), position: 9 });
    const v = await request(t.server).post('/api/listening-queries/validate').set('Cookie', admin).send({ query: 'acme OR' }).expect(200);
    expect(v.body).toEqual({ valid: false, error: { message: expect.stringMatching(/OR needs a term/), position: 7 } });
  });
});

describe('ingest: hostile characters', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
  });
  afterAll(() => t.close());

  /** A workspace listening for "acme" with a Mastodon source whose lease this test holds. */
  async function leasedSource(name: string): Promise<LeasedSource> {
    const ws = await WorkspaceFactory.create(t, name);
    const admin = await loginAs(t, (await WorkspaceFactory.withAllRoles(t, ws.id)).admin.email);
    const brand = await request(t.server).post('/api/brands').set('Cookie', admin).send({ name: 'Acme' }).expect(201);
    await request(t.server).post('/api/listening-queries').set('Cookie', admin).send({ brandId: brand.body.id, name: 'Acme', query: 'acme' }).expect(201);
    const src = await request(t.server)
      .post('/api/sources')
      .set('Cookie', admin)
      .send({ name: 'S', platform: 'mastodon', baseUrl: 'http://127.0.0.1:9', streamKind: 'notifications', credentials: { accessToken: 'x' } })
      .expect(201);
    const token = (await t.dataSource.query(`UPDATE source SET lease_token = gen_random_uuid() WHERE id = $1 RETURNING lease_token`, [src.body.id])) as unknown;
    const rows = (Array.isArray((token as unknown[])[0]) ? (token as unknown[][])[0] : token) as Array<{ lease_token: string }>;
    return { id: src.body.id, workspaceId: ws.id, platform: 'mastodon', leaseToken: rows[0]!.lease_token };
  }

  it('stores posts with NUL characters and broken emoji instead of failing the page', async () => {
    const source = await leasedSource('Hostile');
    const nasty = MentionFactory.from({
      text: 'acme \u0000 broke \uD83D',
      author: { externalId: 'n\u0000', handle: 'nul\u0000', displayName: '\uDE00', followers: 1, avatarUrl: null, verified: false, bot: false },
      raw: { body: 'x\u0000', ['k\u0000']: '\uD800' },
    }).build();
    const out = await t.app.get(IngestService).storePage(source, { mentions: [nasty], nextCursor: { minId: '1' }, more: false, rateLimit: null });
    expect(out.inserted).toBe(1);
    const stored = await t.dataSource.getRepository(MentionEntity).findOneByOrFail({ workspaceId: source.workspaceId });
    expect(stored.text).toBe('acme \uFFFD broke \uFFFD');
  });

  it('stores values longer than their columns, and treats ids that become the same stored id as one', async () => {
    const source = await leasedSource('Long');
    const longId = `at://did:plc:x/app.bsky.feed.post/${'k'.repeat(400)}`;
    const long = MentionFactory.from({
      externalId: longId,
      text: 'acme lost my bag',
      lang: 'x'.repeat(20),
      url: `https://example.com/${'p'.repeat(2100)}`,
      thread: { rootId: `${longId}-root`, parentId: `${longId}-parent` },
      author: { externalId: 'a'.repeat(300), handle: 'long', displayName: null, followers: 1, avatarUrl: null, verified: false, bot: false },
    }).build();
    const twinA = MentionFactory.from({ externalId: 'twin\u0000', text: 'acme twin one' }).build();
    const twinB = MentionFactory.from({ externalId: 'twin\uFFFD', text: 'acme twin two' }).build();
    const page = { mentions: [long, twinA, twinB], nextCursor: { minId: '1' }, more: false, rateLimit: null };
    const store = () => t.app.get(IngestService).storePage(source, page);
    expect((await store()).inserted).toBe(2);
    // The same page again (a platform repeating itself): nothing twice.
    expect((await store()).inserted).toBe(0);
    const rows = await t.dataSource.getRepository(MentionEntity).findBy({ workspaceId: source.workspaceId });
    expect(rows).toHaveLength(2);
    const stored = rows.find((r) => r.text === 'acme lost my bag')!;
    expect(stored.externalId.length).toBeLessThanOrEqual(255);
    expect(stored.externalId.startsWith(longId.slice(0, 180))).toBe(true);
    expect(stored.threadRootId).not.toBe(stored.externalId);
    expect(stored.platformLang).toBeNull();
    expect(stored.url).toBeNull();
  });
});
