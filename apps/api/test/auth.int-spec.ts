import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { LOGIN_LIMITS } from '../src/modules/auth/login-throttle.service.js';
import { AuditEventEntity } from '../src/modules/audit/audit-event.entity.js';
import { SessionEntity } from '../src/modules/auth/session.entity.js';
import { UserFactory, WorkspaceFactory, loginAs, TEST_PASSWORD } from './factories/user.factory.js';
import { createTestApp, TEST_ADMIN, type TestApp } from './utils/create-test-app.js';
import { connectSocket, connected } from './utils/socket-client.js';

describe('auth (integration)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const audit = (action: string) => t.dataSource.getRepository(AuditEventEntity).find({ where: { action } });

  it('seeds the demo workspace and its admin on first start', async () => {
    const res = await request(t.server).post('/api/auth/login').send({ email: TEST_ADMIN.email, password: TEST_ADMIN.password }).expect(200);
    expect(res.body.user).toMatchObject({ email: TEST_ADMIN.email, role: 'admin', active: true });
    // EARSHOT_ADMIN_PASSWORD was given: the operator chose it, so no forced change.
    expect(res.body.mustChangePassword).toBe(false);
    expect(res.body.workspace).toMatchObject({ name: 'Demo workspace', slug: 'demo' });
  });

  it('sets an httpOnly SameSite cookie; me answers with it; logout ends the session for good', async () => {
    const res = await request(t.server).post('/api/auth/login').send({ email: TEST_ADMIN.email.toUpperCase(), password: TEST_ADMIN.password }).expect(200);
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).join('\n');
    expect(setCookie).toMatch(/earshot_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = setCookie.split(';')[0]!;
    const me = await request(t.server).get('/api/auth/me').set('Cookie', cookie).expect(200);
    expect(me.body.user.email).toBe(TEST_ADMIN.email);
    // The same token works as a bearer token for scripts.
    await request(t.server)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${cookie.split('=')[1]}`)
      .expect(200);
    await request(t.server).post('/api/auth/logout').set('Cookie', cookie).expect(204);
    await request(t.server).get('/api/auth/me').set('Cookie', cookie).expect(401);
    expect((await audit('auth.logout')).length).toBeGreaterThan(0);
  });

  it('stores only a hash of the session token', async () => {
    const cookie = await loginAs(t, TEST_ADMIN.email, TEST_ADMIN.password);
    const token = cookie.split('=')[1]!;
    const rows = await t.dataSource.getRepository(SessionEntity).find();
    expect(rows.some((r) => r.tokenHash === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.tokenHash))).toBe(true);
  });

  it('issues a new token on every sign-in and revokes the one the browser had', async () => {
    const first = await loginAs(t, TEST_ADMIN.email, TEST_ADMIN.password);
    const res = await request(t.server)
      .post('/api/auth/login')
      .set('Cookie', first)
      .send({ email: TEST_ADMIN.email, password: TEST_ADMIN.password })
      .expect(200);
    const second = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0]!.split(';')[0]!;
    expect(second).not.toBe(first);
    await request(t.server).get('/api/auth/me').set('Cookie', first).expect(401);
    await request(t.server).get('/api/auth/me').set('Cookie', second).expect(200);
  });

  it('answers a wrong password and an unknown e-mail the same way, and audits both', async () => {
    const before = (await audit('auth.login_failed')).length;
    const a = await request(t.server).post('/api/auth/login').send({ email: TEST_ADMIN.email, password: 'not-the-password' }).expect(401);
    const b = await request(t.server).post('/api/auth/login').send({ email: 'nobody@earshot.test', password: 'not-the-password' }).expect(401);
    expect(a.body.message).toBe('Wrong e-mail or password.');
    expect(b.body.message).toBe(a.body.message);
    expect((await audit('auth.login_failed')).length).toBe(before + 2);
  });

  it('rejects malformed input with field-level messages, never a 500', async () => {
    const res = await request(t.server).post('/api/auth/login').send({ email: 'not-an-email', password: '', extra: 1 }).expect(400);
    expect(res.body.issues).toEqual(
      expect.arrayContaining([
        { path: 'email', message: 'must be an e-mail address' },
        { path: 'password', message: 'is required' },
        { path: 'extra', message: 'is not an accepted field' },
      ]),
    );
    // Objects where a string belongs (NoSQL-style operators) are refused before any query.
    await request(t.server)
      .post('/api/auth/login')
      .send({ email: { $ne: 1 }, password: ['x'] })
      .expect(400);
    await request(t.server).post('/api/auth/login').set('content-type', 'application/json').send('{"email":').expect(400);
    await request(t.server).post('/api/auth/login').send('x'.repeat(300_000)).set('content-type', 'application/json').expect(413);
  });

  it('lets at most the limit of parallel wrong passwords be checked (brute force), and does not lock the owner out', async () => {
    const ws = await WorkspaceFactory.create(t);
    const victim = await UserFactory.create(t, { workspaceId: ws.id, role: 'agent' });
    const results = await Promise.all(
      Array.from({ length: 30 }, () => request(t.server).post('/api/auth/login').send({ email: victim.email, password: 'guess-guess-guess' })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_LIMITS.perAccountIp);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - LOGIN_LIMITS.perAccountIp);
    const limited = results.find((r) => r.status === 429)!;
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // From this address the right password waits too (no device cookie yet)...
    await request(t.server).post('/api/auth/login').send({ email: victim.email, password: TEST_PASSWORD }).expect(429);
    // ...but the account is not locked: five wrong passwords from one client do not lock the admin out for everyone.
    const admin = await UserFactory.create(t, { workspaceId: ws.id, role: 'admin' });
    for (let i = 0; i < 5; i++) await request(t.server).post('/api/auth/login').send({ email: admin.email, password: 'guess-guess-guess' }).expect(401);
    await request(t.server).post('/api/auth/login').send({ email: admin.email, password: TEST_PASSWORD }).expect(200);
  });

  it('with TRUST_PROXY unset, ignores X-Forwarded-For: a client cannot pick the IP the limiter sees', async () => {
    expect(t.config.trustProxy).toBe(false);
    const ws = await WorkspaceFactory.create(t);
    const victim = await UserFactory.create(t, { workspaceId: ws.id });
    const results = [];
    for (let i = 0; i < LOGIN_LIMITS.perAccountIp + 2; i++) {
      results.push(
        await request(t.server).post('/api/auth/login').set('X-Forwarded-For', `203.0.113.${i}`).send({ email: victim.email, password: 'guess-guess-guess' }),
      );
    }
    expect(results.map((r) => r.status)).toEqual([...Array<number>(LOGIN_LIMITS.perAccountIp).fill(401), 429, 429]);
    const rows = await t.dataSource.getRepository(AuditEventEntity).find({ where: { action: 'auth.login_failed', targetId: victim.id } });
    expect(rows.length).toBe(LOGIN_LIMITS.perAccountIp);
    for (const r of rows) expect(r.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
  });

  it('ends access at once when a user is deactivated', async () => {
    const ws = await WorkspaceFactory.create(t);
    const users = await WorkspaceFactory.withAllRoles(t, ws.id);
    const agentCookie = await loginAs(t, users.agent.email);
    const adminCookie = await loginAs(t, users.admin.email);
    await request(t.server).get('/api/auth/me').set('Cookie', agentCookie).expect(200);
    await request(t.server).patch(`/api/users/${users.agent.id}`).set('Cookie', adminCookie).send({ active: false }).expect(200);
    await request(t.server).get('/api/auth/me').set('Cookie', agentCookie).expect(401);
    await request(t.server).post('/api/auth/login').send({ email: users.agent.email, password: TEST_PASSWORD }).expect(401);
  });

  it('never sends a password hash or session token hash in any response', async () => {
    const cookie = await loginAs(t, TEST_ADMIN.email, TEST_ADMIN.password);
    const bodies = await Promise.all(
      ['/api/auth/me', '/api/users', '/api/health', '/api/docs/openapi.json'].map((p) => request(t.server).get(p).set('Cookie', cookie)),
    );
    for (const b of bodies) {
      expect(b.text).not.toMatch(/\$argon2/);
      expect(b.text).not.toMatch(/passwordHash|password_hash|tokenHash/);
    }
  });

  it('refuses state changes from a foreign Origin (CSRF)', async () => {
    const res = await request(t.server)
      .post('/api/auth/login')
      .set('Origin', 'https://evil.example')
      .send({ email: TEST_ADMIN.email, password: TEST_ADMIN.password });
    expect(res.status).toBe(403);
    await request(t.server)
      .post('/api/auth/login')
      .set('Origin', 'http://127.0.0.1')
      .set('Host', '127.0.0.1')
      .send({ email: TEST_ADMIN.email, password: TEST_ADMIN.password })
      .expect(200);
  });
});

describe('first admin with a generated password (integration)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // No EARSHOT_ADMIN_PASSWORD: the api generates one and prints it once.
    t = await createTestApp({ EARSHOT_ADMIN_PASSWORD: '' });
    await t.app.listen(0, '127.0.0.1');
  });
  afterAll(() => t.close());

  const NEW_PASSWORD = 'my own long passphrase';

  it('must change the generated password at first sign-in; until then every other route answers 403', async () => {
    const generated = t.seed.generatedPassword!;
    expect(generated).toEqual(expect.any(String));
    const res = await request(t.server).post('/api/auth/login').send({ email: TEST_ADMIN.email, password: generated }).expect(200);
    expect(res.body.mustChangePassword).toBe(true);
    const cookie = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('earshot_session='))!
      .split(';')[0]!;

    for (const [method, path] of [
      ['get', '/api/users'],
      ['get', '/api/mentions'],
      ['get', '/api/workspace/members'],
      ['post', '/api/users'],
      ['get', '/api/sources'],
    ] as const) {
      const r = await request(t.server)
        [method](path)
        .set('Cookie', cookie)
        .send(method === 'post' ? { email: 'x@example.test', name: 'X', role: 'agent', password: 'long enough password' } : undefined);
      expect({ path, status: r.status, code: r.body.code }).toEqual({ path, status: 403, code: 'password_change_required' });
      expect(r.body.message).toMatch(/Change your password first/);
    }
    // me and logout still answer.
    const me = await request(t.server).get('/api/auth/me').set('Cookie', cookie).expect(200);
    expect(me.body.mustChangePassword).toBe(true);
    // No live events either.
    const url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await expect(connected(connectSocket(url, { cookie }))).rejects.toMatchObject({ message: 'unauthenticated' });

    // Wrong current password, too-short or unchanged new password: 400 with the field named.
    const wrong = await request(t.server)
      .post('/api/auth/password')
      .set('Cookie', cookie)
      .send({ currentPassword: 'nope', newPassword: NEW_PASSWORD })
      .expect(400);
    expect(wrong.body.issues).toEqual([{ path: 'currentPassword', message: 'is not your current password' }]);
    const short = await request(t.server)
      .post('/api/auth/password')
      .set('Cookie', cookie)
      .send({ currentPassword: generated, newPassword: 'short' })
      .expect(400);
    expect(short.body.issues).toEqual([{ path: 'newPassword', message: 'must be at least 12 characters' }]);
    const same = await request(t.server)
      .post('/api/auth/password')
      .set('Cookie', cookie)
      .send({ currentPassword: generated, newPassword: generated })
      .expect(400);
    expect(same.body.issues).toEqual([{ path: 'newPassword', message: 'must differ from the current password' }]);
    await request(t.server)
      .post('/api/auth/password')
      .set('Cookie', cookie)
      .send({ currentPassword: generated, newPassword: NEW_PASSWORD, role: 'admin' })
      .expect(400);

    const changed = await request(t.server)
      .post('/api/auth/password')
      .set('Cookie', cookie)
      .send({ currentPassword: generated, newPassword: NEW_PASSWORD })
      .expect(200);
    expect(changed.body.mustChangePassword).toBe(false);
    // The same session goes on, now everywhere.
    await request(t.server).get('/api/users').set('Cookie', cookie).expect(200);
    const socket = connectSocket(url, { cookie });
    await connected(socket);
    socket.disconnect();
    const audit = await t.dataSource.getRepository(AuditEventEntity).find({ where: { action: 'auth.password_changed' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toEqual({ wasRequired: true });

    await request(t.server).post('/api/auth/login').send({ email: TEST_ADMIN.email, password: generated }).expect(401);
    const again = await request(t.server).post('/api/auth/login').send({ email: TEST_ADMIN.email, password: NEW_PASSWORD }).expect(200);
    expect(again.body.mustChangePassword).toBe(false);
  });

  it('ends the other sessions of the user when the password changes', async () => {
    const a = await loginAs(t, TEST_ADMIN.email, NEW_PASSWORD);
    const b = await loginAs(t, TEST_ADMIN.email, NEW_PASSWORD);
    await request(t.server)
      .post('/api/auth/password')
      .set('Cookie', a)
      .send({ currentPassword: NEW_PASSWORD, newPassword: `${NEW_PASSWORD} two` })
      .expect(200);
    await request(t.server).get('/api/auth/me').set('Cookie', a).expect(200);
    await request(t.server).get('/api/auth/me').set('Cookie', b).expect(401);
  });

  it('throttles guesses of the current password per user', async () => {
    const cookie = await loginAs(t, TEST_ADMIN.email, `${NEW_PASSWORD} two`);
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMITS.perPasswordChange + 2; i++) {
      statuses.push(
        (
          await request(t.server)
            .post('/api/auth/password')
            .set('Cookie', cookie)
            .send({ currentPassword: `guess ${i}`, newPassword: 'another long passphrase' })
        ).status,
      );
    }
    expect(statuses).toEqual([...Array<number>(LOGIN_LIMITS.perPasswordChange).fill(400), 429, 429]);
    expect(await t.dataSource.getRepository(AuditEventEntity).count({ where: { action: 'auth.password_change_throttled' } })).toBe(1);
  });
});
