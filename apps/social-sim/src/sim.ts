import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthState } from './auth.js';
import type { SimContext } from './context.js';
import { handleControl } from './control-routes.js';
import { loadCorpus, type Brand } from './data/corpus.js';
import { FaultBook } from './faults.js';
import { errorStatus, send } from './http-io.js';
import { handlePlatform, Waits, type PlatformRouteParts } from './platform-route.js';
import { RateLimiter } from './rate-limits.js';
import { RequestLog } from './request-log.js';
import { createRng } from './rng.js';
import { createHistoryModel, type HistoryOptions, type HistorySummary } from './history.js';
import { ScenarioRunner, type ScenarioOptions } from './scenario.js';
import { createSimControl, type SimControl } from './sim-control.js';
import { SIM_PLATFORMS, type SimPlatform } from './sim-model.js';
import { SimStore, type SimCompetitor } from './store.js';

export type { RequestLogEntry } from './request-log.js';
export type { SeededPost, SimControl, SimState } from './sim-control.js';
export type { HistoryIncident, HistoryOptions, HistorySummary } from './history.js';
export { DEMO_HISTORY_PER_DAY } from './history.js';
export type { LiveStream } from './scenario.js';
export type { SimCompetitor } from './store.js';

export interface SocialSimOptions {
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** RNG seed: same seed, same posts, authors and probabilistic faults. Default 42. */
  seed?: number;
  /**
   * Back-dated posts seeded before anything else (history.ts); the scenario's live stream then continues the
   * history's rate model instead of its flat interval (scenario.ts), and seeds no initial posts.
   */
  history?: HistoryOptions;
  /** Default `none` (tests); the CLI defaults to `steady`. */
  scenario?: ScenarioOptions['name'] | ScenarioOptions;
  /** The demo brand the real posts are rewritten to. Default `{ handle: 'acme', name: 'Acme' }`. */
  brand?: Brand;
  /**
   * A competitor brand: about `share` (default 25 %) of the corpus posts (seeded, history, live stream) name it
   * instead of the brand, `bothShare` (default 4 %) name both; RSS and `text` seeds are left alone. Default none
   * (tests); the CLI turns it on (SOCIAL_SIM_COMPETITOR, default `globex:Globex`).
   */
  competitor?: SimCompetitor | null;
  /** shared/eval location; null = use the bundled posts only. Default: $EARSHOT_EVAL_DIR or the repo-relative path. */
  evalDir?: string | null;
  /** Enforce each platform's documented request window (429 when exceeded). Default true. */
  rateLimits?: boolean;
  /**
   * X refuses a tweet whose text the account already posted (403 "duplicate content"). Default
   * true; false lets a blind resend post twice, for tests that must prove a client reconciles on
   * its own rather than leaning on that refusal (X does not promise it).
   */
  xRefusesDuplicates?: boolean;
  /**
   * Ports that serve one platform each at their root (for clients that take only a host, e.g.
   * `http://127.0.0.1:4101` for Mastodon). Default: `port + 1..5` (mastodon, bluesky, reddit, x,
   * rss) when `port` is a fixed port, else ephemeral ports. A platform set to `null` gets none.
   */
  rootPorts?: Partial<Record<SimPlatform, number | null>>;
  log?: (line: string) => void;
}

export interface SocialSim {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Each connector's baseUrl: `${url}/mastodon`, `${url}/bluesky`, `${url}/reddit`, `${url}/x`, `${url}/rss` (feed: `${url}/rss/feed.xml`). */
  baseUrls: Record<SimPlatform, string>;
  /** Each platform at the root of its own port: `http://127.0.0.1:<port>` (no path prefix). */
  rootUrls: Partial<Record<SimPlatform, string>>;
  control: SimControl;
  /** What `options.history` seeded at start (null without it). */
  history: HistorySummary | null;
  close(): Promise<void>;
}

/**
 * Fixed port scheme of `main.ts` (SOCIAL_SIM_PORT = P): P keeps the path-prefix layout, P+1..P+5
 * serve one platform each at their root. The api's simulator allowance relies on it.
 */
export const ROOT_PORT_OFFSETS: Readonly<Record<SimPlatform, number>> = { mastodon: 1, bluesky: 2, reddit: 3, x: 4, rss: 5 };

