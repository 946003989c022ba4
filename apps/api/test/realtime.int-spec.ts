import type { AddressInfo } from 'node:net';
import { MentionChangesSchema, type Mention } from '@earshot/contracts';
import request from 'supertest';
import WebSocket from 'ws';
import { jest } from '@jest/globals';
import { MentionsRepository } from '../src/modules/mentions/mentions.repository.js';
import { RealtimeGateway } from '../src/modules/realtime/realtime.gateway.js';
import { InboxFixture } from './factories/inbox.fixture.js';
import { connectSocket, connected, type TestSocket } from './utils/socket-client.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('realtime: socket.io gateway (integration)', () => {
  let t: TestApp;
  let url: string;
  let a: InboxFixture;
  let b: InboxFixture;
  const sockets: TestSocket[] = [];
  const open = async (opts: Parameters<typeof connectSocket>[1]) => {
    const s = connectSocket(url, opts);
    sockets.push(s);
    await connected(s);
    return s;
  };

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    await t.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    a = await InboxFixture.create(t, 'Realtime A');
    b = await InboxFixture.create(t, 'Realtime B');
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => t.close());

  it('refuses sockets without a live session, with a token in the query string, or from a foreign origin', async () => {
    await expect(connected(connectSocket(url))).rejects.toMatchObject({ message: 'unauthenticated' });
    await expect(connected(connectSocket(url, { cookie: 'earshot_session=forged' }))).rejects.toMatchObject({ message: 'unauthenticated' });
    const token = a.cookies.agent.split('=')[1]!;
    await expect(connected(connectSocket(url, { query: { token } }))).rejects.toMatchObject({ message: 'unauthenticated' });
    await expect(connected(connectSocket(url, { cookie: a.cookies.agent, origin: 'https://evil.example' }))).rejects.toBeTruthy();
    // The same session works from the site's own origin, by cookie or handshake token.
    await open({ cookie: a.cookies.agent, origin: url });
    await open({ token });
  });

  it('a new mention reaches exactly the clients of its own workspace', async () => {
    const a1 = await open({ cookie: a.cookies.agent });
    const a2 = await open({ cookie: a.cookies.viewer });
    const b1 = await open({ cookie: b.cookies.admin });
    const [id] = await a.store(['acme my order is missing']);
    const [e1] = await a1.waitFor('mention.created', 1, (p) => p.mention.id === id);
    await a2.waitFor('mention.created', 1, (p) => p.mention.id === id);
    expect(e1!.mention).toMatchObject({ id, text: 'acme my order is missing', status: 'new' });
    expect(e1!.seq).toBe(e1!.mention.seq);
    await sleep(300);
    expect(b1.received.filter((r) => r.event.startsWith('mention.'))).toEqual([]);
    // B's own mention reaches B only.
    const [bid] = await b.store(['acme B-only post']);
    await b1.waitFor('mention.created', 1, (p) => p.mention.id === bid);
    await sleep(200);
    expect(a1.received.some((r) => (r.payload as { mention?: Mention }).mention?.id === bid)).toBe(false);
    // Nothing secret rides on events: no e-mail addresses, session tokens or password hashes.
    const wire = JSON.stringify([...a1.received, ...a2.received, ...b1.received]);
    expect(wire).not.toMatch(/@example\.test|earshot_session|\$argon2/);
  });

  it('a client that was away while 100 mentions arrived has all 100 after catching up, none twice', async () => {
    const s = await open({ cookie: a.cookies.agent });
    const start = (await request(t.server).get('/api/mentions?limit=1').set('Cookie', a.cookies.agent).expect(200)).body.seq as number;
    // The client's list: mentions by id, each with the seq it was last seen at.
    const list = new Map<string, number>();
    const apply = (m: Mention) => {
      const prev = list.get(m.id);
      if (prev === undefined || m.seq > prev) list.set(m.id, m.seq);
    };
    let lastSeq = start;
    s.on('mention.created', (e) => {
      apply(e.mention);
      lastSeq = Math.max(lastSeq, e.seq);
    });
    const [first] = await a.store(['acme before the drop']);
    await s.waitFor('mention.created', 1, (p) => p.mention.id === first);
    s.disconnect();
    const ids: string[] = [];
    for (let page = 0; page < 4; page++) ids.push(...(await a.store(Array.from({ length: 25 }, (_, i) => `acme while away ${page}-${i}`))));
    expect(ids).toHaveLength(100);
    await request(t.server).patch(`/api/mentions/${ids[3]}`).set('Cookie', a.cookies.manager).send({ status: 'open' }).expect(200);
    // Reconnect and catch up from the last sequence seen, page by page.
    const again = await open({ cookie: a.cookies.agent });
    let since = lastSeq;
    let calls = 0;
    for (;;) {
      const res = MentionChangesSchema.parse(
        (await request(t.server).get(`/api/mentions/changes?since=${since}&limit=30`).set('Cookie', a.cookies.agent).expect(200)).body,
      );
      res.items.forEach(apply);
      since = res.seq;
      calls++;
      if (!res.hasMore) break;
    }
    expect(calls).toBeGreaterThan(1);
    for (const id of ids) expect(list.has(id)).toBe(true);
    const afterDrop = [...list.keys()].filter((id) => id !== first);
    expect(afterDrop.filter((id) => ids.includes(id))).toHaveLength(100);
    expect(new Set(afterDrop).size).toBe(afterDrop.length);
    again.disconnect();
  });

  it('claims and presence are live: the team sees who is replying and who is online', async () => {
    const agent = await open({ cookie: a.cookies.agent });
    const manager = await open({ cookie: a.cookies.manager });
    agent.emit('presence.viewing', { mentionId: null });
    const [id] = await a.store(['acme I was charged twice']);
    manager.emit('presence.viewing', { mentionId: id! });
    const presence = await agent.waitFor('presence.changed', 1, (p) => p.users.some((u) => u.user.id === a.users.manager.id && u.viewing === id));
    expect(presence.at(-1)!.users.map((u) => u.user.id)).toEqual(expect.arrayContaining([a.users.agent.id, a.users.manager.id]));
    await request(t.server).post(`/api/mentions/${id}/claim`).set('Cookie', a.cookies.agent).send({}).expect(200);
    const [claimed] = await manager.waitFor('mention.claimed', 1, (p) => p.mention.id === id);
    expect(claimed!.by).toEqual({ id: a.users.agent.id, name: 'agent user' });
    expect(claimed!.mention.claim?.user.id).toBe(a.users.agent.id);
    // Invalid client payloads are ignored, never crash the server.
    manager.emit('presence.viewing', { mentionId: 'not-a-uuid' } as never);
    (manager as unknown as { emit: (e: string, p: unknown) => void }).emit('join', 'ws:' + b.workspaceId);
    await request(t.server).get('/api/health').expect(200);
  });

  it('releases the claims of an agent whose last socket closed', async () => {
    t.app.get(RealtimeGateway).releaseGraceMs = 100;
    const agent = await open({ cookie: a.cookies.agent });
    const watcher = await open({ cookie: a.cookies.viewer });
    const [id] = await a.store(['acme please help with my account']);
    await request(t.server).post(`/api/mentions/${id}/claim`).set('Cookie', a.cookies.agent).send({}).expect(200);
    await watcher.waitFor('mention.claimed', 1, (p) => p.mention.id === id && p.by !== null);
    agent.disconnect();
    const [released] = await watcher.waitFor('mention.claimed', 1, (p) => p.mention.id === id && p.by === null);
    expect(released!.mention.claim).toBeNull();
  });

  it('closes the socket when its session ends (logout, deactivation) and refuses it afterwards', async () => {
    const fresh = (await request(t.server).post('/api/auth/login').send({ email: a.users.trainee.email, password: 'a-long-test-password' }).expect(200))
      .headers['set-cookie'] as unknown as string[];
    const cookie = fresh.find((c) => c.startsWith('earshot_session='))!.split(';')[0]!;
    const s = await open({ cookie });
    const closed = new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason)));
    await request(t.server).post('/api/auth/logout').set('Cookie', cookie).expect(204);
    expect(await closed).toBe('io server disconnect');
    await expect(connected(connectSocket(url, { cookie }))).rejects.toMatchObject({ message: 'unauthenticated' });
    // Deactivating a user closes their sockets too.
    const v = await open({ cookie: b.cookies.viewer });
    const vClosed = new Promise<string>((resolve) => v.once('disconnect', (reason) => resolve(reason)));
    await request(t.server).patch(`/api/users/${b.users.viewer.id}`).set('Cookie', b.cookies.admin).send({ active: false }).expect(200);
    expect(await vClosed).toBe('io server disconnect');
  });

  it('does no push work for a workspace nobody is connected to', async () => {
    const read = jest.spyOn(t.app.get(MentionsRepository), 'findByIds');
    try {
      await sleep(200); // earlier tests' sockets are gone
      await b.store(['acme nobody is watching B right now']);
      await sleep(100);
      expect(read).not.toHaveBeenCalled();
      const s = await open({ cookie: b.cookies.agent });
      const [id] = await b.store(['acme now someone is']);
      await s.waitFor('mention.created', 1, (p) => p.mention.id === id);
      expect(read).toHaveBeenCalledTimes(1);
    } finally {
      read.mockRestore();
    }
  });

  it('survives malformed frames (fuzzed socket.io packets) and keeps serving', async () => {
    const token = a.cookies.manager.split('=')[1]!;
    const frames = [
      '42[',
      '42["presence.viewing",',
      '42[1,2,3]',
      '42{"a":1}',
      '4' + '['.repeat(5000),
      '42["presence.viewing",{"mentionId":{"$gt":""}}]',
      '2probe',
      '9',
      '',
      '42["__proto__",{}]',
    ];
    for (const frame of frames) {
      const ws = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`, { headers: { Cookie: `earshot_session=${token}` } });
      await new Promise<void>((resolve) => {
        ws.on('open', () => ws.send('40'));
        ws.on('message', (data) => {
          const text = String(data);
          if (text.startsWith('40')) {
            ws.send(frame);
            setTimeout(() => ws.close(), 30);
          }
        });
        ws.on('close', () => resolve());
        ws.on('error', () => resolve());
      });
    }
    await request(t.server).get('/api/health').expect(200);
    const s = await open({ cookie: a.cookies.agent });
    const [id] = await a.store(['acme still up after the fuzz']);
    await s.waitFor('mention.created', 1, (p) => p.mention.id === id);
  });
});
