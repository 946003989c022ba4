import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIENT_EVENT_SCHEMAS, SERVER_EVENT_SCHEMAS, SOCKET_ERRORS, type ClientEventName, type Role, type ServerEventName } from '@earshot/contracts';
import fc from 'fast-check';
import request from 'supertest';
import WebSocket from 'ws';
import { io } from 'socket.io-client';
import { SlaService } from '../src/modules/sla/sla.service.js';
import { RealtimeGateway } from '../src/modules/realtime/realtime.gateway.js';
import { CrisisOnDemand } from './alerts-stream.fixture.js';
import { InboxFixture } from './factories/inbox.fixture.js';
import { UserFactory, loginAs } from './factories/user.factory.js';
import { connectSocket, connected, type TestSocket } from './utils/socket-client.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ROLES: Role[] = ['admin', 'manager', 'agent', 'trainee', 'viewer'];
const RANK = (r: Role) => ROLES.indexOf(r);

interface Ctx {
  t: TestApp;
  a: InboxFixture;
  /** A's sockets, one per role. */
  as: Record<Role, TestSocket>;
}
/** Makes the event happen in workspace A; returns a matcher for the payload it must produce. */
type Trigger = (c: Ctx) => Promise<(payload: unknown) => boolean>;
const mentionIs = (id: string) => (p: unknown) => (p as { mention?: { id?: string } }).mention?.id === id;
/** A brand's week of mentions ending in a crisis burst (alerts.raised, then alert.cleared). */
let crisis: CrisisOnDemand | undefined;

/**
 * The checked-in access table for server→client events: the least role that receives each
 * one (sockets only ever join their own workspace's room, so a role above receives it too),
 * and how the test makes it happen. `trigger: null` only for events no server code emits
 * yet; the test checks that this is still true, so adding an emitter fails it until the
 * event is probed here. An event in the contracts but not in the table fails the file.
 */
const SERVER_EVENTS: Record<ServerEventName, { minRole: Role; trigger: Trigger | null }> = {
  'mention.created': {
    minRole: 'viewer',
    trigger: async ({ a }) => mentionIs((await a.store(['acme socket matrix: created']))[0]!),
  },
  'mention.updated': {
    minRole: 'viewer',
    trigger: async ({ t, a }) => {
      const [id] = await a.store(['acme socket matrix: updated']);
      await request(t.server).patch(`/api/mentions/${id}`).set('Cookie', a.cookies.manager).send({ status: 'open' }).expect(200);
      return (p) => mentionIs(id!)(p) && (p as { mention: { status: string } }).mention.status === 'open';
    },
  },
  'mention.claimed': {
    minRole: 'viewer',
    trigger: async ({ t, a }) => {
      const [id] = await a.store(['acme socket matrix: claimed']);
      await request(t.server).post(`/api/mentions/${id}/claim`).set('Cookie', a.cookies.agent).send({}).expect(200);
      return (p) => mentionIs(id!)(p) && (p as { by: { id: string } | null }).by?.id === a.users.agent.id;
    },
  },
  'sla.breached': {
    minRole: 'viewer',
    trigger: async ({ t, a }) => {
      const [id] = await a.store(['acme socket matrix: breached']);
      await t.dataSource.query(`UPDATE mention SET sla_due_at = now() - interval '50 milliseconds' WHERE id = $1`, [id]);
      await t.app.get(SlaService).checkBreaches(new Date());
      return mentionIs(id!);
    },
  },
  'presence.changed': {
    minRole: 'viewer',
    trigger: async ({ a, as }) => {
      const [id] = await a.store(['acme socket matrix: presence']);
      as.trainee.emit('presence.viewing', { mentionId: id! });
      return (p) =>
        (p as { users: Array<{ user: { id: string }; viewing: string | null }> }).users.some((u) => u.user.id === a.users.trainee.id && u.viewing === id);
    },
  },
  'reply.updated': {
    minRole: 'viewer',
    trigger: async ({ t, a }) => {
      const [id] = await a.store(['acme socket matrix: reply']);
      await request(t.server).post(`/api/mentions/${id}/claim`).set('Cookie', a.cookies.agent).send({}).expect(200);
      const res = await request(t.server)
        .post(`/api/mentions/${id}/replies`)
        .set('Cookie', a.cookies.agent)
        .send({
          text: 'Sorry to hear that. Our team is checking it now; please send us a DM with the order details.',
          clientKey: `ck-socket-${id!.slice(0, 8)}`,
        })
        .expect(201);
      const replyId = (res.body as { id: string }).id;
      // The reply, and its mention as committed: the new change number and reply summary.
      return (p) => {
        const e = p as { seq?: number; mention?: { id?: string; seq?: number; replies?: { inFlight?: number } }; reply?: { id?: string; status?: string } };
        return mentionIs(id!)(p) && e.reply?.id === replyId && e.reply.status === 'queued' && e.seq === e.mention?.seq && e.mention?.replies?.inFlight === 1;
      };
    },
  },
  'alert.raised': {
    minRole: 'viewer',
    trigger: async ({ t, a }) => {
      const id = await (crisis ??= await CrisisOnDemand.create(t, a, 'Alertco')).raise();
      return (p) => (p as { id?: string; status?: string }).id === id && (p as { status?: string }).status === 'raised';
    },
  },
  'alert.cleared': {
    minRole: 'viewer',
    trigger: async ({ t, a }) => {
      const id = await (crisis ??= await CrisisOnDemand.create(t, a, 'Alertco')).clear();
      return (p) => (p as { id?: string; status?: string }).id === id && (p as { status?: string }).status === 'cleared';
    },
  },
};

