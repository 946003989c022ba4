import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { RecurringQuestions, SuggestionsPage } from '@earshot/contracts';
import { InboxFixture } from './factories/inbox.fixture.js';
import { MentionFactory } from './factories/mention.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

const HOUR = 3_600_000;

interface Row {
  key: string;
  author: string;
  hoursAgo: number;
  text: string;
  intent: string | null;
  corrected?: Record<string, string>;
  spam?: boolean;
}

// Questions: the delivery-address one from a1…a4 (a1 twice), the Canada one from b1…b3 (b3's intent corrected to question),
// the offline one from two authors; left out: a corrected-away question, a spam one, one 8 days old.
const QUESTIONS: Row[] = [
  { key: 'qa1', author: 'a1', hoursAgo: 30, text: '@acme how do I change the delivery address on my order?', intent: 'question' },
  { key: 'qa2', author: 'a2', hoursAgo: 20, text: '@acme can i change delivery address after i ordered??', intent: 'question' },
  { key: 'qa3', author: 'a3', hoursAgo: 10, text: 'Is it possible to change my delivery address @acme', intent: 'question' },
  { key: 'qa4', author: 'a4', hoursAgo: 5, text: '@acme changed my mind about the delivery address - can it be changed after ordering?', intent: 'question' },
  { key: 'qa5', author: 'a1', hoursAgo: 2, text: '@acme still need to change the delivery address on my order, how?', intent: 'question' },
  { key: 'qb1', author: 'b1', hoursAgo: 40, text: '@acme do you ship to Canada?', intent: 'question' },
  { key: 'qb2', author: 'b2', hoursAgo: 12, text: '@acme are you shipping to canada yet', intent: 'question' },
  { key: 'qb3', author: 'b3', hoursAgo: 3, text: '@acme any plans to ship orders to Canada?', intent: 'complaint', corrected: { intent: 'question' } },
  { key: 'qc1', author: 'c1', hoursAgo: 8, text: '@acme does the app work offline?', intent: 'question' },
  { key: 'qc2', author: 'c2', hoursAgo: 9, text: '@acme will the acme app work offline?', intent: 'question' },
  { key: 'qx1', author: 'x1', hoursAgo: 6, text: '@acme how can I change the delivery address?', intent: 'question', corrected: { intent: 'complaint' } },
  { key: 'qx2', author: 'x2', hoursAgo: 6, text: '@acme change delivery address how', intent: 'question', spam: true },
  { key: 'qx3', author: 'x3', hoursAgo: 8 * 24, text: '@acme can I change the delivery address of my order', intent: 'question' },
];
// Suggestions s1 (newest) … s5 (oldest); s4's intent corrected to suggestion; left out: a suggestion corrected away, a spam one.
const SUGGESTIONS: Row[] = [
  { key: 's1', author: 'd1', hoursAgo: 1, text: '@acme please add a dark mode', intent: 'suggestion' },
  { key: 's2', author: 'd2', hoursAgo: 26, text: '@acme it would be great to save two addresses', intent: 'suggestion' },
  { key: 's3', author: 'd3', hoursAgo: 50, text: '@acme you should open a store in Leeds', intent: 'suggestion' },
  { key: 's4', author: 'd4', hoursAgo: 75, text: '@acme an app widget for tracking would help', intent: 'other', corrected: { intent: 'suggestion' } },
  { key: 's5', author: 'd5', hoursAgo: 100, text: '@acme add Apple Pay please', intent: 'suggestion' },
  { key: 'sx1', author: 'd6', hoursAgo: 2, text: '@acme idea: refunds faster', intent: 'suggestion', corrected: { intent: 'complaint' } },
  { key: 'sx2', author: 'd7', hoursAgo: 2, text: '@acme add crypto payments now', intent: 'suggestion', spam: true },
];

