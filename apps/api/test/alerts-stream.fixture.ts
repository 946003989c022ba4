import { mulberry32, simulateStream, type SimulatedStream, type SimulatedStreamOptions } from '@earshot/signals/simulated-stream';
import request from 'supertest';
import { AlertRunnerService, type RuleRunOutcome } from '../src/modules/alerts/alert-runner.service.js';
import type { InboxFixture } from './factories/inbox.fixture.js';
import type { TestApp } from './utils/create-test-app.js';

/** One post to store as a mention row: posted time, whether it is negative, its text. */
export interface SimPost {
  at: number;
  negative: boolean;
  text: string;
}

/** Everyday posts about the brand (the baseline's words). */
const EVERYDAY = [
  '@acme thanks for the quick answer yesterday',
  '@acme how do I change the delivery address on my order?',
  '@acme love the new app design',
  '@acme my parcel is a day late, any news?',
  '@acme is the store open on sunday',
  '@acme great support from your team today',
  '@acme the coupon code did not apply at checkout',
  '@acme can I return a gift without the receipt?',
  '@acme your prices went up again',
  '@acme nice weekend sale',
];
/** The crisis scenario's complaints (the surge's words). */
const CRISIS = [
  '@acme checkout is down, payment failed three times #acmedown',
  '@acme payment failed again and I was charged twice #acmedown',
  '@acme app crashes at checkout, payment failed #acmedown',
  '@acme still cannot pay, checkout error 500 #acmedown',
  '@acme charged twice and the checkout froze #acmedown',
];

/**
 * Turns a simulated stream (the simulator's rate model, @earshot/signals/simulated-stream) into posts: each minute's
 * count spread at random seconds of the minute, its negative ones first. Posts of the surge (the stream with the
 * crisis less the same seed without it) get the crisis texts.
 */
export function streamPosts(o: SimulatedStreamOptions): { posts: SimPost[]; stream: SimulatedStream } {
  const stream = simulateStream(o);
  const base = o.crisis ? simulateStream({ ...o, crisis: undefined }) : stream;
  const rng = mulberry32(o.seed * 31 + 7);
  const posts: SimPost[] = [];
  for (let i = 0; i < stream.totals.length; i++) {
    const total = stream.totals[i] ?? 0;
    const negative = stream.negatives[i] ?? 0;
    const surge = total - (base.totals[i] ?? 0);
    const minute = stream.startMs + i * stream.stepMs;
    for (let k = 0; k < total; k++) {
      const inSurge = k < surge;
      const text = inSurge ? CRISIS[Math.floor(rng() * CRISIS.length)]! : EVERYDAY[Math.floor(rng() * EVERYDAY.length)]!;
      posts.push({ at: minute + Math.floor(rng() * stream.stepMs), negative: inSurge || k < negative, text });
    }
  }
  return { posts, stream };
}

/** Stores posts as mention rows of a brand: copies of one mention stored through the real ingest, with posted time, label and text set. */
export class MentionRows {
  private cols: string[] | null = null;
  private n = 0;

  private constructor(
    private readonly t: TestApp,
    readonly workspaceId: string,
    readonly brandId: string,
    private readonly templateId: string,
  ) {}

  /** A brand with a listening query (`query`) in the fixture's workspace, and a template mention matching it. */
  static async create(t: TestApp, f: Pick<InboxFixture, 'cookies' | 'workspaceId' | 'store'>, name: string): Promise<MentionRows> {
    const brand = await request(t.server)
      .post('/api/brands')
      .set('Cookie', f.cookies.admin)
      .send({ name, handles: [`@${name.toLowerCase()}`] })
      .expect(201);
    const q = name.toLowerCase();
    await request(t.server)
      .post('/api/listening-queries')
      .set('Cookie', f.cookies.admin)
      .send({ brandId: brand.body.id, name, query: q, topic: 'support' })
      .expect(201);
    const [template] = await f.store([`${q} template mention`]);
    return new MentionRows(t, f.workspaceId, brand.body.id as string, template!);
  }

