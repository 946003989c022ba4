/**
 * npm run bench:hostile — does hostile platform content stall the api? `/api/health` latency
 * while crafted content is ingested (issue 11, item 5).
 *
 * Starts the local social simulator and a small feed server (both in this process) and the
 * built api (a child process, as in production) on a fresh database on DATABASE_URL's server
 * (default postgres://postgres@127.0.0.1:5432/postgres; created here and dropped at the end).
 * The demo workspace's sources poll the simulator; an RSS source reads the feed server.
 *
 * Each round (BENCH_HOSTILE_ROUNDS, default 10, after one unmeasured warm-up round) serves a
 * new feed of one closed item followed by 200,000 `<item>` tags that never close, and seeds the
 * simulator's Mastodon with six posts of `acme @a` and 50,000 dots (five of them ending in a
 * letter), then asks both sources to poll now and waits until the feed item and the six posts
 * are stored. Meanwhile `/api/health` is asked every 10 ms, one request at a time; only the
 * answers to requests sent while a round is being ingested count.
 *
 * Prints `hostile-health-p99: N ms` (target: under 100 ms), with the median, the maximum and
 * the ingest time per round. BENCH_HOSTILE_CONTROL=true runs the same rounds with ordinary
 * content: the difference between the two p99s is what the hostile content costs, the rest is
 * the machine. BENCH_API_NODE_ARGS passes flags to the api (e.g. --cpu-prof).
 */
import { createSocialSim } from '@earshot/social-sim';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { startEarshot } from '../test/earshot-server.js';
import { BENCH_ADMIN as ADMIN, createBenchDatabase, login, percentile, sql } from './bench-setup.js';

const ROUNDS = Number(process.env.BENCH_HOSTILE_ROUNDS ?? 10);
/** BENCH_HOSTILE_CONTROL=true: the same rounds with ordinary content (one closed item, six short posts), for the machine's own noise. */
const CONTROL = process.env.BENCH_HOSTILE_CONTROL === 'true';
const UNCLOSED_ITEMS = 200_000;
const DOTS = 50_000;
const PROBE_EVERY_MS = 10;
/** A round that takes longer than this is reported as a failure (the old regex parsers took about a minute per feed). */
const ROUND_TIMEOUT_MS = Number(process.env.BENCH_HOSTILE_ROUND_TIMEOUT_MS ?? 600_000);