describe('insights: recurring questions and suggestions (integration)', () => {
  let t: TestApp;
  let a: InboxFixture;
  let b: InboxFixture;
  let brandId: string;
  let now: number;
  const ids: Record<string, string> = {};
  const id = (key: string) => ids[key]!;

  const store = async (f: InboxFixture, rows: Row[], keep: boolean) => {
    const built = rows.map((r) =>
      MentionFactory.from({
        text: r.text,
        author: {
          externalId: `ext-${r.author}`,
          handle: `${r.author}@m.example`,
          displayName: r.author,
          followers: 1,
          avatarUrl: null,
          verified: false,
          bot: false,
        },
      }).build(),
    );
    const stored = await f.store(built);
    expect(stored).toHaveLength(rows.length);
    for (const [i, r] of rows.entries()) {
      if (keep) ids[r.key] = stored[i]!;
      await t.dataSource.query(`UPDATE mention SET posted_at = $2, intent = $3, corrected = $4::jsonb, spam = $5 WHERE id = $1`, [
        stored[i],
        new Date(now - r.hoursAgo * HOUR).toISOString(),
        r.intent,
        JSON.stringify(r.corrected ?? {}),
        r.spam ?? false,
      ]);
    }
  };
  const get = (path: string, cookie = a.cookies.viewer) => request(t.server).get(path).set('Cookie', cookie);

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    a = await InboxFixture.create(t, 'Insights A');
    b = await InboxFixture.create(t, 'Insights B');
    brandId = ((await t.dataSource.query(`SELECT id FROM brand WHERE workspace_id = $1`, [a.workspaceId])) as Array<{ id: string }>)[0]!.id;
    now = Date.now();
    await store(a, [...QUESTIONS, ...SUGGESTIONS], true);
    // Workspace B asks the Canada question five more times and makes suggestions: none of it may show in A.
    await store(
      b,
      [
        ...QUESTIONS.filter((q) => q.key.startsWith('qb')),
        ...QUESTIONS.filter((q) => q.key.startsWith('qb')).map((q) => ({ ...q, author: `${q.author}b` })),
        ...SUGGESTIONS,
      ],
      false,
    );
  }, 120_000);
  afterAll(() => t?.close());

  it('rejects anonymous callers and bad queries with words', async () => {
    await request(t.server).get('/api/insights/recurring-questions').expect(401);
    await request(t.server).get('/api/insights/suggestions').expect(401);
    const bad = await get('/api/insights/recurring-questions?days=0&minAuthors=1').expect(400);
    expect(bad.body.message).toMatch(/days must be at least 1/);
    expect((await get('/api/insights/suggestions?cursor=bm90LWEtY3Vyc29y').expect(400)).body.message).toBe(
      'Invalid request: cursor is not one this list gave out: start again without it',
    );
    const order = await get(`/api/insights/suggestions?from=${new Date(now).toISOString()}&to=${new Date(now - HOUR).toISOString()}`).expect(400);
    expect(order.body.message).toBe('Invalid request: from must be before to');
  });

  it('finds the same question from at least minAuthors authors in the last days (corrections win, spam out), most authors first', async () => {
    const r = (await get('/api/insights/recurring-questions?days=7&minAuthors=3').expect(200)).body as RecurringQuestions;
    expect(new Date(r.range.to).getTime() - new Date(r.range.from).getTime()).toBe(7 * 24 * HOUR);
    // In the week: qa1…qa5, qb1…qb3, qc1, qc2 (qx1 corrected away, qx2 spam, qx3 too old).
    expect(r.scanned).toBe(10);
    expect(r.items.map((i) => [i.authors, i.mentions, [...i.mentionIds].sort()])).toEqual([
      [4, 5, [id('qa1'), id('qa2'), id('qa3'), id('qa4'), id('qa5')].sort()],
      [3, 3, [id('qb1'), id('qb2'), id('qb3')].sort()],
    ]);
    const address = r.items[0]!;
    expect(address.mentionIds).toEqual([id('qa5'), id('qa4'), id('qa3'), id('qa2'), id('qa1')]); // newest first
    expect([id('qa1'), id('qa2'), id('qa3'), id('qa4'), id('qa5')]).toContain(address.representativeId);
    expect(address.question).toBe(QUESTIONS.find((q) => ids[q.key] === address.representativeId)!.text);
    expect(address.terms.slice(0, 3).sort()).toEqual(['address', 'change', 'delivery']);
    expect(address.sample.map((m) => m.id)).toEqual([id('qa5'), id('qa4'), id('qa3')]); // newest of different authors
    expect(address.firstPostedAt).toBe(new Date(now - 30 * HOUR).toISOString());
    expect(address.lastPostedAt).toBe(new Date(now - 2 * HOUR).toISOString());
  });

  it('minAuthors, days and the brand filter change what counts', async () => {
    const two = (await get('/api/insights/recurring-questions?days=7&minAuthors=2').expect(200)).body as RecurringQuestions;
    expect(two.items.map((i) => [i.authors, i.mentions])).toEqual([
      [4, 5],
      [3, 3],
      [2, 2], // the offline question
    ]);
    const tenDays = (await get('/api/insights/recurring-questions?days=10').expect(200)).body as RecurringQuestions;
    expect(tenDays.items.map((i) => [i.authors, i.mentions])).toEqual([
      [5, 6], // qx3 (8 days ago) joins
      [3, 3],
    ]);
    const brand = (await get(`/api/insights/recurring-questions?brandId=${brandId}`).expect(200)).body as RecurringQuestions;
    expect(brand.items).toHaveLength(2);
    const other = (await get(`/api/insights/recurring-questions?brandId=${randomUUID()}`).expect(200)).body as RecurringQuestions;
    expect(other).toMatchObject({ scanned: 0, items: [] });
    const inB = (await get('/api/insights/recurring-questions', b.cookies.viewer).expect(200)).body as RecurringQuestions;
    expect(inB.items.map((i) => [i.authors, i.mentions])).toEqual([[6, 6]]);
  });

  it('lists suggestions newest first, a page at a time (corrections win, spam out), within from/to', async () => {
    const p1 = (await get('/api/insights/suggestions?limit=2').expect(200)).body as SuggestionsPage;
    expect(p1.total).toBe(5);
    expect(p1.items.map((m) => m.id)).toEqual([id('s1'), id('s2')]);
    expect(p1.items[0]!.intent).toBe('suggestion');
    const p2 = (await get(`/api/insights/suggestions?limit=2&cursor=${p1.nextCursor}`).expect(200)).body as SuggestionsPage;
    expect(p2.items.map((m) => m.id)).toEqual([id('s3'), id('s4')]);
    expect(p2.items[1]!.corrected).toEqual({ intent: 'suggestion' });
    const p3 = (await get(`/api/insights/suggestions?limit=2&cursor=${p2.nextCursor}`).expect(200)).body as SuggestionsPage;
    expect(p3).toMatchObject({ total: 5, nextCursor: null });
    expect(p3.items.map((m) => m.id)).toEqual([id('s5')]);
    // [now − 80 h, now − 20 h): s2, s3, s4.
    const from = new Date(now - 80 * HOUR).toISOString();
    const to = new Date(now - 20 * HOUR).toISOString();
    const ranged = (await get(`/api/insights/suggestions?from=${from}&to=${to}`).expect(200)).body as SuggestionsPage;
    expect(ranged).toMatchObject({ total: 3, nextCursor: null });
    expect(ranged.items.map((m) => m.id)).toEqual([id('s2'), id('s3'), id('s4')]);
    const inB = (await get('/api/insights/suggestions', b.cookies.viewer).expect(200)).body as SuggestionsPage;
    expect(inB.total).toBe(5);
    expect(inB.items.some((m) => Object.values(ids).includes(m.id))).toBe(false);
  });
});
