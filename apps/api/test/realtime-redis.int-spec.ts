import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { InboxFixture } from './factories/inbox.fixture.js';
import { connectSocket, connected, type TestSocket } from './utils/socket-client.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * Two api instances on one PostgreSQL database with REDIS_URL: a change made through one
 * instance reaches sockets connected to the other (socket.io Redis adapter), and presence
 * sees the sockets of both. Needs the PostgreSQL server and Redis this machine runs.
 */
const PG = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('realtime across api instances with the Redis adapter (integration)', () => {
  const saved = process.env.TEST_DATABASE_URL;
  let one: TestApp;
  let two: TestApp;
  let urlTwo: string;
  let ws: InboxFixture;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    process.env.TEST_DATABASE_URL = PG;
    one = await createTestApp({ REDIS_URL, EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    two = await createTestApp({ REDIS_URL, DATABASE_URL: one.config.database.engine === 'postgres' ? one.config.database.url : '' });
    await one.app.listen(0, '127.0.0.1');
    await two.app.listen(0, '127.0.0.1');
    urlTwo = `http://127.0.0.1:${(two.app.getHttpServer().address() as AddressInfo).port}`;
    ws = await InboxFixture.create(one, 'Redis fan-out');
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await new Promise((r) => setTimeout(r, 300)); // let the disconnect broadcasts finish before Redis goes
    await two.close();
    await one.close();
    if (saved === undefined) delete process.env.TEST_DATABASE_URL;
    else process.env.TEST_DATABASE_URL = saved;
  });

  it('a mention stored by instance one reaches a client connected to instance two', async () => {
    const s = connectSocket(urlTwo, { cookie: ws.cookies.agent });
    sockets.push(s);
    await connected(s);
    const [id] = await ws.store(['acme outage right now, nothing loads']);
    const [e] = await s.waitFor('mention.created', 1, (p) => p.mention.id === id);
    expect(e!.mention.text).toBe('acme outage right now, nothing loads');
    // A change made through instance one's REST api also arrives on two.
    await request(one.server).patch(`/api/mentions/${id}`).set('Cookie', ws.cookies.agent).send({ status: 'pending' }).expect(200);
    const [u] = await s.waitFor('mention.updated', 1, (p) => p.mention.id === id);
    expect(u!.mention.status).toBe('pending');
  });

  it('presence counts the sockets of both instances', async () => {
    const oneUrl = `http://127.0.0.1:${(one.app.getHttpServer().address() as AddressInfo).port}`;
    const onOne = connectSocket(oneUrl, { cookie: ws.cookies.manager });
    const onTwo = connectSocket(urlTwo, { cookie: ws.cookies.viewer });
    sockets.push(onOne, onTwo);
    await Promise.all([connected(onOne), connected(onTwo)]);
    const seen = await onOne.waitFor('presence.changed', 1, (p) => p.users.some((u) => u.user.id === ws.users.viewer.id));
    expect(seen.at(-1)!.users.map((u) => u.user.id)).toEqual(expect.arrayContaining([ws.users.manager.id, ws.users.viewer.id]));
  });
});
