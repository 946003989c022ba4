/**
 * The analytics bench's workspace: one million mentions written set-wise with SQL (INSERT …
 * SELECT over generate_series; indexes dropped first and rebuilt after, as a bulk import
 * would), spread over 400 days of posted time up to the current hour.
 *
 * Every value comes from a hash of the row number (deterministic): four platforms; five
 * listening queries of four brands (Acme, own, with a brand and a support query; three
 * competitors), 14 % of mentions matching two brands; topics from the queries; sentiment 5 %
 * unscored, 40 % negative, 35 % neutral, 20 % positive; 70 % of the negatives complaints over
 * nine categories, half the rest categorised too; 6 % spam; 2 % corrected by the team;
 * quieter nights (60 % of the night's posts move to the afternoon before); volume growing
 * over the period (the last month about 1.5 × the first).
 */
import { loadCorpus } from '@earshot/social-sim';
import pg from 'pg';

export interface AnalyticsSeedQueries {
  acme: string;
  acmeSupport: string;
  rivalOne: string;
  rivalTwo: string;
  rivalThree: string;
}

export const SEED_DAYS = 400;
const CATEGORIES = ['billing', 'delivery', 'outage', 'account', 'quality', 'service', 'safety', 'legal', 'pricing'];

/** A uniform number in [0, 1) from the row number `g` and a salt (hashint8 is PostgreSQL's own 64-bit integer hash). */
const r = (salt: number) => `((hashint8(g::bigint * 16 + ${salt})::bigint & 2147483647) / 2147483648.0)`;

