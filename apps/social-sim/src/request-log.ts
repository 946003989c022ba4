import type { SimPlatform } from './sim-model.js';

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

/** Most entries kept; the oldest are dropped beyond it. */
export const LOG_CAP = 20_000;

/** Every platform request, in arrival order (the control API's `/_control/requests`). */
export class RequestLog {
  private readonly entries: RequestLogEntry[] = [];
  private lastId = 0;

  /** Appends an entry (status and headers filled in when the response is sent) and returns it. */
  add(e: Omit<RequestLogEntry, 'id' | 'status' | 'headers'>): RequestLogEntry {
    const entry: RequestLogEntry = {
      id: ++this.lastId,
      at: e.at,
      platform: e.platform,
      method: e.method,
      path: e.path,
      query: e.query,
      status: null,
      fault: e.fault,
      via: e.via,
      headers: {},
    };
    this.entries.push(entry);
    if (this.entries.length > LOG_CAP) this.entries.splice(0, this.entries.length - LOG_CAP);
    return entry;
  }

  list(platform?: SimPlatform): RequestLogEntry[] {
    return this.entries.filter((e) => !platform || e.platform === platform);
  }

  /** Empties the log; ids keep rising. */
  clear(): void {
    this.entries.length = 0;
  }
}
