/**
 * npm run bench:replies — the reply path's three figures (issue 13).
 *
 * 1. `lint-p95`: @earshot/voice's runLintBench(), a 280-character draft against a 200-rule guide.
 * 2. `reply-send-p95`: 50 agents (BENCH_REPLY_AGENTS) each submit one reply at the same moment,
 *    through the built api (a child process) to the local simulator (in this process); for each,
 *    from the moment the reply could go (queued, or approved when it needed a manager) to the
 *    platform's acceptance: the timestamp of the simulator's request-log entry that made the post.
 * 3. `reply-duplicates`: 1,000 replies (BENCH_REPLIES, over the four platforms) sent while the
 *    simulator drops responses after the write, makes requests time out (before and after the
 *    write) and answers 429; counted per reply in the simulator's own record of posts. Target 0.
 *
 * Database: a fresh one on DATABASE_URL's server (bench-setup.ts), dropped at the end.
 */
import os from 'node:os';
import { createSocialSim, type FaultSpec } from '@earshot/social-sim';
import { runLintBench } from '@earshot/voice';
import { startEarshot } from '../test/earshot-server.js';
import { BENCH_ADMIN as ADMIN, createBenchDatabase, firstPolls, percentile, sql } from './bench-setup.js';
import {
  approvePending,
  call,
  claim,
  claimAndReply,
  createAgents,
  enableReplies,
  postsByTarget,
  REPLY_PLATFORMS,
  replyText,
  seedMentions,
  signIn,
  submitReply,
  type ApiReply,
  type ReplyPlatform,
  type Session,
  type Target,
} from './reply-harness.js';

const AGENTS = Number(process.env.BENCH_REPLY_AGENTS ?? 50);
const REPLIES = Number(process.env.BENCH_REPLIES ?? 1000);
/** Parallel submitters in the duplicates phase (the agents of a busy desk). */
const SUBMITTERS = 10;
const WRITE_PATHS: Record<ReplyPlatform, string> = {
  mastodon: '/api/v1/statuses',
  bluesky: '/xrpc/com.atproto.repo.putRecord',
  reddit: '/api/comment',
  x: '/2/tweets',
};
/** Injected on every reply write: lost responses, timeouts (the api gives up after its 15 s connector timeout) and 429s. */
const FAULT_MIX: Array<{ label: string; spec: Omit<FaultSpec, 'platform' | 'path'> }> = [
  { label: 'lost_response', spec: { kind: 'lost_response', probability: Number(process.env.BENCH_P_LOST ?? 0.1), times: 0 } },
  { label: '429', spec: { kind: 'rate_limit', probability: Number(process.env.BENCH_P_429 ?? 0.1), resetInSec: 2, times: 0 } },
  { label: 'timeout before the write', spec: { kind: 'hang', probability: Number(process.env.BENCH_P_TIMEOUT ?? 0.01), times: 0 } },
  { label: 'timeout after the write', spec: { kind: 'hang', afterWrite: true, probability: Number(process.env.BENCH_P_TIMEOUT ?? 0.01), times: 0 } },
];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Splits `n` over the four platforms. */
function spread(n: number): Record<ReplyPlatform, number> {
  return Object.fromEntries(REPLY_PLATFORMS.map((p, i) => [p, Math.floor(n / 4) + (i < n % 4 ? 1 : 0)])) as Record<ReplyPlatform, number>;
}

/**
 * Waits until no reply is still on its way (approving what a manager must), or the deadline. An
 * `unknown` reply with a next attempt is still on its way (it will be reconciled); one without
 * is where the sender stopped for a person.
 */
async function drain(dbUrl: string, manager: Session, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await sql<{ open: string; pending: string }>(
      dbUrl,
      `SELECT count(*) FILTER (WHERE status NOT IN ('sent', 'failed', 'rejected', 'unknown') OR (status = 'unknown' AND next_attempt_at IS NOT NULL)) AS open,
              count(*) FILTER (WHERE status = 'pending_approval') AS pending
         FROM reply`,
    );
    if (Number(row!.open) === 0 || Date.now() > deadline) return;
    if (Number(row!.pending)) await approvePending(manager);
    await sleep(1_000);
  }
}

