/**
 * The connector contract, run against the real simulator over HTTP (connectors.md §10).
 * One suite per platform: paging back to the stored cursor, restart mid-run, every fault class,
 * replies and exactly-once under a lost response.
 */
import { ConnectorError, type Connector, type ConnectorOptions, type Mention, type SourceConfig } from '@earshot/connectors';
import { createSocialSim, type SimPlatform, type SocialSim } from '../../src/index.js';

export interface PlatformSpec {
  platform: SimPlatform;
  make(options?: ConnectorOptions): Connector<unknown>;
  source(sim: SocialSim): SourceConfig;
  /** Seeds `count` posts the source will find; returns their externalIds. */
  seed(sim: SocialSim, count: number): string[];
  /** The endpoint the poll reads (fault targeting). */
  pollPath: string;
  /** Write endpoint (lost_response targeting); null when the platform has no replies. */
  writePath: string | null;
  /** Bluesky/Reddit refresh their tokens; Mastodon/X cannot. */
  refreshes: boolean;
  exactlyOnce: 'idempotency-key' | 'reconcile' | 'none';
  /** Reads the reset instant from the 429 response headers the simulator sent. */
  resetFromHeaders(headers: Record<string, string>, now: number): number | null;
  /** Feeds have no paging: the downtime tests use this many posts (the feed shows 50). */
  maxBacklog?: number;
}

export const signal = (): AbortSignal => AbortSignal.timeout(20_000);

export async function drain(
  connector: Connector<unknown>,
  source: SourceConfig,
  cursor: unknown,
  maxPages = 200,
): Promise<{ mentions: Mention[]; cursor: unknown; pages: number }> {
  const mentions: Mention[] = [];
  let pages = 0;
  for (;;) {
    const r = await connector.poll(source, cursor, signal());
    mentions.push(...r.mentions);
    // The api stores the cursor as jsonb: it must survive a JSON round trip.
    cursor = JSON.parse(JSON.stringify(r.nextCursor)) as unknown;
    pages++;
    if (!r.more) break;
    if (pages >= maxPages) throw new Error(`no end after ${maxPages} pages`);
  }
  return { mentions, cursor, pages };
}

async function failureOf(p: Promise<unknown>): Promise<ConnectorError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ConnectorError) return err;
    throw err;
  }
  throw new Error('expected a ConnectorError');
}

const ids = (ms: Mention[]): string[] => ms.map((m) => m.externalId);