  /** Inserts the posts (in batches), as mention rows of this brand that are not spam. */
  async insert(posts: SimPost[], o: { spam?: boolean } = {}): Promise<void> {
    this.cols ??= (
      (await this.t.dataSource.query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'mention' AND table_schema = current_schema() AND is_generated = 'NEVER' ORDER BY ordinal_position`,
      )) as Array<{ column_name: string }>
    ).map((c) => c.column_name);
    const over: Record<string, string> = {
      id: 'gen_random_uuid()',
      external_id: `'sim-' || $5::text || '-' || p.i`,
      posted_at: 'p.at',
      text: 'p.txt',
      sentiment_label: `CASE WHEN p.neg THEN 'negative' ELSE 'neutral' END`,
      sentiment_score: `CASE WHEN p.neg THEN -0.7 ELSE 0.1 END`,
      spam: '$6::boolean',
      created_at: 'now()',
      updated_at: 'now()',
      change_seq: 'm.change_seq + p.i',
    };
    const select = this.cols.map((c) => (over[c] ? `${over[c]} AS ${c}` : `m.${c}`)).join(', ');
    for (let i = 0; i < posts.length; i += 20_000) {
      const batch = posts.slice(i, i + 20_000);
      this.n++;
      await this.t.dataSource.query(
        `INSERT INTO mention (${this.cols.join(', ')})
         SELECT ${select} FROM mention m
          CROSS JOIN unnest($2::timestamptz[], $3::boolean[], $4::text[]) WITH ORDINALITY AS p(at, neg, txt, i)
          WHERE m.id = $1`,
        [
          this.templateId,
          batch.map((p) => new Date(p.at)),
          batch.map((p) => p.negative),
          batch.map((p) => p.text),
          `${this.brandId.slice(0, 8)}-${this.n}`,
          o.spam ?? false,
        ],
      );
    }
  }

  /** Moves the template mention out of the way (it was stored at the real now). */
  async dropTemplate(): Promise<void> {
    await this.t.dataSource.query(`UPDATE mention SET spam = true WHERE id = $1`, [this.templateId]);
  }
}

/** Runs the alert runner at a simulated time. */
export async function runAt(t: TestApp, at: number): Promise<RuleRunOutcome[]> {
  const runner = t.app.get(AlertRunnerService);
  runner.now = () => new Date(at);
  return runner.runDue();
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Monday 2 November 2026, 00:00 UTC: where simulated streams start. */
export const SIM_START = Date.UTC(2026, 10, 2);

/**
 * A brand with nine days of the demo's rate (~150 posts a day, the simulator's rhythm) ending in the crisis burst
 * (40 negative posts in 30 s) on day nine at 10:00 UTC. `raise()` runs the runner five simulated minutes after the
 * burst (the first run replays the week and raises one alert), `clear()` two hours after it (the burst has left the 60-minute window and 10 quiet minutes passed: the alert clears).
 */
export class CrisisOnDemand {
  private raised: string | null = null;

  private constructor(
    private readonly t: TestApp,
    readonly rows: MentionRows,
    readonly surgeStart: number,
  ) {}

  static async create(t: TestApp, f: InboxFixture, name: string, seed = 9): Promise<CrisisOnDemand> {
    const rows = await MentionRows.create(t, f, name);
    const { posts, stream } = streamPosts({ seed, days: 9, startMs: SIM_START, intervalMs: 576_000, crisis: { atMs: 8 * DAY + 10 * 60 * MINUTE + 17_000 } });
    await rows.insert(posts);
    await rows.dropTemplate();
    return new CrisisOnDemand(t, rows, stream.surge!.startMs);
  }

  /** Runs the runner just after the burst; returns the alert's id. */
  async raise(): Promise<string> {
    if (this.raised) return this.raised;
    await runAt(this.t, this.surgeStart + 5 * MINUTE);
    const rows = (await this.t.dataSource.query(`SELECT id FROM alert_event WHERE brand_id = $1 ORDER BY raised_at DESC LIMIT 1`, [
      this.rows.brandId,
    ])) as Array<{
      id: string;
    }>;
    if (!rows[0]) throw new Error('the crisis raised no alert');
    this.raised = rows[0].id;
    return this.raised;
  }

  /** Runs the runner two hours after the burst (the alert clears); returns its id. */
  async clear(): Promise<string> {
    const id = await this.raise();
    await runAt(this.t, this.surgeStart + 120 * MINUTE);
    return id;
  }
}
