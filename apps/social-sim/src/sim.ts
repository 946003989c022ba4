import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthState } from './auth.js';
import type { SimContext, SimRequest, SimResponse } from './context.js';
import { loadCorpus, type Brand, type Corpus } from './data/corpus.js';
import { expiredTokenBody, RATE_LIMITS, rateHeaders, rateLimitedBody, serverErrorBody } from './dialects.js';
import { FaultBook, type ActiveFault, type FaultSpec } from './faults.js';
import { handleBluesky } from './platforms/bluesky.js';
import { handleMastodon } from './platforms/mastodon.js';
import { handleReddit } from './platforms/reddit.js';
import { handleRss } from './platforms/rss.js';
import { handleX } from './platforms/x.js';
import { createRng } from './rng.js';
import { SCENARIOS, ScenarioRunner, type ScenarioOptions } from './scenario.js';
import { SIM_PLATFORMS, SimStore, type SeedOptions, type SimPlatform, type SimReply } from './store.js';

export interface SocialSimOptions {
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** RNG seed: same seed, same posts, authors and probabilistic faults. Default 42. */
  seed?: number;
  /** Default `none` (tests); the CLI defaults to `steady`. */
  scenario?: ScenarioOptions['name'] | ScenarioOptions;
  /** The demo brand the real posts are rewritten to. Default `{ handle: 'acme', name: 'Acme' }`. */
  brand?: Brand;
  /** shared/eval location; null = use the bundled posts only. Default: $EARSHOT_EVAL_DIR or the repo-relative path. */
  evalDir?: string | null;
  /** Enforce each platform's documented request window (429 when exceeded). Default true. */
  rateLimits?: boolean;
  /**
   * Ports that serve one platform each at their root (for clients that take only a host, e.g.
   * `http://127.0.0.1:4101` for Mastodon). Default: `port + 1..5` (mastodon, bluesky, reddit, x,
   * rss) when `port` is a fixed port, else ephemeral ports. A platform set to `null` gets none.
   */
  rootPorts?: Partial<Record<SimPlatform, number | null>>;
  log?: (line: string) => void;
}

export interface RequestLogEntry {
  id: number;
  at: string;
  platform: SimPlatform;
  method: string;
  path: string;
  query: string;
  status: number | null;
  fault: string | null;
  /** `prefix`: under `${url}/<platform>` on the main port; `root`: at the root of the platform's own port. */
  via: 'prefix' | 'root';
  /** Response headers (rate-limit ones included) as sent. */
  headers: Record<string, string>;
}

export interface SeededPost {
  platform: SimPlatform;
  id: string;
  createdAt: string;
  text: string;
}

export interface SimControl {
  /** Adds posts (real ones from the corpus unless `text` is given). */
  seed(o?: SeedOptions): SeededPost[];
  /** Visible (not deleted) post ids of a platform, oldest first; brand replies excluded. */
  ids(platform: SimPlatform): string[];
  deletePosts(platform: SimPlatform, o: { ids?: string[]; count?: number }): string[];
  addFault(spec: FaultSpec): ActiveFault;
  faults(): ActiveFault[];
  /** Removes all faults and restores revoked credentials. */
  clearFaults(): void;
  setScenario(o: ScenarioOptions['name'] | ScenarioOptions): void;
  scenario(): ReturnType<ScenarioRunner['status']>;
  replies(platform?: SimPlatform): SimReply[];
  requests(platform?: SimPlatform): RequestLogEntry[];
  /** Moves the fake clock forward (post times, X 7-day window). */
  advanceClock(ms: number): void;
  /** Empties posts, replies, faults, tokens and the request log; stops the scenario. */
  reset(): void;
  state(): SimState;
}

export interface SimState {
  url: string;
  baseUrls: Record<SimPlatform, string>;
  rootUrls: Partial<Record<SimPlatform, string>>;
  corpus: { origin: Corpus['origin']; dir: string | null; posts: number; topics: string[] };
  posts: Record<SimPlatform, { visible: number; deleted: number; replies: number }>;
  faults: ActiveFault[];
  scenario: ReturnType<ScenarioRunner['status']>;
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
  close(): Promise<void>;
}

const HANDLERS: Record<SimPlatform, (req: SimRequest, ctx: SimContext) => SimResponse | Promise<SimResponse>> = {
  mastodon: handleMastodon,
  bluesky: handleBluesky,
  reddit: handleReddit,
  x: handleX,
  rss: handleRss,
};

/**
 * Fixed port scheme of `main.ts` (SOCIAL_SIM_PORT = P): P keeps the path-prefix layout, P+1..P+5
 * serve one platform each at their root. The api's simulator allowance relies on it.
 */
