import { seedHistory, type HistoryOptions, type HistorySummary } from './history.js';
import type { AuthState } from './auth.js';
import type { Brand, Corpus } from './data/corpus.js';
import type { ActiveFault, FaultBook, FaultSpec } from './faults.js';
import type { RateLimiter } from './rate-limits.js';
import type { RequestLog, RequestLogEntry } from './request-log.js';
import type { ScenarioOptions, ScenarioRunner } from './scenario.js';
import { SIM_PLATFORMS, type SeedOptions, type SimPlatform, type SimReply } from './sim-model.js';
import type { SimStore } from './store.js';

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
  /** Back-dated posts as the oldest of each timeline (history.ts); call before a poller's first request. */
  history(o?: HistoryOptions): HistorySummary;
  /** Moves the fake clock forward (post times, X 7-day window). */
  advanceClock(ms: number): void;
  /** Sets the fake clock to a time (ms since the epoch). */
  setClock(ms: number): void;
  /** Empties posts, replies, faults, tokens and the request log; stops the scenario. */
  reset(): void;
  state(): SimState;
}

export interface SimState {
  url: string;
  baseUrls: Record<SimPlatform, string>;
  rootUrls: Partial<Record<SimPlatform, string>>;
  corpus: { origin: Corpus['origin']; dir: string | null; posts: number; topics: string[] };
  /** The competitor some posts name instead of the brand (null: none). */
  competitor: Brand | null;
  posts: Record<SimPlatform, { visible: number; deleted: number; replies: number }>;
  faults: ActiveFault[];
  scenario: ReturnType<ScenarioRunner['status']>;
}

/** What the control API drives; `urls` is read when the state is asked for (the ports are known after listen). */
export interface SimControlParts {
  store: SimStore;
  faults: FaultBook;
  auth: AuthState;
  scenario: ScenarioRunner;
  corpus: Corpus;
  log: RequestLog;
  limiter: RateLimiter;
  urls: () => { url: string; baseUrls: Record<SimPlatform, string>; rootUrls: Partial<Record<SimPlatform, string>> };
}

/** The simulator's control surface (tests call it directly; `/_control/*` over HTTP, see control-routes.ts). */
export function createSimControl(parts: SimControlParts): SimControl {
  const { store, faults, auth, scenario, log, limiter } = parts;
  return {
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
    requests: (platform) => log.list(platform),
    history: (o) => seedHistory(store, parts.corpus, o),
    advanceClock: (ms) => {
      store.clockOffsetMs += ms;
    },
    setClock: (ms) => {
      store.clockOffsetMs = ms - Date.now();
    },
    reset: () => {
      scenario.stop();
      store.reset();
      faults.clear();
      auth.reset();
      log.clear();
      limiter.clear();
    },
    state: () => simState(parts),
  };
}

function simState({ store, faults, scenario, corpus, urls }: SimControlParts): SimState {
  const { url, baseUrls, rootUrls } = urls();
  return {
    url,
    baseUrls,
    rootUrls,
    corpus: { origin: corpus.origin, dir: corpus.dir, posts: corpus.posts.length, topics: corpus.topics },
    competitor: store.competitor,
    posts: Object.fromEntries(
      SIM_PLATFORMS.map((p) => {
        const all = store.list(p).filter((x) => !x.byBrand);
        return [
          p,
          {
            visible: all.filter((x) => !x.deleted).length,
            deleted: all.filter((x) => x.deleted).length,
            replies: store.replies.filter((r) => r.platform === p).length,
          },
        ];
      }),
    ) as SimState['posts'],
    faults: faults.list(),
    scenario: scenario.status(),
  };
}
