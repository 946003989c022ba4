import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import type { Role, ShareOfVoiceReport, TeamFigures, TeamReport, ThemesReport, TopReport, VolumeReport } from '@earshot/contracts';
import { InboxFixture } from './factories/inbox.fixture.js';
import { MentionFactory } from './factories/mention.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * Every analytics CSV against its JSON for the same query: each CSV is parsed with a real CSV
 * parser (csv-parse) and its cells compared with the JSON's values — numbers as numbers (negative
 * ones too), text as text, formula-like text (a brand, category, author handle or display name of
 * `=HYPERLINK(…)`, `@SUM(…)`, `-2+3`) with a `'` in front.
 */
const EVIL_BRAND = '=HYPERLINK("http://evil.example","Rival")';
const EVIL_CATEGORY = '=HYPERLINK("http://evil.example","cat")';
const EVIL_HANDLE = '=HYPERLINK("http://evil.example","me")';
const EVIL_NAME = '@SUM(1+1)';
const MINUS_HANDLE = '-2+3';

interface Row {
  at: string;
  text: string;
  label: 'positive' | 'neutral' | 'negative';
  score: number;
  intent?: string;
  category?: string;
  corrected?: Record<string, string>;
  author?: { id: string; handle: string; displayName: string | null; followers: number };
  spam?: boolean;
}

// Local times in Berlin: Oct 25 is the 25-hour day of the end of summer time.
const ROWS: Row[] = [
  { at: '2026-10-24T21:30:00Z', text: '@acme lovely #parcel service', label: 'positive', score: 0.5 },
  { at: '2026-10-24T22:30:00Z', text: '@acme parcel late', label: 'negative', score: -0.6, intent: 'complaint', category: 'delivery' },
  {
    at: '2026-10-25T00:30:00Z',
    text: '@acme billed twice, rival never does',
    label: 'negative',
    score: -0.7,
    intent: 'complaint',
    category: 'billing',
    author: { id: 'evil', handle: EVIL_HANDLE, displayName: EVIL_NAME, followers: 900 },
  },
  {
    at: '2026-10-25T01:30:00Z',
    text: '@acme app down again',
    label: 'neutral',
    score: 0,
    corrected: { intent: 'complaint', category: EVIL_CATEGORY },
    author: { id: 'minus', handle: MINUS_HANDLE, displayName: 'Minus', followers: 50 },
  },
  { at: '2026-10-25T22:30:00Z', text: '@acme and rival both fine', label: 'positive', score: 0.4 },
  { at: '2026-10-26T10:00:00Z', text: 'rival shipped fast #parcel', label: 'positive', score: 0.8 },
  { at: '2026-10-23T12:00:00Z', text: '@acme refund please', label: 'negative', score: -0.6, intent: 'complaint', category: 'billing' },
];
const RANGE = 'from=2026-10-24&to=2026-10-27';

type Cell = string | number | null;
const FORMULA = /^[=+\-@\t\r\0]/;
const parseCsv = (text: string): string[][] => parse(text, { bom: true }) as string[][];

/**
 * The CSV's data rows equal `expected` (values taken from the JSON): a number cell parses to the
 * same number and is written as a plain number; null is empty; text is the same text, with one `'`
 * in front when it starts like a formula.
 */
function expectRows(csv: string[][], header: string[], expected: Cell[][]) {
  expect(csv[0]).toEqual(header);
  const got = csv.slice(1);
  expect(got).toHaveLength(expected.length);
  expected.forEach((row, i) => {
    expect(got[i]).toHaveLength(row.length);
    row.forEach((v, j) => {
      const cell = got[i]![j]!;
      const where = `row ${i + 1} ${header[j]}`;
      if (v === null) expect({ where, cell }).toEqual({ where, cell: '' });
      else if (typeof v === 'number') {
        expect({ where, numeric: /^-?\d+(\.\d+)?(e[+-]\d+)?$/.test(cell), value: Number(cell) }).toEqual({ where, numeric: true, value: v });
      } else expect({ where, cell }).toEqual({ where, cell: FORMULA.test(v) ? `'${v}` : v });
    });
  });
}

