import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './repo-root.js';
import pg from 'pg';

const root = REPO_ROOT;

export interface EarshotServer {
  url: string;
  admin: { email: string; password: string };
  /** The database it runs on, to start another process on the same one. */
  database: TestDatabase;
  output(): string;
  /** Graceful stop (SIGTERM), then drops the database unless `keepDatabase`. */
  stop(o?: { keepDatabase?: boolean }): Promise<void>;
  /** A crash: SIGKILL, database kept. */
  kill(): Promise<void>;
}

export interface TestDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * Starts the built api (`apps/api/dist/main.js`, serving `apps/web/dist`) as production
 * does, on a fresh database: a new one on TEST_DATABASE_URL's server, or embedded
 * PostgreSQL in a temporary folder.
 */
/** A fresh database: a new one on TEST_DATABASE_URL's server, or a temporary folder for embedded PostgreSQL. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const name = `earshot_e2e_${process.pid}_${randomBytes(3).toString('hex')}`;
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    await c.query(`CREATE DATABASE "${name}"`);
    await c.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.toString() },
      drop: async () => {
        const d = new pg.Client({ connectionString: server });
        await d.connect();
        await d.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await d.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'earshot-e2e-'));
  return { env: { EARSHOT_DATA_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts the built api (`apps/api/dist/main.js`, serving `apps/web/dist`) as production
 * does, on a fresh database (or the given one), with extra environment variables.
 */
export async function startEarshot(
  o: { database?: TestDatabase; env?: Record<string, string>; admin?: { email: string; password: string }; nodeArgs?: string[] } = {},
): Promise<EarshotServer> {
  const main = path.join(root, 'apps/api/dist/main.js');
  if (!existsSync(main)) throw new Error('Build the api first: npm run build (nx runs it before this target)');
  const port = await freePort();
  const admin = o.admin ?? { email: 'e2e-admin@earshot.test', password: `e2e-${randomBytes(9).toString('base64url')}` };
  const database = o.database ?? (await createTestDatabase());
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    EARSHOT_ADMIN_EMAIL: admin.email,
    EARSHOT_ADMIN_PASSWORD: admin.password,
    EARSHOT_SECRET_KEY: E2E_SECRET_KEY,
  };
  delete env.DATABASE_URL;
  delete env.EARSHOT_DATA_DIR;
  Object.assign(env, database.env, o.env ?? {});
  let out = '';
  // The V8 flags production runs the api with (tools/start.js, docker/Dockerfile), then any extra ones.
  const child: ChildProcess = spawn(process.execPath, ['--max-semi-space-size=32', ...(o.nodeArgs ?? []), main], {
    env,
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
    if (process.env.E2E_ECHO === 'true') process.stderr.write(d); // E2E_ECHO=true shows the api's stderr while debugging
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Earshot exited early:\n${out}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`Earshot did not become healthy within 60 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const exited = () => new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(undefined) : child.once('exit', r)));
  return {
    url,
    admin,
    database,
    output: () => out,
    stop: async (so = {}) => {
      if (child.exitCode === null && child.signalCode === null) {
        const done = exited();
        child.kill('SIGTERM');
        await Promise.race([done, new Promise((r) => setTimeout(r, 10_000).unref())]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await exited();
      }
      if (!so.keepDatabase) await database.drop();
    },
    kill: async () => {
      const done = exited();
      child.kill('SIGKILL');
      await done;
    },
  };
}

/** One key for every process of a test, so a restarted api can read the credentials the first one sealed. */
const E2E_SECRET_KEY = randomBytes(32).toString('hex');