export async function createSocialSim(options: SocialSimOptions = {}): Promise<SocialSim> {
  const brand = options.brand ?? { handle: 'acme', name: 'Acme' };
  const rng = createRng(options.seed ?? 42);
  const corpus = loadCorpus(brand, options.evalDir === undefined ? undefined : options.evalDir);
  const store = new SimStore(brand, corpus, rng);
  store.xRefusesDuplicates = options.xRefusesDuplicates !== false;
  // Its own generator: with a competitor the posts, times and authors are those of the same seed without one.
  store.setCompetitor(options.competitor ?? null, createRng(((options.seed ?? 42) ^ 0x9e3779b9) >>> 0));
  const faults = new FaultBook(rng);
  const auth = new AuthState();
  const ctx: SimContext = { store, faults, auth, rng };
  const scenario = new ScenarioRunner(store, rng, corpus.topics);
  const log = new RequestLog();
  const limiter = new RateLimiter(options.rateLimits !== false);
  const waits = new Waits();
  const urls = { url: '', baseUrls: {} as Record<SimPlatform, string>, rootUrls: {} as Partial<Record<SimPlatform, string>> };
  const base = createSimControl({ store, faults, auth, scenario, corpus, log, limiter, urls: () => urls });
  // The live stream continues the last history seeded (its rhythm and level, scenario.ts); a reset forgets it.
  const control: SimControl = {
    ...base,
    history: (o) => {
      const summary = base.history(o);
      scenario.follow(createHistoryModel(corpus, o));
      return summary;
    },
    reset: () => {
      base.reset();
      scenario.follow(null);
    },
  };
  const servers = createServers({ store, faults, auth, ctx, log, limiter, waits }, control, urls, options.log);

  const host = options.host ?? '127.0.0.1';
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const port = await listen(servers.main, host, options.port ?? 0);
  urls.url = `http://${hostPart}:${port}`;
  urls.baseUrls = Object.fromEntries(SIM_PLATFORMS.map((p) => [p, `${urls.url}/${p}`])) as Record<SimPlatform, string>;
  try {
    for (const platform of SIM_PLATFORMS) {
      const wanted =
        options.rootPorts && platform in options.rootPorts ? options.rootPorts[platform] : options.port ? options.port + ROOT_PORT_OFFSETS[platform] : 0;
      if (wanted === null || wanted === undefined) continue;
      urls.rootUrls[platform] = `http://${hostPart}:${await listen(servers.root(platform), host, wanted)}`;
    }
  } catch (err) {
    await servers.close();
    throw err;
  }
  const history = options.history ? control.history(options.history) : null;
  if (options.scenario) control.setScenario(options.scenario);

  return {
    url: urls.url,
    port,
    baseUrls: urls.baseUrls,
    rootUrls: urls.rootUrls,
    control,
    history,
    close: async () => {
      scenario.stop();
      waits.releaseAll();
      await servers.close();
    },
  };
}

function listen(s: Server, host: string, port: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    s.once('error', reject);
    s.listen(port, host, () => {
      s.off('error', reject);
      resolve((s.address() as AddressInfo).port);
    });
  });
}

/**
 * The main server (`/_control/*` and `/<platform>/*`) and, on demand, one server per platform at
 * the root of its own port: the same handler, faults, limits and log.
 */
function createServers(
  parts: PlatformRouteParts,
  control: SimControl,
  urls: { baseUrls: Record<SimPlatform, string>; rootUrls: Partial<Record<SimPlatform, string>> },
  logLine?: (line: string) => void,
) {
  const onError = (res: ServerResponse, err: unknown): void => {
    const status = errorStatus(err);
    if (status === 500) logLine?.(`social-sim: ${err instanceof Error ? err.stack : String(err)}`);
    send(res, null, { status, body: { error: err instanceof Error ? err.message : 'error' } });
  };
  const nowIso = (): string => new Date(parts.store.now()).toISOString();

  const main = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://sim.local');
    const path = u.pathname;
    const run = async (): Promise<void> => {
      if (path === '/_control' || path.startsWith('/_control/')) return handleControl(req, res, path, u.searchParams, control, nowIso);
      const m = /^\/(mastodon|bluesky|reddit|x|rss)(\/.*)?$/.exec(path);
      if (!m) return send(res, null, { status: 404, body: { error: 'unknown path', platforms: urls.baseUrls, roots: urls.rootUrls } });
      return handlePlatform(parts, req, res, m[1] as SimPlatform, m[2] ?? '/', u.searchParams, false);
    };
    run().catch((err: unknown) => onError(res, err));
  });
  main.keepAliveTimeout = 5000;

  const roots: Server[] = [];
  const root = (platform: SimPlatform): Server => {
    const s = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://sim.local');
      handlePlatform(parts, req, res, platform, u.pathname, u.searchParams, true).catch((err: unknown) => onError(res, err));
    });
    s.keepAliveTimeout = 5000;
    roots.push(s);
    return s;
  };

  const close = async (): Promise<void> => {
    for (const s of [main, ...roots]) s.closeAllConnections();
    await Promise.all([main, ...roots].map((s) => new Promise<void>((resolve) => (s.listening ? s.close(() => resolve()) : resolve()))));
  };
  return { main, root, close };
}
