import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DELIVERY_HEADER, WEBHOOK_RETRY_DELAYS_SECONDS, WebhookOutboxService } from '../src/common/webhooks/webhook-outbox.service.js';
import { WebhookDeliveriesRepository } from '../src/common/webhooks/webhook-deliveries.repository.js';
import { WorkspaceFactory } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * The webhook outbox (common/webhooks) with two api instances on one PostgreSQL database and a
 * receiver on loopback: nothing is lost (a delivery written before a restart is sent by the next
 * instance), nothing is posted twice at once (two senders racing for one delivery: one POST), and a
 * retry carries the same delivery id. Needs the PostgreSQL server this machine runs, like
 * auth-throttle.int-spec.ts.
 */
const PG = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Hit {
  id: string;
  event: string | undefined;
  body: string;
  status: number;
}

describe('webhook deliveries (outbox, two instances)', () => {
  const saved = process.env.TEST_DATABASE_URL;
  let hook: Server;
  const hits: Hit[] = [];
  /** What the receiver answers, in order (then 200); `holdMs` delays every answer. */
  let answers: number[] = [];
  let holdMs = 0;
  let one: TestApp;
  let two: TestApp;
  let workspaceId: string;

  beforeAll(async () => {
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const status = answers.shift() ?? 200;
        hits.push({
          id: String(req.headers[DELIVERY_HEADER.toLowerCase()]),
          event: (req.headers as IncomingHttpHeaders)['x-earshot-event'] as string,
          body,
          status,
        });
        setTimeout(() => {
          res.statusCode = status;
          res.end();
        }, holdMs);
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    process.env.TEST_DATABASE_URL = PG;
    const env = { EARSHOT_ALLOWED_PRIVATE_HOSTS: `127.0.0.1:${(hook.address() as AddressInfo).port}`, EARSHOT_OWNER_DIGEST_CRON: 'off' };
    one = await createTestApp(env);
    two = await createTestApp({ ...env, DATABASE_URL: one.config.database.engine === 'postgres' ? one.config.database.url : '' });
    for (const t of [one, two]) t.app.get(WebhookOutboxService).retryDelaysSeconds = [0, 0, 0];
    workspaceId = (await WorkspaceFactory.create(one)).id;
  }, 120_000);

  afterAll(async () => {
    await two?.close();
    await one?.close();
    await new Promise((r) => hook.close(r));
    if (saved === undefined) delete process.env.TEST_DATABASE_URL;
    else process.env.TEST_DATABASE_URL = saved;
  });

  beforeEach(() => {
    hits.length = 0;
    answers = [];
    holdMs = 0;
  });

  const url = (path = '/hook') => `http://127.0.0.1:${(hook.address() as AddressInfo).port}${path}`;
  const enqueue = (t: TestApp, payload: object = { n: 1 }, target = url()) =>
    t.dataSource.transaction((tx) => t.app.get(WebhookOutboxService).enqueue(tx, { workspaceId, event: 'test.event', url: target, payload }));
  const row = async (t: TestApp, id: string) => (await t.app.get(WebhookDeliveriesRepository).findOne(workspaceId, id))!;

  it('retries a 503 with the same delivery id and delivers once', async () => {
    const id = await enqueue(one, { hello: 'world' });
    expect(await row(one, id)).toMatchObject({ status: 'pending', attempts: 0 });
    answers = [503];
    const first = await one.app.get(WebhookOutboxService).runDue();
    expect(first).toEqual([{ id, attempt: 1, status: 'pending' }]);
    expect(await row(one, id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'the receiver answered 503' });
    // The retry may be taken by any instance: here the other one.
    const second = await two.app.get(WebhookOutboxService).runDue();
    expect(second).toEqual([{ id, attempt: 2, status: 'delivered' }]);
    expect(hits.map((h) => [h.id, h.status])).toEqual([
      [id, 503],
      [id, 200],
    ]);
    expect(hits.filter((h) => h.status === 200)).toHaveLength(1);
    expect(hits[1]!.event).toBe('test.event');
    expect(JSON.parse(hits[1]!.body)).toEqual({ hello: 'world' });
    expect(await row(one, id)).toMatchObject({ status: 'delivered', attempts: 2, deliveredAt: expect.any(Date) });
    // Nothing is due any more.
    expect(await one.app.get(WebhookOutboxService).drain()).toEqual([]);
    expect(hits).toHaveLength(2);
  });

  it('posts a delivery once when two instances race for it', async () => {
    const ids = await Promise.all([1, 2, 3, 4, 5].map((n) => enqueue(one, { n })));
    holdMs = 300;
    const [a, b] = await Promise.all([one.app.get(WebhookOutboxService).runDue(), two.app.get(WebhookOutboxService).runDue()]);
    expect([...a, ...b].map((o) => o.id).sort()).toEqual([...ids].sort());
    expect(hits.map((h) => h.id).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(await row(one, id)).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('a delivery written before a restart is sent by the next instance', async () => {
    // Instance one committed the change and its delivery, and went away before its sender ran (background work is off here).
    const id = await enqueue(one, { survives: true });
    const restarted = await createTestApp({
      EARSHOT_ALLOWED_PRIVATE_HOSTS: `127.0.0.1:${(hook.address() as AddressInfo).port}`,
      EARSHOT_OWNER_DIGEST_CRON: 'off',
      DATABASE_URL: one.config.database.engine === 'postgres' ? one.config.database.url : '',
    });
    try {
      expect(hits).toEqual([]);
      expect(await restarted.app.get(WebhookOutboxService).runDue()).toEqual([{ id, attempt: 1, status: 'delivered' }]);
      expect(hits.map((h) => h.id)).toEqual([id]);
    } finally {
      await restarted.close();
    }
  });

  it('a sender that died mid-POST: once its lease lapses another instance posts again with the same id; the stale outcome writes nothing', async () => {
    const id = await enqueue(one, { crash: true });
    const repo = one.app.get(WebhookDeliveriesRepository);
    // Instance one takes the lease (1 s) and "dies" before it records anything.
    const [leased] = await repo.leaseDue(10, 1, 3);
    expect(leased).toMatchObject({ id, attempts: 1 });
    // While the lease is live nobody else takes it.
    expect(await two.app.get(WebhookOutboxService).runDue()).toEqual([]);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await two.app.get(WebhookOutboxService).runDue()).toEqual([{ id, attempt: 2, status: 'delivered' }]);
    expect(hits.map((h) => h.id)).toEqual([id]);
    // The dead sender's late write is fenced out.
    expect(await repo.finish(id, leased!.leaseToken, { status: 'failed', lastError: 'late' })).toBe(false);
    expect(await row(one, id)).toMatchObject({ status: 'delivered', attempts: 2, lastError: null });
  });

  it('backs off 10 s, 1 min, 5 min, 30 min: a receiver down for 10 minutes (simulated clock) leaves the delivery pending', async () => {
    const outbox = one.app.get(WebhookOutboxService);
    outbox.retryDelaysSeconds = WEBHOOK_RETRY_DELAYS_SECONDS;
    try {
      const id = await enqueue(one, { n: 'down' });
      answers = Array<number>(10).fill(503);
      const waits: number[] = [];
      let downFor = 0;
      for (;;) {
        expect(await outbox.runDue()).toEqual([expect.objectContaining({ id, status: 'pending' })]);
        const [r] = (await one.dataSource.query(`SELECT extract(epoch FROM next_attempt_at - now())::float AS wait FROM webhook_delivery WHERE id = $1`, [
          id,
        ])) as Array<{ wait: number }>;
        const wait = Math.round(r!.wait);
        waits.push(wait);
        if (downFor + wait > 600) break;
        // The clock moves to the next attempt.
        downFor += wait;
        await one.dataSource.query(`UPDATE webhook_delivery SET next_attempt_at = now() WHERE id = $1`, [id]);
      }
      expect(waits).toEqual([10, 60, 300, 1800]);
      expect(await row(one, id)).toMatchObject({ status: 'pending', attempts: 4, lastError: 'the receiver answered 503' });
      expect(hits.map((h) => h.id)).toEqual([id, id, id, id]);
      // Nothing is due before its time.
      expect(await outbox.runDue()).toEqual([]);
      await one.dataSource.query(`UPDATE webhook_delivery SET status = 'failed' WHERE id = $1`, [id]);
    } finally {
      outbox.retryDelaysSeconds = [0, 0, 0];
    }
  });

  it('with background work on, a kick after commit sends it without waiting for the tick', async () => {
    const outbox = two.app.get(WebhookOutboxService);
    outbox.background = true;
    try {
      const id = await enqueue(two, { n: 'kick' });
      outbox.kick();
      for (let i = 0; i < 100 && (await row(two, id)).status === 'pending'; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await row(two, id)).toMatchObject({ status: 'delivered', attempts: 1 });
      expect(hits.map((h) => h.id)).toEqual([id]);
    } finally {
      outbox.background = false;
    }
  });

  it('gives up after the last attempt, at once on a 4xx or a refused address, and a rolled-back change sends nothing', async () => {
    const outbox = one.app.get(WebhookOutboxService);
    const flaky = await enqueue(one, { n: 'flaky' });
    answers = [503, 502, 500];
    await outbox.drain();
    expect(hits.map((h) => h.status)).toEqual([503, 502, 500]);
    expect(await row(one, flaky)).toMatchObject({ status: 'failed', attempts: 3 });
    expect((await row(one, flaky)).lastError).toContain('gave up after 3 attempts');

    hits.length = 0;
    const gone = await enqueue(one, { n: 'gone' });
    answers = [410];
    await outbox.drain();
    expect(hits).toHaveLength(1);
    expect(await row(one, gone)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'the receiver answered 410' });

    hits.length = 0;
    const refused = await enqueue(one, { n: 'refused' }, 'http://127.0.0.1:1/hook');
    await outbox.drain();
    expect(hits).toHaveLength(0);
    expect(await row(one, refused)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await row(one, refused)).lastError).toContain('refused');

    // A sender that died during the last allowed attempt: the delivery fails, it is not posted a fourth time.
    const last = await enqueue(one, { n: 'last' });
    await one.dataSource.query(
      `UPDATE webhook_delivery SET attempts = 3, next_attempt_at = now() - interval '1 second', lease_token = gen_random_uuid() WHERE id = $1`,
      [last],
    );
    await outbox.drain();
    expect(hits).toHaveLength(0);
    expect(await row(one, last)).toMatchObject({ status: 'failed', attempts: 3 });

    await expect(
      one.dataSource.transaction(async (tx) => {
        await outbox.enqueue(tx, { workspaceId, event: 'test.event', url: url(), payload: { n: 'rolled back' } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const rows = (await one.dataSource.query(`SELECT count(*)::int AS n FROM webhook_delivery WHERE payload->>'n' = 'rolled back'`)) as Array<{ n: number }>;
    expect(rows[0]!.n).toBe(0);
  });
});
