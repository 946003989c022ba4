import { randomUUID } from 'node:crypto';
import type { DataSourceOptions } from 'typeorm';
import { AlertsRepository } from '../src/modules/alerts/alerts.repository.js';
import { IncidentsRepository } from '../src/modules/incidents/incidents.repository.js';
import { ReportsRepository } from '../src/modules/reports/reports.repository.js';
import { MentionEntity } from '../src/modules/mentions/mention.entity.js';
import { SessionEntity } from '../src/modules/auth/session.entity.js';
import { UserEntity } from '../src/modules/users/user.entity.js';
import { WorkspaceFactory, UserFactory } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { diffDb, settledSnapshot } from './utils/db-snapshot.js';

type Behavior = DataSourceOptions['invalidWhereValuesBehavior'];

/**
 * SECURITY.md plan item 5, "the tenant filter cannot vanish": TypeORM skips `undefined` (and
 * by default `null`) where-values, so `findOneBy({ id: undefined })` would return the first
 * row of the table and `findBy({ workspaceId: undefined })` every workspace's rows. The data
 * source sets `invalidWhereValuesBehavior` to throw for both (typeorm.io, "null and undefined
 * handling"); these tests hold the app's real data source to that.
 */
describe('invalidWhereValuesBehavior: a missing where-value throws instead of widening the query (integration)', () => {
  let t: TestApp;
  let userId: string;
  let workspaceId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const ws = await WorkspaceFactory.create(t, 'Where values');
    workspaceId = ws.id;
    userId = (await UserFactory.create(t, { workspaceId: ws.id, role: 'agent' })).id;
  });
  afterAll(() => t.close());

  it('is configured on the data source the app runs with', () => {
    expect(t.dataSource.options.invalidWhereValuesBehavior).toEqual({ null: 'throw', undefined: 'throw' });
  });

  it('findOneBy / findBy / findOne / count / exists throw on an undefined or null value', async () => {
    const users = t.dataSource.getRepository(UserEntity);
    const mentions = t.dataSource.getRepository(MentionEntity);
    await expect(users.findOneBy({ id: undefined })).rejects.toThrow(/Undefined value encountered in property '.*id'/);
    await expect(users.findOneBy({ id: null as unknown as string })).rejects.toThrow(/Null value encountered in property '.*id'/);
    await expect(users.findBy({ workspaceId: undefined })).rejects.toThrow(/Undefined value/);
    await expect(users.findOne({ where: { id: userId, workspaceId: undefined } })).rejects.toThrow(/Undefined value/);
    await expect(mentions.findBy({ workspaceId: undefined })).rejects.toThrow(/Undefined value/);
    await expect(users.count({ where: { workspaceId: undefined } })).rejects.toThrow(/Undefined value/);
    await expect(users.existsBy({ workspaceId: null as unknown as string })).rejects.toThrow(/Null value/);
    await expect(t.dataSource.manager.findOneBy(SessionEntity, { userId: undefined })).rejects.toThrow(/Undefined value/);
    // The defined value still works.
    expect((await users.findOneBy({ id: userId }))?.id).toBe(userId);
  });

  it('update / delete with an undefined or null criterion throw and change no row', async () => {
    const users = t.dataSource.getRepository(UserEntity);
    const before = await settledSnapshot(t);
    await expect(users.update({ workspaceId: undefined }, { name: 'everyone renamed' })).rejects.toThrow(/Undefined value/);
    await expect(users.update({ id: null as unknown as string }, { active: false })).rejects.toThrow(/Null value/);
    await expect(users.delete({ workspaceId: undefined })).rejects.toThrow(/Undefined value/);
    await expect(t.dataSource.getRepository(SessionEntity).delete({ userId: undefined })).rejects.toThrow(/Undefined value/);
    expect(diffDb(before, await settledSnapshot(t))).toEqual([]);
  });

  it('positive control: with the option set to "ignore", the same call silently returns somebody else\'s row', async () => {
    // Proves the assertions above would catch a regression of the setting.
    const opts = t.dataSource.options as { invalidWhereValuesBehavior?: Behavior };
    const saved = opts.invalidWhereValuesBehavior;
    opts.invalidWhereValuesBehavior = { null: 'ignore', undefined: 'ignore' };
    try {
      const anyone = await t.dataSource.getRepository(UserEntity).findOneBy({ id: undefined });
      expect(anyone).not.toBeNull();
      expect(await t.dataSource.getRepository(UserEntity).countBy({ workspaceId: undefined })).toBeGreaterThanOrEqual(2);
    } finally {
      opts.invalidWhereValuesBehavior = saved;
    }
    await expect(t.dataSource.getRepository(UserEntity).findOneBy({ id: undefined })).rejects.toThrow(/Undefined value/);
  });

  it('the lookups behind the alert, incident and report routes: a missing workspace throws (find options) or matches nothing (SQL)', async () => {
    // One workspace's brand, alert rule, raised alert and report recipient: the rows a widened lookup would return.
    const [brand, rule, alert, recipient] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await t.dataSource.query(`INSERT INTO brand (id, workspace_id, name) VALUES ($1, $2, 'Acme')`, [brand, workspaceId]);
    await t.dataSource.query(`INSERT INTO alert_rule (id, workspace_id, brand_id) VALUES ($1, $2, $3)`, [rule, workspaceId, brand]);
    await t.dataSource.query(
      `INSERT INTO alert_event (id, workspace_id, rule_id, brand_id, metric, status, surge_start, raised_at, detected_at, window_minutes, observed, expected, z, seq)
       VALUES ($1, $2, $3, $4, 'volume', 'raised', now(), now(), now(), 10, 5, 1, 4, 1)`,
      [alert, workspaceId, rule, brand],
    );
    await t.dataSource.query(`INSERT INTO report_recipient (id, workspace_id, email) VALUES ($1, $2, 'lead@example.com')`, [recipient, workspaceId]);
    const alerts = t.app.get(AlertsRepository);
    const incidents = t.app.get(IncidentsRepository);
    const reports = t.app.get(ReportsRepository);
    const missing = undefined as unknown as string;
    const before = await settledSnapshot(t);
    // Find options (alert rules and alerts, the incident's alert): throw.
    await expect(alerts.findRule(missing, rule)).rejects.toThrow(/Undefined value/);
    await expect(alerts.findAlert(missing, alert)).rejects.toThrow(/Undefined value/);
    await expect(alerts.findAlert(null as unknown as string, alert)).rejects.toThrow(/Null value/);
    await expect(alerts.openAlert(t.dataSource.manager, missing, rule)).rejects.toThrow(/Undefined value/);
    await expect(alerts.openAlert(t.dataSource.manager, workspaceId, missing)).rejects.toThrow(/Undefined value/);
    await expect(incidents.alert(missing, alert)).rejects.toThrow(/Undefined value/);
    await expect(t.dataSource.transaction((tx) => alerts.deleteRule(tx, missing, rule))).rejects.toThrow(/Undefined value/);
    // Hand-written SQL (report recipients): the missing workspace binds as NULL and matches nothing.
    expect(await reports.recipients(missing)).toEqual([]);
    expect(await t.dataSource.transaction((tx) => reports.deleteRecipient(tx, missing, recipient))).toBeNull();
    expect(diffDb(before, await settledSnapshot(t))).toEqual([]);
    // The defined workspace still finds its rows.
    expect((await alerts.findRule(workspaceId, rule))?.rule.id).toBe(rule);
    expect((await alerts.findAlert(workspaceId, alert))?.id).toBe(alert);
    expect((await incidents.alert(workspaceId, alert))?.event.id).toBe(alert);
    expect((await reports.recipients(workspaceId)).map((r) => r.id)).toEqual([recipient]);
  });

  it('a query builder parameter left undefined matches nothing (SQL NULL), never every row', async () => {
    // The option covers find-options objects; hand-written SQL binds undefined as NULL, and `= NULL` is never true.
    const rows = await t.dataSource.getRepository(UserEntity).createQueryBuilder('u').where('u.workspace_id = :ws', { ws: undefined }).getMany();
    expect(rows).toEqual([]);
  });
});