export async function seedAnalyticsMentions(dbUrl: string, workspaceId: string, q: AnalyticsSeedQueries, total: number): Promise<{ ms: number; end: Date }> {
  const t0 = performance.now();
  const corpus = loadCorpus({ handle: 'acme', name: 'Acme' }).posts.slice(0, 20_000);
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const end = (await c.query<{ end: Date }>(`SELECT date_trunc('hour', now()) AS end`)).rows[0]!.end;
    await c.query(`CREATE TEMP TABLE corpus (i int PRIMARY KEY, text text)`);
    await c.query(`INSERT INTO corpus SELECT * FROM unnest($1::int[], $2::text[])`, [corpus.map((_, i) => i), corpus.map((p) => p.text)]);
    await c.query(
      `INSERT INTO author (workspace_id, platform, external_id, handle, display_name, followers, verified, bot)
       SELECT $1, (ARRAY['x','bluesky','mastodon','reddit'])[1 + g % 4], 'bench-author-' || g, 'user' || g, 'User ' || g,
              (hashint4(g) & 262143), g % 97 = 0, false
         FROM generate_series(1, 50000) g`,
      [workspaceId],
    );
    await c.query(`CREATE TEMP TABLE aid AS SELECT row_number() OVER (ORDER BY id) AS n, id, platform FROM author WHERE workspace_id = $1`, [workspaceId]);
    await c.query(`CREATE UNIQUE INDEX ON aid (platform, n)`);
    await c.query(`CREATE TEMP TABLE aid_n AS SELECT platform, row_number() OVER (PARTITION BY platform ORDER BY n) AS k, id FROM aid`);
    await c.query(`CREATE UNIQUE INDEX ON aid_n (platform, k)`);
    const indexes = (
      await c.query<{ indexname: string; indexdef: string }>(
        `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'mention' AND indexname NOT LIKE 'PK_%'`,
      )
    ).rows;
    for (const ix of indexes) await c.query(`DROP INDEX "${ix.indexname}"`);
    const qs = (ids: string[]) => `'${JSON.stringify(ids)}'::jsonb`;
    const sets: Array<[number, string[], string[]]> = [
      [0.4, [q.acme], ['brand']],
      [0.52, [q.acmeSupport], ['support']],
      [0.57, [q.acme, q.acmeSupport], ['brand', 'support']],
      [0.72, [q.rivalOne], ['competition']],
      [0.8, [q.rivalTwo], ['competition']],
      [0.86, [q.rivalThree], ['competition']],
      [0.93, [q.acme, q.rivalOne], ['brand', 'competition']],
      [0.97, [q.acme, q.rivalTwo], ['brand', 'competition']],
      [1.01, [q.rivalOne, q.rivalTwo], ['competition']],
    ];
    const pick = (i: 1 | 2) => `CASE ${sets.map(([p, ids, topics]) => `WHEN x.r3 < ${p} THEN ${qs(i === 1 ? ids : topics)}`).join(' ')} END`;
    await c.query(
      `INSERT INTO mention (workspace_id, platform, external_id, author_id, text, posted_at, created_at, updated_at, status, sentiment_score,
         sentiment_label, sentiment_confidence, urgency_score, urgency_level, urgency_reasons, intent, category, language, spam, reply_target,
         change_seq, sla_due_at, resolved_at, engagement, query_ids, topics, corrected)
       SELECT $1, x.platform, 'bench-' || g, a.id, c.text, x.posted_at, x.posted_at + interval '1 minute', x.posted_at + interval '1 minute',
              CASE WHEN x.posted_at < $3::timestamptz - interval '3 days' THEN 'resolved' ELSE 'new' END,
              CASE x.label WHEN 'negative' THEN -0.2 - 0.7 * x.r5 WHEN 'neutral' THEN (x.r5 - 0.5) * 0.3 WHEN 'positive' THEN 0.2 + 0.7 * x.r5 END,
              x.label, 0.8, 30, 'medium', '[]'::jsonb, x.intent,
              CASE WHEN x.intent = 'complaint' OR x.r8 >= 0.5 THEN ($5::text[])[1 + floor(x.r7 * 9)::int] END,
              'en', x.r9 < 0.06, '{}'::jsonb, g, x.posted_at + interval '4 hours',
              CASE WHEN x.posted_at < $3::timestamptz - interval '3 days' THEN x.posted_at + interval '2 hours' END,
              '{"likes": 1, "replies": 0, "reposts": 0}'::jsonb, ${pick(1)}, ${pick(2)},
              CASE WHEN x.r10 < 0.01 THEN '{"sentiment": "negative", "intent": "complaint", "category": "delivery"}'::jsonb
                   WHEN x.r10 < 0.02 THEN '{"sentiment": "neutral", "intent": "question"}'::jsonb
                   ELSE '{}'::jsonb END
         FROM generate_series(1, $2::int) g
         CROSS JOIN LATERAL (
           SELECT ${r(1)} AS r1, ${r(2)} AS r2, ${r(3)} AS r3, ${r(4)} AS r4, ${r(5)} AS r5, ${r(6)} AS r6, ${r(7)} AS r7, ${r(8)} AS r8,
                  ${r(9)} AS r9, ${r(10)} AS r10) h
         CROSS JOIN LATERAL (
           -- Growth: the density at age a (0 = now, 1 = the oldest) is ∝ 1.5 − a/2; a = 3 − 2·sqrt(2.25 − 1.25·u) inverts its CDF.
           SELECT $3::timestamptz - make_interval(secs => (3 - 2 * sqrt(2.25 - 1.25 * h.r1)) * $4::float8) AS t0) t0
         CROSS JOIN LATERAL (
           SELECT CASE WHEN extract(hour FROM t0.t0 AT TIME ZONE 'UTC') < 6 AND h.r6 < 0.6 THEN t0.t0 - interval '12 hours' ELSE t0.t0 END AS posted_at) t
         CROSS JOIN LATERAL (
           SELECT h.*, t.posted_at,
                  CASE WHEN h.r2 < 0.35 THEN 'x' WHEN h.r2 < 0.55 THEN 'bluesky' WHEN h.r2 < 0.7 THEN 'mastodon' ELSE 'reddit' END AS platform,
                  CASE WHEN h.r4 < 0.05 THEN NULL WHEN h.r4 < 0.45 THEN 'negative' WHEN h.r4 < 0.8 THEN 'neutral' ELSE 'positive' END AS label,
                  CASE WHEN h.r4 >= 0.05 AND h.r4 < 0.45 AND h.r5 < 0.7 THEN 'complaint' WHEN h.r7 < 0.3 THEN 'question'
                       WHEN h.r4 >= 0.8 THEN 'praise' ELSE 'other' END AS intent) x
         JOIN corpus c ON c.i = g % ${corpus.length}
         JOIN aid_n a ON a.platform = x.platform AND a.k = 1 + (g::bigint * 7919) % 12500
        -- In posted order, as ingest mostly writes them (a range's rows sit together on disk).
        ORDER BY x.posted_at`,
      [workspaceId, total, end, SEED_DAYS * 86_400, CATEGORIES],
    );
    for (const ix of indexes) await c.query(ix.indexdef);
    await c.query(`UPDATE workspace SET change_seq = $2 WHERE id = $1`, [workspaceId, total]);
    await c.query(`VACUUM ANALYZE mention`);
    await c.query(`ANALYZE author`);
    return { ms: performance.now() - t0, end };
  } finally {
    await c.end();
  }
}