const hostileFeed = (round: number): string =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title><item><title>acme hostile feed, round ${round}</title><guid>hostile-${round}</guid></item>${CONTROL ? '' : '<item>'.repeat(UNCLOSED_ITEMS)}</channel></rss>`;
/** The post from the issue, and five whose dot run ends in a letter (the input the old handle regex was slowest on). */
const hostilePosts = (round: number): string[] => ['', 'x', 'y', 'z', 'w', 'v'].map((tail) => `acme @a${'.'.repeat(CONTROL ? 3 : DOTS)}${tail} r${round}`);
/** Length of a stored hostile post, at least (the simulator puts "@acme " before it). */
const POST_MIN_LENGTH = CONTROL ? 8 : DOTS;

async function main(): Promise<void> {
  const database = await createBenchDatabase('earshot_bench_hostile');
  const sim = await createSocialSim({ scenario: 'none', rateLimits: false, seed: 11 });
  let feed = hostileFeed(0);
  const feedServer = http.createServer((req, res) => {
    if (req.url !== '/feed.xml') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed);
  });
  await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
  const feedPort = (feedServer.address() as AddressInfo).port;
  let api: Awaited<ReturnType<typeof startEarshot>> | null = null;
  let probing = true;
  try {
    api = await startEarshot({
      database,
      admin: ADMIN,
      env: {
        SOCIAL_SIM_URL: sim.url,
        EARSHOT_ALLOWED_PRIVATE_HOSTS: `127.0.0.1:${feedPort}`,
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
        EARSHOT_RETRY_BASE_SECONDS: '1',
      },
      nodeArgs: process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
    });
    const apiUrl = api.url;
    const cookie = await login(apiUrl, ADMIN);
    const created = await fetch(`${apiUrl}/api/sources`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Hostile feed', platform: 'rss', baseUrl: `http://127.0.0.1:${feedPort}`, streamKind: 'feed', streamQuery: '/feed.xml' }),
    });
    if (created.status !== 201) throw new Error(`creating the RSS source: ${created.status} ${await created.text()}`);
    const rssId = ((await created.json()) as { id: string }).id;
    // Every source's first poll (the cursors), then the rounds.
    let mastodonId = '';
    for (;;) {
      const res = (await (await fetch(`${apiUrl}/api/sources`, { headers: { cookie } })).json()) as {
        items: Array<{ id: string; platform: string; health: { lastSuccessAt: string | null } }>;
      };
      mastodonId = res.items.find((s) => s.platform === 'mastodon')?.id ?? '';
      if (mastodonId && res.items.every((s) => s.health.lastSuccessAt)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const pollNow = async (id: string) => {
      const ask = () => fetch(`${apiUrl}/api/sources/${id}/poll`, { method: 'POST', headers: { cookie } });
      await ask().catch(ask);
    };
    const counts = async () =>
      (
        await sql<{ feed: string; posts: string }>(
          database.url,
          `SELECT count(*) FILTER (WHERE source_id = $1) AS feed, count(*) FILTER (WHERE source_id = $2 AND length(text) > $3 AND position('acme @a' in text) > 0) AS posts FROM mention`,
          [rssId, mastodonId, POST_MIN_LENGTH],
        )
      ).map((r) => ({ feed: Number(r.feed), posts: Number(r.posts) }))[0]!;

    // Health probes, one at a time, all through the bench; only those sent during a round count.
    let measuring = false;
    const latencies: number[] = [];
    const failures: string[] = [];
    const prober = (async () => {
      while (probing) {
        const counted = measuring;
        const sent = performance.now();
        try {
          const res = await fetch(`${apiUrl}/api/health`);
          await res.arrayBuffer();
          if (res.status !== 200) failures.push(`/api/health answered ${res.status}`);
        } catch (e) {
          failures.push(`/api/health failed: ${String(e)}`);
        }
        if (counted) latencies.push(performance.now() - sent);
        await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
      }
    })();

    const roundTimes: number[] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      const before = await counts();
      feed = hostileFeed(round + 1);
      for (const text of hostilePosts(round)) sim.control.seed({ platform: 'mastodon', text });
      const started = performance.now();
      measuring = round > 0; // round 0 warms the api up (hot paths compiled), unmeasured
      await Promise.all([pollNow(rssId), pollNow(mastodonId)]);
      for (;;) {
        const now = await counts();
        if (now.feed >= before.feed + 1 && now.posts >= before.posts + 6) break;
        if (performance.now() - started > ROUND_TIMEOUT_MS)
          throw new Error(
            `round ${round}: the hostile feed and posts were not stored within ${ROUND_TIMEOUT_MS / 1000} s (${JSON.stringify(now)} vs ${JSON.stringify(before)})`,
          );
        await new Promise((r) => setTimeout(r, 100));
      }
      measuring = false;
      if (round > 0) roundTimes.push((performance.now() - started) / 1000);
      console.log(`hostile-round-${round}: ${((performance.now() - started) / 1000).toFixed(2)} s${round === 0 ? ' (warm-up, not measured)' : ''}`);
    }
    probing = false;
    await prober;
    if (failures.length > 0) throw new Error(`${failures.length} health probes failed, e.g. ${failures[0]}`);

    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      CONTROL
        ? 'hostile-content: CONTROL run (BENCH_HOSTILE_CONTROL=true): per round a feed of 1 closed item and 6 short posts'
        : `hostile-content: per round a feed of 1 item + ${UNCLOSED_ITEMS} unclosed <item> tags (${(hostileFeed(1).length / 1e6).toFixed(1)} MB) and 6 posts of "acme @a" + ${DOTS} dots`,
    );
    console.log(`hostile-rounds: ${ROUNDS}, mean ${(roundTimes.reduce((a, b) => a + b, 0) / roundTimes.length).toFixed(2)} s to store a round`);
    console.log(`hostile-health-samples: ${sorted.length}`);
    console.log(`hostile-health-p50: ${Math.round(percentile(sorted, 50))} ms`);
    console.log(`hostile-health-max: ${Math.round(sorted[sorted.length - 1]!)} ms`);
    console.log(
      `hostile-load-average: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (${os.cpus().length} cores; other work on the machine shows in these latencies)`,
    );
    console.log(`hostile-health-p99: ${Math.round(percentile(sorted, 99))} ms`);
  } finally {
    probing = false;
    await api?.stop({ keepDatabase: true }).catch(() => undefined);
    await sim.close();
    await new Promise((resolve) => feedServer.close(resolve));
    await database.finish();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
