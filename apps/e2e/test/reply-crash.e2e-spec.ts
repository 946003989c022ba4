import { createSocialSim, type SocialSim } from '@earshot/social-sim';
import { firstPolls } from '../bench/bench-setup.js';
import {
  approvePending,
  claimAndReply,
  createAgents,
  enableReplies,
  postsByTarget,
  REPLY_PLATFORMS,
  replyText,
  repliesWithStatus,
  seedMentions,
  signIn,
  type Session,
  type Target,
} from '../bench/reply-harness.js';
import { createTestDatabase, startEarshot, type EarshotServer, type TestDatabase } from './earshot-server.js';

const ADMIN = { email: 'crash-admin@earshot.test', password: 'crash-admin-password' };
const KILLS = 50;
/** Every reply write is answered this long after the platform applied it: the window a kill can land in. */
const ANSWER_DELAY_MS = 1_200;
/**
 * Api processes started ahead of the one that is killed (a start costs 3-4 CPU seconds; overlapping
 * them keeps 50 restarts within minutes). Embedded PostgreSQL serves one process: none there.
 */
const STANDBY = process.env.TEST_DATABASE_URL ? Number(process.env.REPLY_CRASH_STANDBY ?? 2) : 0;
const WRITE_PATHS = { mastodon: '/api/v1/statuses', bluesky: '/xrpc/com.atproto.repo.putRecord', reddit: '/api/comment', x: '/2/tweets' } as const;

/** A small seeded generator: the kill points differ per run only through the machine's timing. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Issue 13's acceptance test: replies on all four platforms are queued through the api, which is
 * SIGKILLed at 50 random points between queueing and the platform's answer (each reply write is
 * applied at once and answered late, so a kill often lands after the post exists and before the
 * api hears of it) and started again each time. At the end every reply is `sent` and the
 * simulator holds exactly one post per reply: none lost, none doubled.
 */