export function connectorContract(spec: PlatformSpec): void {
  describe(`${spec.platform} connector against the simulator`, () => {
    let sim: SocialSim;
    let source: SourceConfig;
    const backlog = spec.maxBacklog ?? 300;

    beforeEach(async () => {
      sim = await createSocialSim({ seed: 11 });
      source = spec.source(sim);
    });
    afterEach(async () => {
      await sim.close();
    });

    it('first poll returns the newest page, normalised', async () => {
      const seeded = spec.seed(sim, 5);
      const r = await spec.make().poll(source, null, signal());
      expect(ids(r.mentions).sort()).toEqual([...seeded].sort());
      for (const m of r.mentions) {
        expect(m.platform).toBe(spec.platform);
        expect(m.sourceKey).toBe(source.sourceKey);
        expect(m.text.length).toBeGreaterThan(0);
        expect(m.text).not.toMatch(/<\/?(p|span|a)\b/);
        expect(m.author.handle.length).toBeGreaterThan(0);
        expect(Number.isNaN(Date.parse(m.createdAt))).toBe(false);
        if (m.url !== null) expect(m.url).toMatch(/^https?:\/\//);
        expect(m.replyTarget.platform).toBe(spec.platform);
      }
      if (spec.platform !== 'rss') expect(r.rateLimit).not.toBeNull();
      expect(JSON.parse(JSON.stringify(r.nextCursor))).toEqual(r.nextCursor);
    });

    it(`after downtime, pages back to the stored cursor: exactly the ${backlog} new posts`, async () => {
      const before = spec.seed(sim, 3);
      const connector = spec.make();
      const first = await connector.poll(source, null, signal());
      expect(ids(first.mentions).sort()).toEqual([...before].sort());
      const seeded = spec.seed(sim, backlog);
      const { mentions, pages, cursor } = await drain(connector, source, first.nextCursor);
      const got = new Set(ids(mentions));
      for (const id of seeded) expect(got.has(id)).toBe(true);
      for (const id of got) expect([...seeded, ...before]).toContain(id);
      if (spec.platform !== 'rss') expect(pages).toBeGreaterThan(1);
      // Nothing new since: the next run ends, re-reading at most the overlap window.
      const again = await drain(connector, source, cursor);
      for (const id of ids(again.mentions)) expect([...seeded, ...before]).toContain(id);
    });

    it('resumes after a restart mid-run from the last stored cursor', async () => {
      spec.seed(sim, 2);
      const first = await spec.make().poll(source, null, signal());
      const seeded = spec.seed(sim, backlog);
      const a = spec.make();
      let cursor: unknown = first.nextCursor;
      const seen: Mention[] = [];
      for (let i = 0; i < 2; i++) {
        const r = await a.poll(source, cursor, signal());
        seen.push(...r.mentions);
        cursor = JSON.parse(JSON.stringify(r.nextCursor)) as unknown;
        if (!r.more) break;
      }
      // A new process: fresh connector, cursor from the "database".
      const rest = await drain(spec.make(), source, cursor);
      const got = new Set(ids([...seen, ...rest.mentions]));
      expect(seeded.filter((id) => !got.has(id))).toEqual([]);
    });

    it('429 → rate_limited with retryAt = the reset in the headers; the cursor stays usable', async () => {
      const seeded = spec.seed(sim, 4);
      sim.control.addFault({ kind: 'rate_limit', platform: spec.platform, path: spec.pollPath, resetInSec: 120 });
      const err = await failureOf(spec.make().poll(source, null, signal()));
      expect(err.failure).toBe('rate_limited');
      expect(err.status).toBe(429);
      const sent = sim.control
        .requests(spec.platform)
        .filter((e) => e.status === 429)
        .at(-1);
      const expected = spec.resetFromHeaders(sent?.headers ?? {}, Date.now());
      if (expected === null) expect(err.retryAt).toBeUndefined();
      else if (spec.platform === 'reddit') expect(Math.abs((err.retryAt?.getTime() ?? 0) - expected)).toBeLessThan(5000);
      else expect(err.retryAt?.getTime()).toBe(expected);
      const ok = await spec.make().poll(source, null, signal());
      expect(ids(ok.mentions).sort()).toEqual([...seeded].sort());
    });

    it('5xx burst → retry each time, then the page arrives', async () => {
      spec.seed(sim, 3);
      sim.control.addFault({ kind: 'server_error', platform: spec.platform, path: spec.pollPath, times: 3, status: 503 });
      const c = spec.make();
      for (let i = 0; i < 3; i++) {
        const err = await failureOf(c.poll(source, null, signal()));
        expect(err.failure).toBe('retry');
        expect(err.status).toBe(503);
      }
      expect((await c.poll(source, null, signal())).mentions).toHaveLength(3);
    });

    it.each(['truncated', 'html'] as const)('malformed body (%s) → retry', async (variant) => {
      spec.seed(sim, 2);
      sim.control.addFault({ kind: 'malformed', platform: spec.platform, path: spec.pollPath, variant });
      const err = await failureOf(spec.make().poll(source, null, signal()));
      expect(err.failure).toBe('retry');
    });

    if (spec.platform !== 'rss') {
      it('expired token: refreshes once when the platform allows it, else auth_expired', async () => {
        spec.seed(sim, 2);
        const c = spec.make();
        await c.poll(source, null, signal()); // establishes a session / token
        sim.control.addFault({ kind: 'expired_token', platform: spec.platform, path: spec.pollPath });
        if (spec.refreshes) {
          const r = await c.poll(source, null, signal());
          expect(r.mentions).toHaveLength(2);
        } else {
          expect((await failureOf(c.poll(source, null, signal()))).failure).toBe('auth_expired');
        }
      });

      it('revoked credentials → auth_expired', async () => {
        spec.seed(sim, 1);
        const c = spec.make();
        await c.poll(source, null, signal());
        sim.control.addFault({ kind: 'expired_token', platform: spec.platform, path: spec.pollPath, revoke: true });
        const err = await failureOf(c.poll(source, null, signal()));
        expect(err.failure).toBe('auth_expired');
      });
    }

    it('a hanging server → disconnect at the per-request timeout', async () => {
      sim.control.addFault({ kind: 'hang', platform: spec.platform, path: spec.pollPath });
      const err = await failureOf(spec.make({ timeoutMs: 300 }).poll(source, null, signal()));
      expect(err.failure).toBe('disconnect');
    });

    it('a hanging server → disconnect when the caller aborts', async () => {
      sim.control.addFault({ kind: 'hang', platform: spec.platform, path: spec.pollPath });
      const ac = new AbortController();
      const p = spec.make().poll(source, null, ac.signal);
      setTimeout(() => ac.abort(), 100);
      expect((await failureOf(p)).failure).toBe('disconnect');
    });

    it('a dropped connection → disconnect; a slow answer inside the timeout is fine', async () => {
      spec.seed(sim, 2);
      sim.control.addFault({ kind: 'disconnect', platform: spec.platform, path: spec.pollPath });
      expect((await failureOf(spec.make().poll(source, null, signal()))).failure).toBe('disconnect');
      sim.control.addFault({ kind: 'slow', platform: spec.platform, path: spec.pollPath, delayMs: 150 });
      expect((await spec.make({ timeoutMs: 10_000 }).poll(source, null, signal())).mentions).toHaveLength(2);
    });

    it('duplicates across pages and out-of-order pages still yield every id', async () => {
      const c = spec.make();
      const first = await c.poll(source, null, signal());
      const seeded = spec.seed(sim, backlog);
      sim.control.addFault({ kind: 'duplicates', platform: spec.platform, path: spec.pollPath, times: 0, count: 7 });
      sim.control.addFault({ kind: 'out_of_order', platform: spec.platform, path: spec.pollPath, times: 0 });
      const { mentions } = await drain(c, source, first.nextCursor);
      const got = new Set(ids(mentions));
      expect(seeded.filter((id) => !got.has(id))).toEqual([]);
      expect([...got].every((id) => seeded.includes(id))).toBe(true);
    });

    it('posts deleted mid-run do not make the poll skip the others', async () => {
      const c = spec.make();
      const first = await c.poll(source, null, signal());
      const seeded = spec.seed(sim, backlog);
      const r1 = await c.poll(source, first.nextCursor, signal());
      const deleted = new Set(sim.control.deletePosts(spec.platform, { count: 30 }));
      const rest = await drain(c, source, r1.nextCursor);
      const got = new Set(ids([...r1.mentions, ...rest.mentions]));
      expect(seeded.filter((id) => !deleted.has(id) && !got.has(id))).toEqual([]);
    });

    if (spec.writePath) {
      const writePath = spec.writePath;
      it('reply() posts one public reply under the mention', async () => {
        spec.seed(sim, 1);
        const c = spec.make();
        const [m] = (await c.poll(source, null, signal())).mentions;
        const res = await c.reply(source, m!.replyTarget, 'Sorry to hear that, we are on it. DM us your order number?', {
          idempotencyKey: 'reply-1',
          signal: signal(),
        });
        const replies = sim.control.replies(spec.platform);
        expect(replies).toHaveLength(1);
        expect(replies[0]!.inReplyTo).toBe(m!.externalId);
        expect(replies[0]!.id).toBe(res.externalId);
      });

      it.each([
        ['a lost reply response', { kind: 'lost_response' }, 'disconnect', signal],
        ['a 503 after the write', { kind: 'server_error', status: 503, afterWrite: true }, 'retry', signal],
        ['a timeout after the write', { kind: 'hang', afterWrite: true }, 'disconnect', () => AbortSignal.timeout(500)],
      ] as const)('%s + retry → exactly one reply on the platform', async (_name, fault, failure, firstSignal) => {
        spec.seed(sim, 1);
        const c = spec.make();
        const [m] = (await c.poll(source, null, signal())).mentions;
        const text = 'Thanks for flagging this, a teammate is looking into it now.';
        sim.control.addFault({ ...fault, platform: spec.platform, path: writePath });
        const lost = await failureOf(c.reply(source, m!.replyTarget, text, { idempotencyKey: 'key-42', signal: firstSignal() }));
        expect(lost.failure).toBe(failure);
        expect(sim.control.replies(spec.platform)).toHaveLength(1); // it landed

        let result;
        if (spec.exactlyOnce === 'reconcile') {
          // No idempotency key on this platform: the outbox reconciles before any resend.
          const existing = await c.findExistingReply!(source, m!.replyTarget, text, signal());
          expect(existing?.externalId).toBe(sim.control.replies(spec.platform)[0]!.id);
          result = existing;
        } else {
          result = await c.reply(source, m!.replyTarget, text, { idempotencyKey: 'key-42', signal: signal() });
        }
        expect(sim.control.replies(spec.platform)).toHaveLength(1);
        expect(result?.externalId).toBe(sim.control.replies(spec.platform)[0]!.id);
      });
    }
  });
}