export const ROOT_PORT_OFFSETS: Readonly<Record<SimPlatform, number>> = { mastodon: 1, bluesky: 2, reddit: 3, x: 4, rss: 5 };

const MAX_BODY = 1024 * 1024;
const LOG_CAP = 20_000;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new BodyTooLarge('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function createSocialSim(options: SocialSimOptions = {}): Promise<SocialSim> {
  const brand = options.brand ?? { handle: 'acme', name: 'Acme' };
  const rng = createRng(options.seed ?? 42);
  const corpus = loadCorpus(brand, options.evalDir === undefined ? undefined : options.evalDir);
  const store = new SimStore(brand, corpus, rng);
  const faults = new FaultBook(rng);
  const auth = new AuthState();
  const ctx: SimContext = { store, faults, auth, rng };
  const scenario = new ScenarioRunner(store, rng, corpus.topics);
  const log: RequestLogEntry[] = [];
  const pending = new Set<() => void>();
  const timers = new Set<NodeJS.Timeout>();
  const windows = new Map<SimPlatform, { start: number; used: number }>();
  let logId = 0;
  let baseUrls = {} as Record<SimPlatform, string>;
  const rootUrls: Partial<Record<SimPlatform, string>> = {};
  let url = '';

  const delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        pending.delete(resolve);
        resolve();
      }, ms);
      timers.add(t);
      pending.add(resolve);
    });

  const send = (res: ServerResponse, entry: RequestLogEntry | null, r: SimResponse): void => {
    if (res.destroyed || res.writableEnded) return;
    const isString = typeof r.body === 'string';
    const body = isString ? (r.body as string) : JSON.stringify(r.body);
    const headers: Record<string, string> = { 'content-type': r.contentType ?? (isString ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8'), ...(r.headers ?? {}) };
    if (entry) {
      entry.status = r.status;
      entry.headers = headers;
    }
    res.writeHead(r.status, headers);
    res.end(r.status === 304 ? undefined : body);
  };

  const limiter = (platform: SimPlatform, now: number): { headers: Record<string, string>; exceeded: boolean } => {
    const cfg = RATE_LIMITS[platform];
    let w = windows.get(platform);
    if (!w || now >= w.start + cfg.windowSec * 1000) windows.set(platform, (w = { start: now, used: 0 }));
    w.used++;
    const remaining = Math.max(0, cfg.limit - w.used);
    return { headers: rateHeaders(platform, cfg.limit, remaining, w.start + cfg.windowSec * 1000, now), exceeded: options.rateLimits !== false && w.used > cfg.limit };
  };

  const handlePlatform = async (req: IncomingMessage, res: ServerResponse, platform: SimPlatform, path: string, query: URLSearchParams, atRoot: boolean): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const rawBody = await readBody(req);
    const host = req.headers.host ?? '127.0.0.1';
    const simReq: SimRequest = { platform, method, path: path || '/', query, headers: req.headers, rawBody, base: atRoot ? `http://${host}` : `http://${host}/${platform}` };
    const fault = faults.forRequest(platform, method, simReq.path);
    const entry: RequestLogEntry = { id: ++logId, at: new Date(store.now()).toISOString(), platform, method, path: simReq.path, query: query.toString(), status: null, fault: fault?.kind ?? null, via: atRoot ? 'root' : 'prefix', headers: {} };
    log.push(entry);
    if (log.length > LOG_CAP) log.splice(0, log.length - LOG_CAP);
    const now = store.now();

    if (fault?.kind === 'hang') {
      await new Promise<void>((resolve) => {
        pending.add(resolve);
        res.on('close', () => {
          pending.delete(resolve);
          resolve();
        });
      });
      return;
    }
    if (fault?.kind === 'disconnect') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'slow') {
      await delay(fault.delayMs ?? 2000);
      if (res.destroyed) return;
    }
    if (fault?.kind === 'rate_limit') {
      const resetIn = fault.resetInSec ?? 60;
      const cfg = RATE_LIMITS[platform];
      const headers = rateHeaders(platform, cfg.limit, 0, now + resetIn * 1000, now);
      if (platform === 'bluesky') headers['Retry-After'] = String(resetIn);
      const body = rateLimitedBody(platform, fault.variant === 'html');
      send(res, entry, { ...body, headers: { ...headers, ...(body.headers ?? {}) } });
      return;
    }
    if (fault?.kind === 'server_error') {
      send(res, entry, serverErrorBody(platform, fault.status ?? 503));
      return;
    }
    if (fault?.kind === 'expired_token') {
      auth.expire(platform, fault.revoke === true);
      send(res, entry, expiredTokenBody(platform));
      return;
    }
    const limit = limiter(platform, now);
    if (limit.exceeded) {
      const body = rateLimitedBody(platform);
      send(res, entry, { ...body, headers: { ...limit.headers, ...(platform === 'bluesky' ? { 'Retry-After': String(Math.max(1, Math.ceil((Number(limit.headers['RateLimit-Reset']) * 1000 - now) / 1000))) } : {}) } });
      return;
    }
    const out = await HANDLERS[platform](simReq, ctx);
    if (out.drop) {
      entry.status = -1;
      entry.fault = 'lost_response';
      req.socket.destroy();
      return;
    }
    const response: SimResponse = { ...out, headers: { ...limit.headers, ...(out.headers ?? {}) } };
    if (fault?.kind === 'malformed') {
      const text = typeof out.body === 'string' ? out.body : JSON.stringify(out.body);
      if (fault.variant === 'html' || platform === 'rss') send(res, entry, { status: 200, body: '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>', contentType: 'text/html; charset=UTF-8', headers: response.headers });
      else if (fault.variant === 'empty') send(res, entry, { ...response, status: 200, body: '{}', contentType: 'application/json; charset=utf-8' });
      else send(res, entry, { ...response, status: 200, body: text.slice(0, Math.max(1, Math.floor(text.length / 2))), contentType: 'application/json; charset=utf-8' });
      return;
    }
    send(res, entry, response);
  };

  const control: SimControl = {
    seed: (o = {}) => store.seed(o).map((p) => ({ platform: p.platform, id: p.id, createdAt: new Date(p.createdAt).toISOString(), text: p.text })),
    ids: (platform) => store.visibleIds(platform).filter((id) => store.get(platform, id)?.mentionsBrand),
    deletePosts: (platform, o) => (o.ids ? store.delete(platform, o.ids) : store.deleteRandom(platform, o.count ?? 1)),
    addFault: (spec) => faults.add(spec),
    faults: () => faults.list(),
    clearFaults: () => {
      faults.clear();
      auth.restore();
    },
    setScenario: (o) => scenario.start(typeof o === 'string' ? { name: o } : o),
    scenario: () => scenario.status(),
    replies: (platform) => store.replies.filter((r) => !platform || r.platform === platform),
    requests: (platform) => log.filter((e) => !platform || e.platform === platform),
    advanceClock: (ms) => {
      store.clockOffsetMs += ms;
    },
    reset: () => {
      scenario.stop();
      store.reset();
      faults.clear();
      auth.reset();
      log.length = 0;
      windows.clear();
    },
    state: () => ({
      url,
      baseUrls,
      rootUrls,
      corpus: { origin: corpus.origin, dir: corpus.dir, posts: corpus.posts.length, topics: corpus.topics },
      posts: Object.fromEntries(
        SIM_PLATFORMS.map((p) => {
          const all = store.list(p).filter((x) => !x.byBrand);
          return [p, { visible: all.filter((x) => !x.deleted).length, deleted: all.filter((x) => x.deleted).length, replies: store.replies.filter((r) => r.platform === p).length }];
        }),
      ) as SimState['posts'],
      faults: faults.list(),
      scenario: scenario.status(),
    }),
  };

  const handleControl = async (req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    let body: Record<string, unknown> = {};
    if (raw) {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    }
    const platformParam = (v: unknown): SimPlatform | undefined => (typeof v === 'string' && (SIM_PLATFORMS as readonly string[]).includes(v) ? (v as SimPlatform) : undefined);
    const ok = (b: unknown, status = 200): void => send(res, null, { status, body: b });
    const p = path.replace(/\/+$/, '') || '/_control';
    if (method === 'GET' && (p === '/_control' || p === '/_control/state')) return ok(control.state());
    if (method === 'POST' && p === '/_control/posts') return ok({ posts: control.seed(body as SeedOptions) }, 201);
    if (method === 'GET' && p === '/_control/posts') {
      const platform = platformParam(query.get('platform'));
      if (!platform) return ok({ error: 'platform is required' }, 400);
      return ok({ ids: control.ids(platform) });
    }
    if (method === 'POST' && p === '/_control/posts/delete') {
      const platform = platformParam(body['platform']);
      if (!platform) return ok({ error: 'platform is required' }, 400);
      const ids = Array.isArray(body['ids']) ? body['ids'].filter((x): x is string => typeof x === 'string') : undefined;
      return ok({ deleted: control.deletePosts(platform, { ids, count: typeof body['count'] === 'number' ? body['count'] : undefined }) });
    }
    if (method === 'POST' && p === '/_control/faults') {
      try {
        return ok(control.addFault(body as unknown as FaultSpec), 201);
      } catch (err) {
        return ok({ error: err instanceof Error ? err.message : 'invalid fault' }, 400);
      }
    }
    if (method === 'GET' && p === '/_control/faults') return ok({ faults: control.faults() });
    if (method === 'DELETE' && p === '/_control/faults') {
      control.clearFaults();
      return ok({ faults: [] });
    }
    if (method === 'POST' && p === '/_control/scenario') {
      const name = body['name'];
      if (typeof name !== 'string' || !(SCENARIOS as readonly string[]).includes(name)) return ok({ error: `name must be one of ${SCENARIOS.join(', ')}` }, 400);
      control.setScenario(body as unknown as ScenarioOptions);
      return ok(control.scenario());
    }
    if (method === 'GET' && p === '/_control/scenario') return ok(control.scenario());
    if (method === 'GET' && p === '/_control/replies') return ok({ replies: control.replies(platformParam(query.get('platform'))) });
    if (method === 'GET' && p === '/_control/requests') {
      const n = Number(query.get('limit') ?? 200);
      return ok({ requests: control.requests(platformParam(query.get('platform'))).slice(-Math.max(1, Math.min(n, LOG_CAP))) });
    }
    if (method === 'POST' && p === '/_control/clock') {
      control.advanceClock(typeof body['advanceMs'] === 'number' ? body['advanceMs'] : 0);
      return ok({ now: new Date(store.now()).toISOString() });
    }
    if (method === 'POST' && p === '/_control/reset') {
      control.reset();
      return ok({ reset: true });
    }
    return ok({ error: 'unknown control endpoint' }, 404);
  };

  const onError = (res: ServerResponse, err: unknown): void => {
    const status = err instanceof BodyTooLarge ? 413 : err instanceof SyntaxError ? 400 : 500;
    if (status === 500) options.log?.(`social-sim: ${err instanceof Error ? err.stack : String(err)}`);
    send(res, null, { status, body: { error: err instanceof Error ? err.message : 'error' } });
  };

  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://sim.local');
    const path = u.pathname;
    const run = async (): Promise<void> => {
      if (path === '/_control' || path.startsWith('/_control/')) return handleControl(req, res, path, u.searchParams);
      const m = /^\/(mastodon|bluesky|reddit|x|rss)(\/.*)?$/.exec(path);
      if (!m) return send(res, null, { status: 404, body: { error: 'unknown path', platforms: baseUrls, roots: rootUrls } });
      return handlePlatform(req, res, m[1] as SimPlatform, m[2] ?? '/', u.searchParams, false);
    };
    run().catch((err: unknown) => onError(res, err));
  });
  server.keepAliveTimeout = 5000;

  /** One platform at the root of its own port: the same handler, faults, limits and log. */
  const rootServer = (platform: SimPlatform) => {
    const s = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://sim.local');
      handlePlatform(req, res, platform, u.pathname, u.searchParams, true).catch((err: unknown) => onError(res, err));
    });
    s.keepAliveTimeout = 5000;
    return s;
  };

  const host = options.host ?? '127.0.0.1';
  const listen = (s: Server, p: number): Promise<number> =>
    new Promise<number>((resolve, reject) => {
      s.once('error', reject);
      s.listen(p, host, () => {
        s.off('error', reject);
        resolve((s.address() as AddressInfo).port);
      });
    });
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const port = await listen(server, options.port ?? 0);
  url = `http://${hostPart}:${port}`;
  baseUrls = Object.fromEntries(SIM_PLATFORMS.map((p) => [p, `${url}/${p}`])) as Record<SimPlatform, string>;
  const roots: Server[] = [];
  const closeServers = async (): Promise<void> => {
    for (const s of [server, ...roots]) s.closeAllConnections();
    await Promise.all([server, ...roots].map((s) => new Promise<void>((resolve) => (s.listening ? s.close(() => resolve()) : resolve()))));
  };
  try {
    for (const platform of SIM_PLATFORMS) {
      const wanted = options.rootPorts && platform in options.rootPorts ? options.rootPorts[platform] : options.port ? options.port + ROOT_PORT_OFFSETS[platform] : 0;
      if (wanted === null || wanted === undefined) continue;
      const s = rootServer(platform);
      roots.push(s);
      rootUrls[platform] = `http://${hostPart}:${await listen(s, wanted)}`;
    }
  } catch (err) {
    await closeServers();
    throw err;
  }
  if (options.scenario) control.setScenario(options.scenario);

  return {
    url,
    port,
    baseUrls,
    rootUrls,
    control,
    close: async () => {
      scenario.stop();
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const release of pending) release();
      pending.clear();
      await closeServers();
    },
  };
}