async function main(): Promise<void> {
  const lint = runLintBench();
  console.log(`lint-p95: ${lint.p95Ms} ms`);
  console.log(`lint-p50: ${lint.p50Ms} ms (${lint.rules} rules, ${lint.draftLength}-character drafts, ${lint.iterations} runs)`);

  const database = await createBenchDatabase('earshot_bench_replies');
  const sim = await createSocialSim({ scenario: 'none', rateLimits: false, seed: 17 });
  const api = await startEarshot({
    database,
    admin: ADMIN,
    env: { SOCIAL_SIM_URL: sim.url, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error', EARSHOT_RETRY_BASE_SECONDS: '0.5' },
    nodeArgs: process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
  });
  try {
    const admin = await signIn(api.url, ADMIN);
    await firstPolls(api.url, admin.cookie);
    const sourceIds = await enableReplies(admin);

    // 2. Fifty agents at once, nothing injected.
    const agentUsers = await createAgents(admin, AGENTS, 'bench-agent');
    const agents = await Promise.all(agentUsers.map((u) => signIn(api.url, u)));
    const sendTargets = await seedMentions(sim, admin, sourceIds, spread(AGENTS), 'send');
    // Each agent opens its mention first; then all submit at the same moment.
    for (let i = 0; i < AGENTS; i++) await claim(agents[i]!, sendTargets[i]!);
    const created = await Promise.all(agents.map((a, i) => submitReply(a, sendTargets[i]!, replyText(`send-${i}`, a.signature), `bench-send-${i}`)));
    await drain(database.url, admin, 300_000);
    const latencies: number[] = [];
    const requests = new Map(sim.control.requests().map((r) => [r.id, r]));
    for (const r of created) {
      const [final] = (await call<{ items: ApiReply[] }>(admin, 'GET', `/api/replies?mentionId=${r.mentionId}`)).body.items;
      const post = sim.control.replies().find((p) => p.id === final?.externalId);
      const request = post?.requestId !== undefined ? requests.get(post.requestId) : undefined;
      if (!final || final.status !== 'sent' || !request) throw new Error(`reply ${r.id} not sent: ${JSON.stringify(final)}`);
      const ready = Date.parse(final.approval.decidedAt ?? final.createdAt);
      latencies.push(Date.parse(request.at) - ready);
    }
    latencies.sort((a, b) => a - b);
    console.log(`reply-send-p95: ${Math.round(percentile(latencies, 95))} ms`);
    const load = os.loadavg().map((l) => l.toFixed(1));
    console.log(
      `reply-send-p50: ${Math.round(percentile(latencies, 50))} ms (${AGENTS} agents at once; max ${Math.round(latencies[latencies.length - 1]!)} ms; ` +
        `${created.filter((r) => r.approval.required).length} needed approval; load average ${load.join(' ')} on ${os.cpus().length} cores)`,
    );

    // 3. A thousand replies under lost responses, timeouts and 429s.
    const targets: Target[] = await seedMentions(sim, admin, sourceIds, spread(REPLIES), 'dup', 600_000);
    const submitters = agents.slice(0, SUBMITTERS);
    const faults = REPLY_PLATFORMS.flatMap((p) =>
      FAULT_MIX.map((f) => ({ label: f.label, fault: sim.control.addFault({ ...f.spec, platform: p, path: WRITE_PATHS[p] }) })),
    );
    const t0 = Date.now();
    let next = 0;
    await Promise.all(
      submitters.map(async (agent) => {
        for (let i = next++; i < targets.length; i = next++) await claimAndReply(agent, targets[i]!, replyText(`dup-${i}`, agent.signature), `bench-dup-${i}`);
      }),
    );
    await drain(database.url, admin, Number(process.env.BENCH_DRAIN_SECONDS ?? 1800) * 1000);
    const seconds = (Date.now() - t0) / 1000;
    const counts = await sql<{ status: string; n: string }>(
      database.url,
      `SELECT status, count(*) AS n FROM reply WHERE client_key LIKE 'bench-dup-%' GROUP BY status ORDER BY status`,
    );
    const byPlatform = await sql<{ platform: string; status: string; n: string }>(
      database.url,
      `SELECT platform, status, count(*) AS n FROM reply WHERE client_key LIKE 'bench-dup-%' AND status <> 'sent' GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    sim.control.clearFaults();

    const posts = postsByTarget(sim);
    let duplicates = 0;
    let lost = 0;
    const dupBy = new Map<string, number>();
    for (const t of targets) {
      const n = posts.get(`${t.platform}|${t.externalId}`)?.length ?? 0;
      if (n > 1) {
        duplicates += n - 1;
        dupBy.set(t.platform, (dupBy.get(t.platform) ?? 0) + n - 1);
      }
      if (n === 0) lost++;
    }
    const mix = new Map<string, number>();
    for (const f of faults) mix.set(f.label, (mix.get(f.label) ?? 0) + f.fault.hits);
    console.log(`reply-duplicates: ${duplicates}`);
    if (duplicates) console.log(`reply-duplicates-by-platform: ${[...dupBy].map(([p, n]) => `${p} ${n}`).join(', ')}`);
    console.log(`reply-missing: ${lost} of ${targets.length} replies have no post on the platform`);
    console.log(`reply-outcomes: ${counts.map((c) => `${c.status} ${c.n}`).join(', ')} (${seconds.toFixed(0)} s)`);
    if (byPlatform.length) console.log(`reply-not-sent-by-platform: ${byPlatform.map((r) => `${r.platform} ${r.status} ${r.n}`).join(', ')}`);
    console.log(
      `reply-faults-injected: ${[...mix].map(([k, n]) => `${k} ${n}`).join(', ')} over ${sim.control.requests().filter((r) => r.method === 'POST' && Object.values(WRITE_PATHS).includes(r.path)).length} reply writes`,
    );
    await api.stop({ keepDatabase: true });
  } finally {
    await api.stop({ keepDatabase: true }).catch(() => undefined);
    await sim.close();
    await database.finish();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
