import request from 'supertest';
import { AuditEventEntity } from '../src/modules/audit/audit-event.entity.js';
import { UserEntity } from '../src/modules/users/user.entity.js';
import { UserFactory, WorkspaceFactory, loginAs, TEST_PASSWORD, type SeededUser } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import type { Role } from '@earshot/contracts';

describe('users (integration)', () => {
  let t: TestApp;
  let a: Record<Role, SeededUser>;
  let b: Record<Role, SeededUser>;
  let adminA: string;

  beforeAll(async () => {
    t = await createTestApp();
    a = await WorkspaceFactory.withAllRoles(t, (await WorkspaceFactory.create(t, 'Acme')).id);
    b = await WorkspaceFactory.withAllRoles(t, (await WorkspaceFactory.create(t, 'Beta')).id);
    adminA = await loginAs(t, a.admin.email);
  });
  afterAll(() => t.close());

  const countUsers = () => t.dataSource.getRepository(UserEntity).count();

  it('rejects every role but admin, and leaves an audit row for each refusal', async () => {
    for (const role of ['manager', 'agent', 'trainee', 'viewer'] as const) {
      const cookie = await loginAs(t, a[role].email);
      const res = await request(t.server).get('/api/users').set('Cookie', cookie).expect(403);
      expect(res.body.message).toMatch(/needs the admin role/);
      await request(t.server)
        .post('/api/users')
        .set('Cookie', cookie)
        .send({ email: 'x@y.test', name: 'X', role: 'agent', password: 'long-enough-pass' })
        .expect(403);
    }
    const denied = await t.dataSource.getRepository(AuditEventEntity).find({ where: { action: 'access.denied' } });
    expect(denied.length).toBeGreaterThanOrEqual(8);
  });

  it('lists only the users of the caller’s workspace', async () => {
    const res = await request(t.server).get('/api/users').set('Cookie', adminA).expect(200);
    const emails = (res.body.items as Array<{ email: string; workspaceId: string }>).map((u) => u.email);
    expect(emails).toEqual(expect.arrayContaining(Object.values(a).map((u) => u.email)));
    expect(emails.some((e) => Object.values(b).some((u) => u.email === e))).toBe(false);
    expect(res.body.items.every((u: { workspaceId: string }) => u.workspaceId === a.admin.workspaceId)).toBe(true);
  });

  it('creates a user who can then sign in with the given role', async () => {
    const res = await request(t.server)
      .post('/api/users')
      .set('Cookie', adminA)
      .send({ email: 'New.Agent@Acme.test', name: ' New Agent ', role: 'agent', password: 'a-brand-new-password' })
      .expect(201);
    expect(res.body).toMatchObject({ email: 'new.agent@acme.test', name: 'New Agent', role: 'agent', active: true, workspaceId: a.admin.workspaceId });
    const cookie = await loginAs(t, 'new.agent@acme.test', 'a-brand-new-password');
    const me = await request(t.server).get('/api/auth/me').set('Cookie', cookie).expect(200);
    expect(me.body.user.role).toBe('agent');
    const audit = await t.dataSource.getRepository(AuditEventEntity).findOne({ where: { action: 'user.created', targetId: res.body.id } });
    expect(audit?.actorUserId).toBe(a.admin.id);
  });

  it('refuses a duplicate e-mail with 409', async () => {
    const res = await request(t.server)
      .post('/api/users')
      .set('Cookie', adminA)
      .send({ email: b.agent.email, name: 'Dup', role: 'agent', password: 'a-brand-new-password' })
      .expect(409);
    expect(res.body.message).toMatch(/already exists/);
  });

  it('refuses extra keys (mass assignment) with 400 and changes nothing', async () => {
    const before = await countUsers();
    for (const extra of [{ workspaceId: b.admin.workspaceId }, { isAdmin: true }, { passwordHash: 'x' }, { id: b.admin.id }]) {
      const res = await request(t.server)
        .post('/api/users')
        .set('Cookie', adminA)
        .send({ email: 'mass@acme.test', name: 'M', role: 'viewer', password: 'a-brand-new-password', ...extra })
        .expect(400);
      expect(res.body.issues[0].message).toBe('is not an accepted field');
    }
    await request(t.server).patch(`/api/users/${a.viewer.id}`).set('Cookie', adminA).send({ workspaceId: b.admin.workspaceId }).expect(400);
    expect(await countUsers()).toBe(before);
    const viewer = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ id: a.viewer.id });
    expect(viewer.workspaceId).toBe(a.viewer.workspaceId);
  });

  it('answers 404 for another workspace’s user and leaves it unchanged', async () => {
    await request(t.server).patch(`/api/users/${b.agent.id}`).set('Cookie', adminA).send({ role: 'admin' }).expect(404);
    const other = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ id: b.agent.id });
    expect(other.role).toBe('agent');
  });

  it('rejects a malformed id with 400, not 500', async () => {
    const res = await request(t.server).patch('/api/users/not-a-uuid').set('Cookie', adminA).send({ role: 'agent' }).expect(400);
    expect(res.body.issues).toEqual([{ path: 'id', message: 'must be a UUID' }]);
  });

  it('applies a demotion on the very next request', async () => {
    const manager = await UserFactory.create(t, { workspaceId: a.admin.workspaceId, role: 'admin' });
    const cookie = await loginAs(t, manager.email);
    await request(t.server).get('/api/users').set('Cookie', cookie).expect(200);
    await request(t.server).patch(`/api/users/${manager.id}`).set('Cookie', adminA).send({ role: 'viewer' }).expect(200);
    await request(t.server).get('/api/users').set('Cookie', cookie).expect(403);
  });

  it('does not let an admin demote or deactivate themselves, and keeps one active admin', async () => {
    const r1 = await request(t.server).patch(`/api/users/${a.admin.id}`).set('Cookie', adminA).send({ role: 'viewer' }).expect(400);
    expect(r1.body.message).toMatch(/own role/);
    await request(t.server).patch(`/api/users/${a.admin.id}`).set('Cookie', adminA).send({ active: false }).expect(400);
    // A lone admin of workspace B cannot be demoted by... nobody else exists; in A, demoting the other admins is fine.
    const ws = await WorkspaceFactory.create(t);
    const solo = await UserFactory.create(t, { workspaceId: ws.id, role: 'admin' });
    const second = await UserFactory.create(t, { workspaceId: ws.id, role: 'admin' });
    const soloCookie = await loginAs(t, solo.email);
    await request(t.server).patch(`/api/users/${second.id}`).set('Cookie', soloCookie).send({ role: 'manager' }).expect(200);
    const res = await request(t.server).patch(`/api/users/${solo.id}`).set('Cookie', soloCookie).send({ name: 'Still admin' }).expect(200);
    expect(res.body.role).toBe('admin');
  });

  it('a new password ends the user’s other sessions', async () => {
    const agentCookie = await loginAs(t, a.agent.email);
    await request(t.server).patch(`/api/users/${a.agent.id}`).set('Cookie', adminA).send({ password: 'a-fresh-password-123' }).expect(200);
    await request(t.server).get('/api/auth/me').set('Cookie', agentCookie).expect(401);
    await loginAs(t, a.agent.email, 'a-fresh-password-123');
    await request(t.server).post('/api/auth/login').send({ email: a.agent.email, password: TEST_PASSWORD }).expect(401);
  });

  it('rejects an empty change with a message saying what to send', async () => {
    const res = await request(t.server).patch(`/api/users/${a.viewer.id}`).set('Cookie', adminA).send({}).expect(400);
    expect(res.body.message).toMatch(/send at least one of name, role, active, password/);
  });
});