describe('replies survive SIGKILLs between queueing and the platform’s answer', () => {
  let sim: SocialSim;
  let db: TestDatabase;
  const running: EarshotServer[] = [];

  beforeAll(async () => {
    // X would refuse a blind resend of the same text; here it posts it, so only the api's own reconciling keeps X at one post.
    sim = await createSocialSim({ scenario: 'none', rateLimits: false, seed: 13, xRefusesDuplicates: false });
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const api of running) await api.stop({ keepDatabase: true }).catch(() => undefined);
    await db?.drop();
    await sim?.close();
  });

  async function start(): Promise<EarshotServer> {
    // The shortest send lease the api accepts (20 s): a killed sender's replies are reconciled sooner after the last kill.
    const env = { SOCIAL_SIM_URL: sim.url, EARSHOT_RETRY_BASE_SECONDS: '0.5', EARSHOT_REPLY_LEASE_SECONDS: '20', LOG_LEVEL: 'error' };
    const api = await startEarshot({ database: db, env, admin: ADMIN });
    running.push(api);
    return api;
  }
  async function kill(api: EarshotServer): Promise<void> {
    await api.kill();
    running.splice(running.indexOf(api), 1);
  }

  it('posts exactly one reply per reply after 50 kills and restarts', async () => {
    const began = Date.now();
    let active = await start();
    const admin = await signIn(active.url, ADMIN);
    await firstPolls(active.url, admin.cookie);
    const sourceIds = await enableReplies(admin);
    const [agentUser] = await createAgents(admin, 1, 'crash');
    const agent = await signIn(active.url, agentUser!);
    const per = Math.ceil(KILLS / REPLY_PLATFORMS.length);
    const targets: Target[] = await seedMentions(sim, admin, sourceIds, { mastodon: per, bluesky: per, reddit: per, x: per }, 'crash');
    // Interleave the platforms: each kill hits a different one in turn.
    targets.sort((a, b) => a.externalId.localeCompare(b.externalId));
    const byPlatform = REPLY_PLATFORMS.map((p) => targets.filter((t) => t.platform === p));
    const order = Array.from({ length: KILLS }, (_, i) => byPlatform[i % byPlatform.length]![Math.floor(i / byPlatform.length)]!);

    for (const p of REPLY_PLATFORMS)
      sim.control.addFault({ kind: 'slow', platform: p, path: WRITE_PATHS[p], delayMs: ANSWER_DELAY_MS, afterWrite: true, times: 0 });

    const random = rng(20261205);
    const standby: Array<Promise<EarshotServer>> = [];
    const topUp = () => {
      while (standby.length < STANDBY) standby.push(start());
    };
    topUp();
    let writeInFlightAtKill = 0;
    const restartMs: number[] = [];
    const isWrite = (r: { method: string; path: string }) => r.method === 'POST' && (Object.values(WRITE_PATHS) as string[]).includes(r.path);
    const loopStart = Date.now();
    for (let i = 0; i < KILLS; i++) {
      const at = (s: Session): Session => ({ ...s, url: active.url });
      const lastRequest = Math.max(0, ...sim.control.requests().map((r) => r.id));
      const reply = await claimAndReply(at(agent), order[i]!, replyText(`crash-${i}`, agent.signature), `crash-reply-${i}`);
      if (reply.status === 'pending_approval') await approvePending(at(admin));
      await new Promise((r) => setTimeout(r, random() * (ANSWER_DELAY_MS + 600)));
      // A reply write made since this reply was queued that the platform has taken and not yet answered.
      if (sim.control.requests().some((r) => r.id > lastRequest && isWrite(r) && r.status === null)) writeInFlightAtKill++;
      await kill(active);
      const t0 = Date.now();
      active = await (standby.shift() ?? start());
      restartMs.push(Date.now() - t0);
      topUp();
    }
    for (const s of standby.splice(0)) await kill(await s);
    sim.control.clearFaults();
    const loopEnd = Date.now();
    expect(writeInFlightAtKill).toBeGreaterThan(0);

    // The last instance finishes the work: lapsed leases (the killed senders') are reconciled.
    const admin2: Session = { ...admin, url: active.url };
    const deadline = Date.now() + 240_000;
    for (;;) {
      const open = await repliesWithStatus(admin2, ['draft', 'pending_approval', 'approved', 'queued', 'sending', 'unknown']);
      if (open.length === 0 || Date.now() > deadline) {
        if (open.length) console.log(`still open: ${JSON.stringify(open.map((r) => [r.platform, r.status, r.lastError]))}`);
        break;
      }
      if (open.some((r) => r.status === 'pending_approval')) await approvePending(admin2);
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const drainEnd = Date.now();
    console.log(
      `reply-crash: ${KILLS} kills, ${writeInFlightAtKill} while the platform held this cycle's reply write unanswered; ` +
        `next api ready after a kill: median ${[...restartMs].sort((a, b) => a - b)[restartMs.length >> 1]} ms (standby processes: ${STANDBY}); ` +
        `set-up ${((loopStart - began) / 1000).toFixed(0)} s, kills ${((loopEnd - loopStart) / 1000).toFixed(0)} s, drain ${((drainEnd - loopEnd) / 1000).toFixed(0)} s`,
    );
    // Every reply in one read: the drain loop's two reads could each miss a reply that turned `sent` between them.
    const all = await repliesWithStatus(admin2, ['draft', 'pending_approval', 'approved', 'rejected', 'queued', 'sending', 'sent', 'failed', 'unknown']);

    // One reply row per submitted reply, every one sent, and the platform holds exactly one post for each.
    const posts = postsByTarget(sim);
    const report = order.map((t) => {
      const mine = all.filter((r) => r.mentionId === t.mentionId);
      const onPlatform = posts.get(`${t.platform}|${t.externalId}`) ?? [];
      return {
        platform: t.platform,
        replies: mine.length,
        status: mine[0]?.status,
        posts: onPlatform.length,
        idMatches: onPlatform.length === 1 && mine[0]?.externalId === onPlatform[0]!.id,
      };
    });
    const bad = report.filter((r) => r.replies !== 1 || r.status !== 'sent' || r.posts !== 1 || !r.idMatches);
    expect(bad).toEqual([]);
    expect(sim.control.replies()).toHaveLength(KILLS);
    expect(new Set(report.map((r) => r.platform))).toEqual(new Set(REPLY_PLATFORMS));
  }, 900_000);
});