/** Client→server events the gateway handles, with the least role it accepts them from. */
const CLIENT_EVENTS: Record<ClientEventName, { minRole: Role }> = {
  'presence.viewing': { minRole: 'viewer' },
};
/** Listeners socket.io itself (or the adapter) puts on every server-side socket. */
const BUILT_IN_LISTENERS = new Set(['disconnect', 'disconnecting', 'error']);

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') && !p.endsWith('.spec.ts') ? [p] : [];
  });
}

/**
 * SECURITY.md plan items 1 (socket half of the matrix), 7 and 9; issue 11 item 9: every
 * server→client event reaches each role of its own workspace and no socket of workspace B;
 * every client→server event is accepted per role and its effect stays in the workspace;
 * expired, ended and foreign sessions get no socket, and lose the one they had.
 */
describe('socket access matrix (integration)', () => {
  let t: TestApp;
  let url: string;
  let a: InboxFixture;
  let b: InboxFixture;
  const as = {} as Record<Role, TestSocket>;
  const bs = {} as Record<Role, TestSocket>;
  const extra: TestSocket[] = [];

  const open = async (opts: Parameters<typeof connectSocket>[1], list: TestSocket[] = extra) => {
    const s = connectSocket(url, opts);
    list.push(s);
    await connected(s);
    return s;
  };
  const clear = () => {
    for (const s of [...Object.values(as), ...Object.values(bs)]) s.received.length = 0;
  };

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    await t.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    a = await InboxFixture.create(t, 'Sockets A');
    b = await InboxFixture.create(t, 'Sockets B');
    for (const r of ROLES) {
      as[r] = await open({ cookie: a.cookies[r] });
      bs[r] = await open({ cookie: b.cookies[r] });
    }
    await sleep(200); // let the connect-time presence broadcasts settle
  });
  afterAll(async () => {
    for (const s of [...Object.values(as), ...Object.values(bs), ...extra]) s.disconnect();
    await t.close();
  });

  it('has every server event of the contracts in the table, and nothing stale', () => {
    expect(Object.keys(SERVER_EVENTS).sort()).toEqual(Object.keys(SERVER_EVENT_SCHEMAS).sort());
  });

  it('events without a trigger are really emitted by no server code yet', () => {
    const untriggered = (Object.keys(SERVER_EVENTS) as ServerEventName[]).filter((e) => SERVER_EVENTS[e].trigger === null);
    const code = sourceFiles(srcDir)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    for (const e of untriggered) expect({ event: e, emittedIn: code.includes(`'${e}'`) || code.includes(`"${e}"`) }).toEqual({ event: e, emittedIn: false });
  });

  for (const event of Object.keys(SERVER_EVENTS) as ServerEventName[]) {
    const row = SERVER_EVENTS[event];
    if (!row.trigger) continue;
    it(`${event}: reaches each role of workspace A from ${row.minRole} up, and 0 sockets of B`, async () => {
      clear();
      const matches = await row.trigger!({ t, a, as });
      // Positive control: A's sockets of every admitted role receive it.
      for (const role of ROLES) {
        if (RANK(role) > RANK(row.minRole)) continue;
        await as[role].waitFor(event, 1, matches as never, 5000);
      }
      await sleep(300);
      for (const role of ROLES) {
        const got = as[role].received.filter((r) => r.event === event && matches(r.payload)).length;
        expect({ role, received: got > 0 }).toEqual({ role, received: RANK(role) <= RANK(row.minRole) });
      }
      // Workspace B's sockets got nothing at all while A's events flowed.
      const leaked = ROLES.flatMap((role) => bs[role].received.map((r) => ({ role, event: r.event })));
      expect(leaked).toEqual([]);
    });
  }

  it('the gateway handles exactly the client events in the table', async () => {
    const gateway = t.app.get(RealtimeGateway);
    const sockets = await gateway.server.in(`user:${a.users.viewer.id}`).fetchSockets();
    const local = gateway.server.sockets.sockets.get(sockets[0]!.id)!;
    const handled = local
      .eventNames()
      .map(String)
      .filter((n) => !BUILT_IN_LISTENERS.has(n));
    expect(handled.sort()).toEqual(Object.keys(CLIENT_EVENTS).sort());
    expect(Object.keys(CLIENT_EVENTS).sort()).toEqual(Object.keys(CLIENT_EVENT_SCHEMAS).sort());
  });

  it('presence.viewing: accepted from each role, seen by A only; invalid payloads and room joins change nothing', async () => {
    const [id] = await a.store(['acme socket matrix: viewing per role']);
    for (const role of ROLES) {
      clear();
      as[role].emit('presence.viewing', { mentionId: id! });
      const accepted = RANK(role) <= RANK(CLIENT_EVENTS['presence.viewing'].minRole);
      const seen = (p: unknown) =>
        (p as { users: Array<{ user: { id: string }; viewing: string | null }> }).users.some((u) => u.user.id === a.users[role].id && u.viewing === id);
      if (accepted) await as.admin.waitFor('presence.changed', 1, seen as never);
      await sleep(150);
      expect({ role, seen: as.admin.received.some((r) => r.event === 'presence.changed' && seen(r.payload)) }).toEqual({ role, seen: accepted });
      expect(ROLES.flatMap((r) => bs[r].received)).toEqual([]);
      as[role].emit('presence.viewing', { mentionId: null });
    }
    // A socket cannot join B's room by asking, nor smuggle a non-uuid into presence.
    await sleep(200); // the last `viewing: null` broadcast
    clear();
    const raw = as.agent as unknown as { emit: (e: string, ...p: unknown[]) => void };
    raw.emit('join', `ws:${b.workspaceId}`);
    raw.emit('subscribe', { room: `ws:${b.workspaceId}` });
    raw.emit('presence.viewing', { mentionId: 'not-a-uuid' });
    raw.emit('presence.viewing', { mentionId: id, workspaceId: b.workspaceId });
    await sleep(200);
    expect(as.admin.received.filter((r) => r.event === 'presence.changed')).toEqual([]);
    // B's activity still reaches B and not the socket that asked to join B.
    const [bid] = await b.store(['acme B activity after the join attempt']);
    await bs.viewer.waitFor('mention.created', 1, mentionIs(bid!) as never);
    await sleep(200);
    expect(ROLES.flatMap((r) => as[r].received.filter((e) => e.event !== 'presence.changed'))).toEqual([]);
  });

  it('fast-check frames to every client event (and unknown ones): health stays green, no unhandled rejection, events still flow', async () => {
    // SECURITY.md plan item 12: generated JSON payloads and raw `42…` frames on an authenticated socket.
    // An unhandled rejection anywhere in the process fails this test: Jest fails the running test
    // on one (checked with a probe `Promise.reject` in a spec; listeners on Jest's `process` copy never fire).
    const token = a.cookies.manager.split('=')[1]!;
    const events = [...Object.keys(CLIENT_EVENTS), 'join', '__proto__', 'constructor', 'disconnect', 'error'];
    const frame = fc.oneof(
      fc.tuple(fc.constantFrom(...events), fc.jsonValue({ maxDepth: 4 })).map(([e, v]) => '42' + JSON.stringify([e, v])),
      fc.tuple(fc.constantFrom(...events), fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 })).map(([e, vs]) => '42' + JSON.stringify([e, ...vs])),
      fc.string({ maxLength: 200 }).map((x) => '42' + x),
      fc.string({ maxLength: 50 }).map((x) => x),
      fc.jsonValue({ maxDepth: 3 }).map((v) => '42' + JSON.stringify(v)),
    );
    const sendAll = (frames: string[]) =>
      new Promise<void>((resolve) => {
        const ws = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`, { headers: { Cookie: `earshot_session=${token}` } });
        ws.on('open', () => ws.send('40'));
        ws.on('message', (data) => {
          if (!String(data).startsWith('40')) return;
          for (const f of frames) ws.send(f);
          setTimeout(() => ws.close(), 30);
        });
        ws.on('close', () => resolve());
        ws.on('error', () => resolve());
      });
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 5 }), async (frames) => {
        await sendAll(frames);
        return true;
      }),
      { numRuns: 60 },
    );
    await request(t.server).get('/api/health').expect(200);
    await sleep(100);
    clear();
    const [id] = await a.store(['acme after the generated frames']);
    await as.viewer.waitFor('mention.created', 1, mentionIs(id!) as never);
  });

  it('a session that expires while connected loses its socket at the next re-check, and cannot connect again', async () => {
    const u = await UserFactory.create(t, { workspaceId: a.workspaceId, role: 'agent' });
    const cookie = await loginAs(t, u.email);
    const s = await open({ cookie });
    const closed = new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason)));
    await t.dataSource.query(`UPDATE session SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [u.id]);
    await t.app.get(RealtimeGateway).recheckSessions();
    expect(await closed).toBe('io server disconnect');
    await expect(connected(connectSocket(url, { cookie }))).rejects.toMatchObject({
      message: 'unauthenticated',
      data: { message: SOCKET_ERRORS.unauthenticated },
    });
    // The socket that was closed received nothing of A afterwards (it is gone from the room).
    s.received.length = 0;
    await a.store(['acme after the expiry']);
    await sleep(200);
    expect(s.received).toEqual([]);
  });

  it('recovery does not revive a session: recovery is off, and a reconnect with a pid and offset after logout is refused', async () => {
    // SECURITY.md plan item 8. socket.io's connection-state recovery would restore a socket's
    // rooms without running the handshake middleware again; the gateway does not enable it.
    const opts = (t.app.get(RealtimeGateway).server as unknown as { opts: { connectionStateRecovery?: unknown } }).opts;
    expect(opts.connectionStateRecovery).toBeFalsy();
    const u = await UserFactory.create(t, { workspaceId: a.workspaceId, role: 'agent' });
    const cookie = await loginAs(t, u.email);
    const s = await open({ cookie });
    const pid = s.id;
    const closed = new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason)));
    await request(t.server).post('/api/auth/logout').set('Cookie', cookie).expect(204);
    expect(await closed).toBe('io server disconnect');
    const again = io(url, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { Cookie: cookie },
      auth: { pid, offset: '0' },
      reconnection: false,
      forceNew: true,
    });
    try {
      const outcome = await new Promise<unknown>((resolve, reject) => {
        again.once('connect', () => resolve({ connected: true, recovered: again.recovered }));
        again.once('connect_error', (e) => reject(e));
      });
      throw new Error(`reconnected after logout: ${JSON.stringify(outcome)}`);
    } catch (e) {
      expect(e).toMatchObject({ message: 'unauthenticated' });
    } finally {
      again.disconnect();
    }
  });

  it('refuses a socket whose session expired before it connected, by cookie or handshake token', async () => {
    const u = await UserFactory.create(t, { workspaceId: a.workspaceId, role: 'viewer' });
    const cookie = await loginAs(t, u.email);
    await t.dataSource.query(`UPDATE session SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [u.id]);
    await expect(connected(connectSocket(url, { cookie }))).rejects.toMatchObject({ message: 'unauthenticated' });
    await expect(connected(connectSocket(url, { token: cookie.split('=')[1]! }))).rejects.toMatchObject({ message: 'unauthenticated' });
    await request(t.server).get('/api/auth/me').set('Cookie', cookie).expect(401);
  });

  it('a demoted user: the next write is refused at once and the socket carries the new role after the re-check', async () => {
    const u = await UserFactory.create(t, { workspaceId: a.workspaceId, role: 'manager' });
    const cookie = await loginAs(t, u.email);
    const s = await open({ cookie });
    const [id] = await a.store(['acme demotion probe']);
    await request(t.server).patch(`/api/mentions/${id}`).set('Cookie', cookie).send({ status: 'open' }).expect(200);
    await request(t.server).patch(`/api/users/${u.id}`).set('Cookie', a.cookies.admin).send({ role: 'viewer' }).expect(200);
    await request(t.server).patch(`/api/mentions/${id}`).set('Cookie', cookie).send({ status: 'pending' }).expect(403);
    await t.app.get(RealtimeGateway).recheckSessions();
    const [server] = await t.app.get(RealtimeGateway).server.in(`user:${u.id}`).fetchSockets();
    expect(server?.data.role).toBe('viewer');
    expect(s.connected).toBe(true);
  });
});
