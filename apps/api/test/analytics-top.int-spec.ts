import request from 'supertest';
import type { TopReport } from '@earshot/contracts';
import { AnalyticsTopRepository } from '../src/modules/analytics/analytics-top.repository.js';
import { AnalyticsService } from '../src/modules/analytics/analytics.service.js';
import { InboxFixture } from './factories/inbox.fixture.js';
import { MentionFactory } from './factories/mention.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * Top terms, hashtags and authors by reach on hand-counted fixtures (workspace in UTC, range
 * [2026-11-01, 2026-11-08)). Terms are counted once per mention; @handles, links, numbers and stop
 * words are left out; hashtags are lower-cased and listed without `#`.
 */
interface Post {
  text: string;
  at: string;
  author: { id: string; handle: string; followers: number | null; displayName?: string };
  spam?: boolean;
}

const B = { id: 'b', handle: 'bea@mastodon.example', followers: 5000 };
const E = { id: 'e', handle: 'eve@mastodon.example', followers: 700, displayName: 'Eve' };
const A = { id: 'a', handle: 'al@mastodon.example', followers: 100 };
const C = { id: 'c', handle: 'spammer@mastodon.example', followers: 90_000 };
const D = { id: 'd', handle: 'dee@mastodon.example', followers: 1_000_000 };
const N = { id: 'n', handle: 'nobody@mastodon.example', followers: null };

const POSTS: Post[] = [
  // t1: parcel, never, arrived · #delivery, #fail ("my" is a stop word, @acme a handle)
  { text: '@acme my parcel never arrived #delivery #fail', at: '2026-11-02T10:00:00Z', author: A },
  // t2 (both brands): parcel, late, rival, faster · #delivery ("again", "is" stop words)
  { text: '@acme parcel late again, rival is faster #Delivery', at: '2026-11-03T10:00:00Z', author: B },
  // t3: refund, parcel, damaged ("please", "the", "was" stop words; 42 a number)
  { text: '@acme refund please, the parcel was damaged 42', at: '2026-11-04T10:00:00Z', author: A },
  // t4: spam, left out unless includeSpam: parcel, buy, followers · #spam
  { text: '@acme parcel parcel buy followers #spam', at: '2026-11-05T10:00:00Z', author: C, spam: true },
  // t5: after the range
  { text: '@acme parcel', at: '2026-11-08T00:00:00Z', author: D },
  // t6: hyperlink, great, service (the link is left out)
  { text: '@acme =HYPERLINK("http://evil.example","x") great service https://t.co/abc', at: '2026-11-06T10:00:00Z', author: E },
  // t7: an author with no follower count (reach 0): acme
  { text: 'acme', at: '2026-11-07T10:00:00Z', author: N },
];