const teamCells = (f: TeamFigures): Cell[] => [
  f.firstResponse.medianMinutes,
  f.firstResponse.p90Minutes,
  f.firstResponse.count,
  f.resolution.medianMinutes,
  f.resolution.p90Minutes,
  f.resolution.count,
  f.slaAttainment,
  f.responseRate,
  f.reopenRate,
  f.repliesSent,
  f.sentimentRecovery.authors,
  f.sentimentRecovery.improved,
  f.sentimentRecovery.share,
  f.sentimentRecovery.averageDelta,
];
const TEAM_HEADER = [
  'scope',
  'user_id',
  'name',
  'first_response_median_minutes',
  'first_response_p90_minutes',
  'first_response_count',
  'resolution_median_minutes',
  'resolution_p90_minutes',
  'resolution_count',
  'sla_attainment',
  'response_rate',
  'reopen_rate',
  'replies_sent',
  'recovery_authors',
  'recovery_improved',
  'recovery_share',
  'recovery_average_delta',
];

describe('analytics CSV exports (integration)', () => {
  let t: TestApp;
  let a: InboxFixture;
  let rivalId: string;

  const json = async <T>(path: string, role: Role = 'viewer') =>
    (await request(t.server).get(`/api/analytics/${path}`).set('Cookie', a.cookies[role]).expect(200)).body as T;
  const csv = async (path: string, role: Role = 'viewer') => {
    const res = await request(t.server)
      .get(`/api/analytics/${path}`)
      .set('Cookie', a.cookies[role])
      .buffer(true)
      .parse((r, done) => {
        let body = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (body += c));
        r.on('end', () => done(null, body));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="earshot-[a-z-]+-\d{8}T\d{4}Z-\d{8}T\d{4}Z\.csv"$/);
    const text = res.body as string;
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    return { rows: parseCsv(text), headers: res.headers };
  };

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    a = await InboxFixture.create(t, 'CSV A');
    const rival = await request(t.server)
      .post('/api/brands')
      .set('Cookie', a.cookies.admin)
      .send({ name: EVIL_BRAND, handles: ['@rival'], kind: 'competitor' })
      .expect(201);
    rivalId = rival.body.id as string;
    await request(t.server)
      .post('/api/listening-queries')
      .set('Cookie', a.cookies.admin)
      .send({ brandId: rivalId, name: 'Rival', query: 'rival', topic: 'competition' })
      .expect(201);
    const built = ROWS.map((r, i) =>
      MentionFactory.from({
        text: r.text,
        author: {
          externalId: r.author?.id ?? `plain-${i % 3}`,
          handle: r.author?.handle ?? `plain${i % 3}@mastodon.example`,
          displayName: r.author?.displayName ?? null,
          followers: r.author?.followers ?? 10 * (i % 3),
          avatarUrl: null,
          verified: false,
          bot: false,
        },
      }).build(),
    );
    const ids = await a.store(built);
    expect(ids).toHaveLength(ROWS.length);
    for (const [i, r] of ROWS.entries())
      await t.dataSource.query(
        `UPDATE mention SET posted_at = $2, created_at = $2, sentiment_label = $3, sentiment_score = $4, intent = $5, category = $6, spam = $7,
                corrected = $8::jsonb, sla_due_at = $2::timestamptz + interval '1 hour', status = 'new', first_response_at = NULL
          WHERE id = $1`,
        [ids[i], r.at, r.label, r.score, r.intent ?? null, r.category ?? null, r.spam ?? false, JSON.stringify(r.corrected ?? {})],
      );
    // Team figures with numbers in them: the agent answered the billing complaint after 12.5 min and resolved it;
    // the manager answered the delivery complaint after 90 min.
    const reply = async (mention: string, by: string, minutes: number, resolve: boolean) => {
      const posted = ROWS[ids.indexOf(mention)]!.at;
      const sent = new Date(Date.parse(posted) + minutes * 60_000).toISOString();
      await t.dataSource.query(
        `INSERT INTO reply (workspace_id, mention_id, platform, text, status, author_user_id, lint_report, idempotency_key, client_key, sent_at, resolve_on_send)
         VALUES ($1, $2, 'mastodon', 'On it', 'sent', $3, '{}'::jsonb, $4, $5, $6, $7)`,
        [a.workspaceId, mention, by, randomUUID(), randomUUID(), sent, resolve],
      );
      await t.dataSource.query(
        `UPDATE mention SET first_response_at = $2, status = $3, resolved_at = CASE WHEN $4::boolean THEN $2::timestamptz END WHERE id = $1`,
        [mention, sent, resolve ? 'resolved' : 'pending', resolve],
      );
    };
    await reply(ids[2]!, a.users.agent.id, 12.5, true);
    await reply(ids[1]!, a.users.manager.id, 90, false);
    await request(t.server).patch('/api/workspace').set('Cookie', a.cookies.manager).send({ timeZone: 'Europe/Berlin' }).expect(200);
  }, 120_000);
  afterAll(() => t.close());

  it('volume.csv equals the JSON, per day and per hour across the DST change; negative figures stay numbers', async () => {
    for (const bucket of ['day', 'hour', 'week']) {
      const qs = `${RANGE}&bucket=${bucket}`;
      const r = await json<VolumeReport>(`volume?${qs}`);
      const { rows, headers } = await csv(`volume.csv?${qs}`);
      expectRows(
        rows,
        ['bucket_start', 'bucket_end', 'label', 'hours', 'total', 'positive', 'neutral', 'negative', 'unscored', 'average_score', 'net_sentiment'],
        r.points.map((p) => [
          p.start,
          p.end,
          p.label,
          p.hours,
          p.total,
          p.sentiment.positive,
          p.sentiment.neutral,
          p.sentiment.negative,
          p.sentiment.unscored,
          p.averageScore,
          p.netSentiment,
        ]),
      );
      if (bucket === 'day') {
        expect(headers['content-disposition']).toBe('attachment; filename="earshot-volume-20261023T2200Z-20261026T2300Z.csv"');
        // Oct 25 (25 hours): −0.6, −0.7, 0, 0.4 → average −0.225, net (1 − 2) / 4 = −25.
        expect(rows[2]).toEqual(['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', '2026-10-25', '25', '4', '1', '1', '2', '0', '-0.225', '-25']);
      }
      if (bucket === 'hour') expect(rows.filter((x) => x[2] === '2026-10-25T02:00+02:00' || x[2] === '2026-10-25T02:00+01:00')).toHaveLength(2);
    }
  });

  it('themes.csv equals the JSON; a category of =HYPERLINK(…) comes out as text', async () => {
    const r = await json<ThemesReport>(`themes?${RANGE}`);
    const { rows } = await csv(`themes.csv?${RANGE}`);
    expectRows(
      rows,
      ['category', 'count', 'share', 'previous_count', 'change_absolute', 'change_percent'],
      r.themes.map((x) => [x.category, x.count, x.share, x.previousCount, x.change.absolute, x.change.percent]),
    );
    expect(r.themes.map((x) => x.category)).toContain(EVIL_CATEGORY);
    expect(rows.map((x) => x[0])).toContain(`'${EVIL_CATEGORY}`);
    // billing: 1 now, 1 before → change 0 %; a negative change stays a number.
    expect(rows.find((x) => x[0] === 'billing')).toEqual(['billing', '1', '0.333', '1', '0', '0']);
  });

  it('share-of-voice.csv equals the JSON (per bucket and brand, then totals); a brand named =HYPERLINK(…) comes out as text', async () => {
    const qs = `${RANGE}&bucket=day`;
    const r = await json<ShareOfVoiceReport>(`share-of-voice?${qs}`);
    const { rows } = await csv(`share-of-voice.csv?${qs}`);
    const brand = new Map(r.brands.map((b) => [b.brandId, b]));
    expectRows(
      rows,
      ['bucket_start', 'bucket_end', 'label', 'brand_id', 'brand', 'kind', 'count', 'share'],
      [
        ...r.points.flatMap((p) =>
          p.brands.map((b): Cell[] => [p.start, p.end, p.label, b.brandId, brand.get(b.brandId)!.name, brand.get(b.brandId)!.kind, b.count, b.share]),
        ),
        ...r.brands.map((b): Cell[] => [r.range.from, r.range.to, 'total', b.brandId, b.name, b.kind, b.count, b.share]),
      ],
    );
    // The mention of both brands counts for both: Rival has 3 (Oct 25 00:30Z, 22:30Z, Oct 26) of 8 (Acme 5).
    expect(rows.find((x) => x[2] === 'total' && x[3] === rivalId)).toEqual([
      r.range.from,
      r.range.to,
      'total',
      rivalId,
      `'${EVIL_BRAND}`,
      'competitor',
      '3',
      '0.375',
    ]);
  });

  it('top.csv equals the JSON; an author handle or name of =HYPERLINK(…), @SUM(…) or -2+3 comes out as text', async () => {
    const r = await json<TopReport>(`top?${RANGE}`);
    const { rows } = await csv(`top.csv?${RANGE}`);
    expectRows(
      rows,
      ['list', 'rank', 'value', 'count', 'reach', 'author_id', 'display_name', 'platform'],
      [
        ...r.terms.map((x, i): Cell[] => ['term', i + 1, x.term, x.count, null, null, null, null]),
        ...r.hashtags.map((x, i): Cell[] => ['hashtag', i + 1, x.tag, x.count, null, null, null, null]),
        ...r.authors.map((x, i): Cell[] => ['author', i + 1, x.handle, x.mentions, x.reach, x.authorId, x.displayName, x.platform]),
        ['basis', null, 'mentions', r.basis.mentions, null, null, null, null],
        ['basis', null, 'sampled', r.basis.sampled, null, null, null, null],
      ],
    );
    const evil = rows.find((x) => x[0] === 'author' && x[4] === '900')!;
    expect(evil.slice(2, 7)).toEqual([`'${EVIL_HANDLE}`, '1', '900', r.authors.find((x) => x.reach === 900)!.authorId, `'${EVIL_NAME}`]);
    expect(rows.find((x) => x[0] === 'author' && x[4] === '50')![2]).toBe(`'${MINUS_HANDLE}`);
    expect(rows.find((x) => x[0] === 'hashtag')).toEqual(['hashtag', '1', 'parcel', '2', '', '', '', '']);
  });

  it('team.csv equals the JSON, with the rows the caller may see', async () => {
    for (const role of ['manager', 'agent', 'viewer'] as const) {
      const r = await json<TeamReport>(`team?${RANGE}`, role);
      const { rows } = await csv(`team.csv?${RANGE}`, role);
      expectRows(rows, TEAM_HEADER, [['team', null, null, ...teamCells(r.team)], ...r.agents.map((x): Cell[] => ['agent', x.userId, x.name, ...teamCells(x)])]);
      expect({ role, agents: rows.filter((x) => x[0] === 'agent').map((x) => x[2]) }).toEqual({
        role,
        agents: role === 'manager' ? ['admin user', 'agent user', 'manager user', 'trainee user'] : role === 'agent' ? ['agent user'] : [],
      });
    }
    // FR 12.5 and 90 min → median 51.25 → 51.3 (one decimal), p90 12.5 + 0.9 · 77.5 = 82.25 → 82.3; resolution 12.5.
    const { rows } = await csv(`team.csv?${RANGE}`, 'manager');
    expect(rows[1]!.slice(0, 9)).toEqual(['team', '', '', '51.3', '82.3', '2', '12.5', '12.5', '1']);
  });

  it('rejects what the JSON route rejects, and anonymous callers', async () => {
    const bad = await request(t.server).get('/api/analytics/volume.csv?from=2026-10-27&to=2026-10-24').set('Cookie', a.cookies.viewer).expect(400);
    expect(bad.body.message).toBe('Invalid request: from must be before to');
    await request(t.server).get('/api/analytics/top.csv?from=2026-10-24&to=2026-10-27&sneaky=1').set('Cookie', a.cookies.viewer).expect(400);
    for (const p of ['volume', 'themes', 'share-of-voice', 'top', 'team']) await request(t.server).get(`/api/analytics/${p}.csv?${RANGE}`).expect(401);
  });
});
