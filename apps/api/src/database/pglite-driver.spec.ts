import { DataSource } from 'typeorm';
import { createPGliteDriver } from './pglite-driver.js';

describe('PGlite driver', () => {
  let ds: DataSource;

  beforeAll(async () => {
    const { driver } = createPGliteDriver(null);
    ds = await new DataSource({ type: 'postgres', driver, uuidExtension: 'pgcrypto', installExtensions: false } as never).initialize();
    await ds.query('CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL, big bigint)');
  });
  afterAll(() => ds.destroy());

  it('reports affected rows for UPDATE and DELETE like pg does', async () => {
    await ds.query('INSERT INTO t (id, v) VALUES (1, 0), (2, 0), (3, 0)');
    const upd = await ds.createQueryBuilder().update('t').set({ v: 5 }).where('id <= :n', { n: 2 }).execute();
    expect(upd.affected).toBe(2);
    const del = await ds.createQueryBuilder().delete().from('t').where('id = :id', { id: 3 }).execute();
    expect(del.affected).toBe(1);
  });

  it('returns bigint as a string, as pg does', async () => {
    await ds.query('INSERT INTO t (id, v, big) VALUES (10, 0, 9007199254740993)');
    const [row] = (await ds.query('SELECT big FROM t WHERE id = 10')) as Array<{ big: unknown }>;
    expect(row!.big).toBe('9007199254740993');
  });

  it('never interleaves two transactions on the one embedded session', async () => {
    await ds.query('INSERT INTO t (id, v) VALUES (100, 0)');
    // Each transaction reads, waits, then writes read+1: interleaving would lose updates.
    const bump = () =>
      ds.transaction(async (m) => {
        const [r] = (await m.query('SELECT v FROM t WHERE id = 100')) as Array<{ v: number }>;
        await new Promise((res) => setTimeout(res, 5));
        await m.query('UPDATE t SET v = $1 WHERE id = 100', [r!.v + 1]);
      });
    await Promise.all(Array.from({ length: 10 }, bump));
    const [row] = (await ds.query('SELECT v FROM t WHERE id = 100')) as Array<{ v: number }>;
    expect(row!.v).toBe(10);
  });

  it('rolls back a failed transaction without affecting the next one', async () => {
    await expect(
      ds.transaction(async (m) => {
        await m.query('INSERT INTO t (id, v) VALUES (200, 1)');
        await m.query('INSERT INTO t (id, v) VALUES (200, 1)');
      }),
    ).rejects.toThrow(/duplicate key/);
    const rows = (await ds.query('SELECT id FROM t WHERE id = 200')) as unknown[];
    expect(rows).toHaveLength(0);
  });
});