describe('analytics top terms, hashtags and authors (integration)', () => {
  let t: TestApp;
  let a: InboxFixture;
  let b: InboxFixture;
  let rivalId: string;
  const ids = new Map<string, string>();

  const store = async (f: InboxFixture, posts: Post[]) => {
    const built = posts.map((p) =>
      MentionFactory.from({
        text: p.text,
        author: {
          externalId: `${f.workspaceId}-${p.author.id}`,
          handle: p.author.handle,
          displayName: p.author.displayName ?? null,
          followers: p.author.followers,
          avatarUrl: null,
          verified: false,
          bot: false,
        },
      }).build(),
    );
    const stored = await f.store(built);
    expect(stored).toHaveLength(posts.length);
    for (const [i, p] of posts.entries())
      await t.dataSource.query(`UPDATE mention SET posted_at = $2, spam = $3 WHERE id = $1 AND workspace_id = $4`, [
        stored[i],
        p.at,
        p.spam ?? false,
        f.workspaceId,
      ]);
    return stored;
  };
  const top = async (qs: string, cookie = a.cookies.viewer) =>
    (await request(t.server).get(`/api/analytics/top?${qs}`).set('Cookie', cookie).expect(200)).body as TopReport;
  const RANGE = 'from=2026-11-01&to=2026-11-08';

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    a = await InboxFixture.create(t, 'Top A');
    b = await InboxFixture.create(t, 'Top B');
    const rival = await request(t.server)
      .post('/api/brands')
      .set('Cookie', a.cookies.admin)
      .send({ name: 'Rival', handles: ['@rival'], kind: 'competitor' })
      .expect(201);
    rivalId = rival.body.id as string;
    await request(t.server)
      .post('/api/listening-queries')
      .set('Cookie', a.cookies.admin)
      .send({ brandId: rivalId, name: 'Rival', query: 'rival', topic: 'competition' })
      .expect(201);
    const stored = await store(a, POSTS);
    stored.forEach((id, i) => ids.set(`t${i + 1}`, id));
    // B: the same posts twice over, with other authors; nothing of it may show in A's lists.
    await store(b, [...POSTS, ...POSTS.map((p) => ({ ...p, text: `${p.text} #other` }))]);
  }, 120_000);
  afterAll(() => t.close());

  it('counts terms and hashtags once per mention, spam and other ranges left out; authors by reach', async () => {
    const r = await top(RANGE);
    expect(r.range).toEqual({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-08T00:00:00.000Z', timeZone: 'UTC' });
    // t1, t2, t3, t6, t7. parcel: t1, t2, t3 → 3; every other term once, alphabetical.
    expect(r.terms).toEqual([
      { term: 'parcel', count: 3 },
      ...['acme', 'arrived', 'damaged', 'faster', 'great', 'hyperlink', 'late', 'never', 'refund', 'rival', 'service'].map((term) => ({ term, count: 1 })),
    ]);
    expect(r.hashtags).toEqual([
      { tag: 'delivery', count: 2 },
      { tag: 'fail', count: 1 },
    ]);
    // B 5,000 · E 700 · A 100 (two mentions) · N no count → 0. C (spam) and D (after the range) are not there.
    expect(r.authors.map((x) => [x.handle, x.reach, x.mentions, x.displayName, x.platform])).toEqual([
      [B.handle, 5000, 1, null, 'mastodon'],
      [E.handle, 700, 1, 'Eve', 'mastodon'],
      [A.handle, 100, 2, null, 'mastodon'],
      [N.handle, 0, 1, null, 'mastodon'],
    ]);
    expect(r.basis).toEqual({ mentions: 5, sampled: 5, sampledFrom: '2026-11-02T10:00:00.000Z' });
  });

  it('takes spam in with includeSpam=true, cuts each list at limit', async () => {
    const r = await top(`${RANGE}&includeSpam=true&limit=2`);
    // t4 adds parcel (once, though it says it twice), buy, followers and #spam; C's 90,000 lead the authors.
    expect(r.terms).toEqual([
      { term: 'parcel', count: 4 },
      { term: 'acme', count: 1 },
    ]);
    expect(r.hashtags).toEqual([
      { tag: 'delivery', count: 2 },
      { tag: 'fail', count: 1 },
    ]);
    expect(r.authors.map((x) => [x.handle, x.reach, x.mentions])).toEqual([
      [C.handle, 90000, 1],
      [B.handle, 5000, 1],
    ]);
    expect(r.basis).toMatchObject({ mentions: 6, sampled: 6 });
  });

  it('filters by brand (the queries a mention matched) like the other analytics routes', async () => {
    const r = await top(`${RANGE}&brandId=${rivalId}`);
    expect(r.terms).toEqual(['faster', 'late', 'parcel', 'rival'].map((term) => ({ term, count: 1 })));
    expect(r.hashtags).toEqual([{ tag: 'delivery', count: 1 }]);
    expect(r.authors.map((x) => x.handle)).toEqual([B.handle]);
    expect(r.basis).toEqual({ mentions: 1, sampled: 1, sampledFrom: '2026-11-03T10:00:00.000Z' });
    const none = await top(`${RANGE}&platform=bluesky`);
    expect(none).toMatchObject({ terms: [], hashtags: [], authors: [], basis: { mentions: 0, sampled: 0, sampledFrom: null } });
  });

  it('gives the same authors whether it probes the largest reaches first or groups the whole range', async () => {
    const auth = { userId: a.users.viewer.id, workspaceId: a.workspaceId, role: 'viewer' as const, sessionId: 'test', email: a.users.viewer.email };
    const repo = t.app.get(AnalyticsTopRepository);
    for (const includeSpam of [false, true])
      for (const limit of [1, 2, 3, 4, 5, 10]) {
        const { where } = await t.app.get(AnalyticsService).resolveFilters(auth, { from: '2026-11-01', to: '2026-11-08', includeSpam });
        // One candidate: the range is grouped (unless the one is enough); a thousand: the candidates are probed.
        const grouped = await repo.authorsByReach(where, limit, 1);
        const probed = await repo.authorsByReach(where, limit, 1000);
        expect({ includeSpam, limit, probed }).toEqual({ includeSpam, limit, probed: grouped });
        expect(probed.length).toBe(Math.min(limit, includeSpam ? 5 : 4));
      }
  });

  it("counts terms over the range's latest 5,000 mentions only, and says so in basis", async () => {
    // 5,010 more mentions in B on 2026-11-20, a minute apart: the 10 oldest say "stale", the 5,000 newest "fresh".
    const [template] = await b.store(['@acme sample template']);
    const cols = (
      (await t.dataSource.query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'mention' AND table_schema = current_schema() AND is_generated = 'NEVER' ORDER BY ordinal_position`,
      )) as Array<{ column_name: string }>
    ).map((c) => c.column_name);
    const over: Record<string, string> = {
      id: 'gen_random_uuid()',
      external_id: `'sample-' || g`,
      posted_at: `timestamptz '2026-11-20T00:00:00Z' + g * interval '1 minute'`,
      text: `CASE WHEN g <= 10 THEN '@acme stale words' ELSE '@acme fresh words #new' END`,
      spam: 'false',
    };
    const select = cols.map((c) => (over[c] ? `${over[c]} AS ${c}` : `m.${c}`)).join(', ');
    await t.dataSource.query(`INSERT INTO mention (${cols.join(', ')}) SELECT ${select} FROM mention m CROSS JOIN generate_series(1, 5010) g WHERE m.id = $1`, [
      template,
    ]);
    await t.dataSource.query(`DELETE FROM mention WHERE id = $1`, [template]);
    const r = await top('from=2026-11-20&to=2026-11-25&limit=3', b.cookies.viewer);
    expect(r.basis).toEqual({ mentions: 5010, sampled: 5000, sampledFrom: '2026-11-20T00:11:00.000Z' });
    expect(r.terms).toEqual([
      { term: 'fresh', count: 5000 },
      { term: 'words', count: 5000 },
    ]);
    expect(r.hashtags).toEqual([{ tag: 'new', count: 5000 }]);
    expect(r.authors).toHaveLength(1);
    expect(r.authors[0]!.mentions).toBe(5010);
  });

  it('rejects bad input with a message that says what to fix', async () => {
    const bad = async (qs: string) =>
      (await request(t.server).get(`/api/analytics/top?${qs}`).set('Cookie', a.cookies.viewer).expect(400)).body as { message: string };
    expect((await bad(`${RANGE}&limit=0`)).message).toMatch(/limit must be at least 1/);
    expect((await bad(`${RANGE}&limit=101`)).message).toMatch(/limit must be at most 100/);
    expect((await bad(`${RANGE}&limit=ten`)).message).toMatch(/limit must be a whole number from 1 to 100/);
    expect((await bad(`${RANGE}&brandId=${'0'.repeat(8)}-0000-4000-8000-000000000000`)).message).toMatch(/brandId unknown brand id/);
    expect((await bad('from=2026-11-08&to=2026-11-01')).message).toMatch(/from must be before to/);
    // Another workspace's brand is unknown here.
    const otherBrand = ((await t.dataSource.query(`SELECT id FROM brand WHERE workspace_id = $1`, [b.workspaceId])) as Array<{ id: string }>)[0]!.id;
    expect((await bad(`${RANGE}&brandId=${otherBrand}`)).message).toMatch(/unknown brand id/);
    await request(t.server).get(`/api/analytics/top?${RANGE}`).expect(401);
  });
});
