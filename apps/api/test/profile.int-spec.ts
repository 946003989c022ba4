import request from 'supertest';
import type { Role } from '@earshot/contracts';
import { AuditEventEntity } from '../src/modules/audit/audit-event.entity.js';
import { UserEntity } from '../src/modules/users/user.entity.js';
import { UserFactory, WorkspaceFactory, loginAs, type SeededUser } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/** `GET|PATCH /api/profile`: each signed-in user's own first name and signature (issue 13 item 1). */
describe('profile (integration)', () => {
  let t: TestApp;
  let a: Record<Role, SeededUser>;
  let dana: SeededUser;
  let danaCookie: string;

  beforeAll(async () => {
    t = await createTestApp();
    const ws = await WorkspaceFactory.create(t, 'Profile A');
    a = await WorkspaceFactory.withAllRoles(t, ws.id);
    dana = await UserFactory.create(t, { workspaceId: ws.id, role: 'agent' });
    await t.dataSource.getRepository(UserEntity).update({ id: dana.id }, { name: 'Dana María Reyes-Ortiz' });
    danaCookie = await loginAs(t, dana.email);
  });
  afterAll(() => t.close());

  const profile = (cookie: string) => request(t.server).get('/api/profile').set('Cookie', cookie);
  const patch = (cookie: string, body: unknown) =>
    request(t.server)
      .patch('/api/profile')
      .set('Cookie', cookie)
      .send(body as object);

  it('shows the defaults until the user sets their own: first word of the name, initials', async () => {
    const res = await profile(danaCookie).expect(200);
    expect(res.body).toMatchObject({ id: dana.id, name: 'Dana María Reyes-Ortiz', firstName: 'Dana', signature: 'DMRO' });
    expect(res.body).not.toHaveProperty('passwordHash');
  });

  it('lets every role set its own first name and signature, and the session answers carry them', async () => {
    for (const role of ['admin', 'manager', 'agent', 'trainee', 'viewer'] as const) {
      const cookie = await loginAs(t, a[role].email);
      const res = await patch(cookie, { firstName: `  ${role}name `, signature: `— ${role}` }).expect(200);
      expect(res.body).toMatchObject({ id: a[role].id, firstName: `${role}name`, signature: `— ${role}` });
      const me = await request(t.server).get('/api/auth/me').set('Cookie', cookie).expect(200);
      expect(me.body.user).toMatchObject({ firstName: `${role}name`, signature: `— ${role}` });
    }
    // A fresh sign-in answers with them too.
    const login = await request(t.server).post('/api/auth/login').send({ email: a.agent.email, password: 'a-long-test-password' }).expect(200);
    expect(login.body.user).toMatchObject({ firstName: 'agentname', signature: '— agent' });
  });

  it('changes only the caller: nobody else’s row moves, whatever the body says', async () => {
    const before = await t.dataSource.getRepository(UserEntity).find({ order: { id: 'ASC' } });
    await patch(danaCookie, { firstName: 'Dani' }).expect(200);
    // An id or another user's fields in the body are refused, not applied.
    const refused = await patch(danaCookie, { id: a.admin.id, firstName: 'Hijack' }).expect(400);
    expect(refused.body.issues).toEqual([{ path: 'id', message: 'is not an accepted field' }]);
    await patch(danaCookie, { name: 'New Name' }).expect(400);
    const after = await t.dataSource.getRepository(UserEntity).find({ order: { id: 'ASC' } });
    const changed = after.filter((u, i) => JSON.stringify({ ...u, updatedAt: null }) !== JSON.stringify({ ...before[i], updatedAt: null }));
    expect(changed.map((u) => u.id)).toEqual([dana.id]);
    expect(changed[0]).toMatchObject({ firstName: 'Dani', signature: null, name: 'Dana María Reyes-Ortiz' });
  });

  it('null puts the default back', async () => {
    await patch(danaCookie, { firstName: 'Dani', signature: 'D.' }).expect(200);
    const res = await patch(danaCookie, { firstName: null, signature: null }).expect(200);
    expect(res.body).toMatchObject({ firstName: 'Dana', signature: 'DMRO' });
    const row = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ id: dana.id });
    expect(row).toMatchObject({ firstName: null, signature: null });
  });

  it('says what is wrong with a bad value', async () => {
    const cases: Array<[unknown, Array<{ path: string; message: string }>]> = [
      [{}, [{ path: '(body)', message: 'nothing to change: send firstName or signature' }]],
      [{ firstName: '   ' }, [{ path: 'firstName', message: 'is required' }]],
      [{ firstName: 'x'.repeat(61) }, [{ path: 'firstName', message: 'must be at most 60 characters' }]],
      [{ signature: 'x'.repeat(31) }, [{ path: 'signature', message: 'must be at most 30 characters' }]],
      [{ signature: 'two\nlines' }, [{ path: 'signature', message: 'must be one line' }]],
      [{ signature: 42 }, [{ path: 'signature', message: expect.any(String) as unknown as string }]],
    ];
    for (const [body, issues] of cases) {
      const res = await patch(danaCookie, body).expect(400);
      expect({ body, issues: res.body.issues }).toEqual({ body, issues });
    }
  });

  it('keeps attacker-chosen text as text (stored and returned verbatim, never interpreted)', async () => {
    const res = await patch(danaCookie, { firstName: '<img src=x onerror=alert(1)>', signature: '{{agent.signature}}' }).expect(200);
    expect(res.body).toMatchObject({ firstName: '<img src=x onerror=alert(1)>', signature: '{{agent.signature}}' });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    await patch(danaCookie, { firstName: null, signature: null }).expect(200);
  });

  it('audits each change with what changed, and nothing when nothing changed', async () => {
    const audits = () =>
      t.dataSource.getRepository(AuditEventEntity).find({ where: { action: 'user.profile_updated', targetId: dana.id }, order: { createdAt: 'ASC' } });
    const n = (await audits()).length;
    await patch(danaCookie, { signature: 'DR' }).expect(200);
    await patch(danaCookie, { signature: 'DR' }).expect(200);
    const rows = await audits();
    expect(rows).toHaveLength(n + 1);
    expect(rows.at(-1)).toMatchObject({ actorUserId: dana.id, workspaceId: dana.workspaceId, data: { signature: 'DR' } });
  });

  it('answers 401 without a session', async () => {
    await request(t.server).get('/api/profile').expect(401);
    await request(t.server).patch('/api/profile').send({ firstName: 'X' }).expect(401);
  });
});
