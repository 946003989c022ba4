import type { HttpClientOptions } from './http-client.js';

/** Options every connector factory accepts. */
export interface ConnectorOptions extends HttpClientOptions {
  /**
   * How far behind the stored high-water mark a backwards-paging poll re-reads (late-indexed
   * posts). Defaults: Bluesky 10 min, Reddit 5 min. Duplicates it causes are deduped by the DB.
   */
  overlapMs?: number;
}

export const DEFAULT_USER_AGENT = 'web:earshot:0.1.0 (self-hosted listening desk)';
