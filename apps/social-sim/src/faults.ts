import type { Rng } from './rng.js';
import type { SimPlatform } from './sim-model.js';

export const FAULT_KINDS = [
  'rate_limit', // 429 with the platform's reset headers
  'server_error', // 5xx (default 503) with the platform's error body
  'slow', // answer after `delayMs`
  'hang', // never answer; the client must time out / abort
  'malformed', // 200 with a truncated JSON body (`variant: 'html'` → an HTML page, `'empty'` → `{}`)
  'expired_token', // the platform's expired-token error; Bluesky/Reddit also invalidate issued tokens
  'disconnect', // destroy the socket before answering
  'lost_response', // apply a write, then destroy the socket (the reply exists; the client never hears)
  'duplicates', // listings: the page window shifts back by `count` items (repeats across pages)
  'out_of_order', // listings: the page comes back shuffled
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  kind: FaultKind;
  /** Default: every platform. */
  platform?: SimPlatform;
  /** Substring of the path after the platform prefix, e.g. `/api/v1/notifications`. Default: any. */
  path?: string;
  method?: string;
  /** Apply to the next N matching requests (default 1); 0 = until cleared. */
  times?: number;
  /** Chance (seeded RNG) that a matching request is hit; default 1. */
  probability?: number;
  /** server_error status (default 503). */
  status?: number;
  /** slow: delay before answering (ms). */
  delayMs?: number;
  /** rate_limit: seconds until the reset (default 60). */
  resetInSec?: number;
  /**
   * malformed: `truncated` (default), `html`, `empty`; rate_limit on Reddit: `html` for the "whoa there" page,
   * `in_body` for the comment limit ("doing that a lot") that `POST /api/comment` reports inside a 200.
   */
  variant?: 'truncated' | 'html' | 'empty' | 'in_body';
  /** expired_token: also refuse refresh/login until faults are cleared (revoked credentials). */
  revoke?: boolean;
  /** duplicates: how many already-served items to repeat (default 5). */
  count?: number;
  /**
   * slow, hang, server_error, disconnect on a write (not GET): the platform applies the write
   * first, then the fault acts on the answer (a 503 after the commit, a hang-up, an answer that
   * comes late or never). Without it these faults act before the write, which then never happens.
   */
  afterWrite?: boolean;
}

/** The faults `afterWrite` can follow a write with. */
export const AFTER_WRITE_KINDS: readonly FaultKind[] = ['slow', 'hang', 'server_error', 'disconnect'];

export interface ActiveFault extends FaultSpec {
  id: string;
  remaining: number;
  hits: number;
}

const REQUEST_KINDS: readonly FaultKind[] = ['rate_limit', 'server_error', 'slow', 'hang', 'malformed', 'expired_token', 'disconnect', 'lost_response'];

export class FaultBook {
  private faults: ActiveFault[] = [];
  private counter = 0;

  constructor(private readonly rng: Rng) {}

  add(spec: FaultSpec): ActiveFault {
    if (!FAULT_KINDS.includes(spec.kind)) throw new Error(`unknown fault kind "${String(spec.kind)}"`);
    if (spec.afterWrite && !AFTER_WRITE_KINDS.includes(spec.kind)) throw new Error(`afterWrite applies to ${AFTER_WRITE_KINDS.join(', ')} only`);
    const times = spec.times ?? 1;
    const fault: ActiveFault = { ...spec, id: `f${++this.counter}`, remaining: times <= 0 ? Infinity : times, hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  list(): ActiveFault[] {
    return this.faults.filter((f) => f.remaining > 0);
  }

  clear(): void {
    this.faults = [];
  }

  private take(kinds: readonly FaultKind[], platform: SimPlatform, method: string, path: string): ActiveFault | null {
    for (const f of this.faults) {
      if (f.remaining <= 0 || !kinds.includes(f.kind)) continue;
      if (f.platform && f.platform !== platform) continue;
      if (f.method && f.method.toUpperCase() !== method) continue;
      if (f.afterWrite && (method === 'GET' || method === 'HEAD')) continue;
      if (f.path && !path.includes(f.path)) continue;
      if (f.probability !== undefined && f.probability < 1 && this.rng.next() >= f.probability) continue;
      f.remaining--;
      f.hits++;
      return f;
    }
    return null;
  }

  /** The request-level fault for this request, if any (consumed). */
  forRequest(platform: SimPlatform, method: string, path: string): ActiveFault | null {
    return this.take(
      REQUEST_KINDS.filter((k) => k !== 'lost_response'),
      platform,
      method,
      path,
    );
  }

  /** lost_response only applies to writes; checked by the write handlers. */
  lostResponse(platform: SimPlatform, method: string, path: string): ActiveFault | null {
    return method === 'GET' ? null : this.take(['lost_response'], platform, method, path);
  }

  listing(kind: 'duplicates' | 'out_of_order', platform: SimPlatform, method: string, path: string): ActiveFault | null {
    return this.take([kind], platform, method, path);
  }
}
