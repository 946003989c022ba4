import { EventEmitter } from 'node:events';
import { PGlite, types, type PGliteOptions, type Results } from '@electric-sql/pglite';

/**
 * A `pg`-compatible driver for TypeORM on top of embedded PostgreSQL (PGlite).
 *
 * PGlite is one database session. TypeORM's postgres driver checks a connection out of
 * a pool for each query runner (one per transaction), so this pool hands out that one
 * session to one query runner at a time and queues the rest: two transactions never
 * interleave on the session. Results are mapped to the shape `pg` returns (`rowCount`,
 * `command`), so `UpdateResult.affected` works as it does on a PostgreSQL server.
 * Values are parsed as `pg` parses them (int8 and numeric as strings).
 */
interface PgResult {
  rows: unknown[];
  rowCount: number;
  command: string;
  fields: Results['fields'];
}

type Release = (err?: unknown) => void;
type ConnectCallback = (err: unknown, client: PGliteClient | null, release: Release) => void;

class PGliteClient extends EventEmitter {
  constructor(private readonly db: PGlite) {
    super();
  }

  async query(sql: string, params?: unknown[]): Promise<PgResult> {
    if (params && params.length > 0) return toPgResult(sql, await this.db.query(sql, params));
    // Without parameters the statement may hold several commands (migrations do).
    const results = await this.db.exec(sql);
    const last = results[results.length - 1];
    return last ? toPgResult(sql, last) : { rows: [], rowCount: 0, command: commandOf(sql), fields: [] };
  }
}

function commandOf(sql: string): string {
  const m = /^\s*(?:--[^\n]*\n\s*)*(\w+)/.exec(sql);
  return (m?.[1] ?? '').toUpperCase();
}

function toPgResult(sql: string, r: Results): PgResult {
  const command = commandOf(sql);
  const rowCount = command === 'SELECT' || command === 'WITH' ? r.rows.length : (r.affectedRows ?? r.rows.length);
  return { rows: r.rows, rowCount, command, fields: r.fields };
}

export interface PGliteHandle {
  /** The driver object to pass as TypeORM's `driver` option. */
  driver: { Pool: new () => unknown };
  /** The PGlite instance, once the pool has opened it. */
  instance(): Promise<PGlite>;
}

/** Creates a driver bound to one PGlite database (a folder, or in memory when `dataDir` is null). */
export function createPGliteDriver(dataDir: string | null, options: PGliteOptions = {}): PGliteHandle {
  let dbPromise: Promise<PGlite> | null = null;
  const open = () =>
    (dbPromise ??= PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...options,
      parsers: {
        [types.INT8]: (v: string) => v,
        [types.NUMERIC]: (v: string) => v,
        ...options.parsers,
      },
    }));

  class Pool extends EventEmitter {
    private busy = false;
    private readonly waiting: Array<() => void> = [];
    private client: PGliteClient | null = null;

    connect(callback?: ConnectCallback): Promise<PGliteClient> | void {
      const run = async (): Promise<PGliteClient> => {
        const db = await open();
        this.client ??= new PGliteClient(db);
        await this.acquire();
        return this.client;
      };
      if (!callback) return run();
      run().then(
        (client) => callback(null, client, () => this.releaseOne()),
        (err: unknown) => callback(err, null, () => undefined),
      );
    }

    /** A query outside any checked-out connection waits its turn like everyone else. */
    async query(sql: string, params?: unknown[]): Promise<PgResult> {
      const db = await open();
      this.client ??= new PGliteClient(db);
      await this.acquire();
      try {
        return await this.client.query(sql, params);
      } finally {
        this.releaseOne();
      }
    }

    end(callback?: (err?: unknown) => void): Promise<void> | void {
      const closing = (dbPromise ? dbPromise.then((db) => db.close()) : Promise.resolve()).then(() => {
        dbPromise = null;
        this.client = null;
      });
      if (!callback) return closing;
      closing.then(() => callback(), callback);
    }

    private acquire(): Promise<void> {
      if (!this.busy) {
        this.busy = true;
        return Promise.resolve();
      }
      return new Promise((resolve) => this.waiting.push(resolve));
    }

    private releaseOne(): void {
      const next = this.waiting.shift();
      if (next) next();
      else this.busy = false;
    }
  }

  return { driver: { Pool }, instance: open };
}
