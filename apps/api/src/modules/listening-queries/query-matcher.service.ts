import { Injectable } from '@nestjs/common';
import { compileQuery, prepareMention, type CompiledQuery, type MatchableMention } from '@earshot/query';
import { ListeningQueriesRepository } from './listening-queries.repository.js';

export interface QueryMatch {
  /** The brand of the first matching query (own brands before competitors). */
  brandId: string;
  queryIds: string[];
  topics: string[];
}

interface WorkspaceQueries {
  loadedAt: number;
  queries: Array<{ id: string; brandId: string; topic: string | null; compiled: CompiledQuery; own: boolean }>;
}

const TTL_MS = 5_000;

/**
 * Decides which brand and topics a mention belongs to. Compiled queries are cached per
 * workspace for a few seconds (and dropped at once when this instance changes them), so
 * matching a page of mentions costs no database round trip.
 */
@Injectable()
export class QueryMatcherService {
  private readonly cache = new Map<string, WorkspaceQueries>();

  constructor(private readonly queries: ListeningQueriesRepository) {}

  invalidate(workspaceId: string): void {
    this.cache.delete(workspaceId);
  }

  /** Null when no enabled query matches: such mentions are not stored. */
  async match(workspaceId: string, mention: MatchableMention): Promise<QueryMatch | null> {
    return this.matchPrepared(await this.load(workspaceId), mention);
  }

  /** Matches many mentions with one load. */
  async matchAll(workspaceId: string, mentions: MatchableMention[]): Promise<Array<QueryMatch | null>> {
    const ws = await this.load(workspaceId);
    return mentions.map((m) => this.matchPrepared(ws, m));
  }

  private matchPrepared(ws: WorkspaceQueries, mention: MatchableMention): QueryMatch | null {
    if (ws.queries.length === 0) return null;
    const input = prepareMention(mention);
    const hits = ws.queries.filter((q) => q.compiled.test(input));
    if (hits.length === 0) return null;
    return {
      brandId: hits[0]!.brandId,
      queryIds: hits.map((h) => h.id),
      topics: [...new Set(hits.map((h) => h.topic).filter((t): t is string => t !== null))],
    };
  }

  private async load(workspaceId: string): Promise<WorkspaceQueries> {
    const cached = this.cache.get(workspaceId);
    if (cached && Date.now() - cached.loadedAt < TTL_MS) return cached;
    const rows = await this.queries.listEnabledWithBrandKind(workspaceId);
    const queries: WorkspaceQueries['queries'] = [];
    for (const r of rows) {
      try {
        queries.push({ id: r.id, brandId: r.brand_id, topic: r.topic, compiled: compileQuery(r.query), own: r.kind === 'own' });
      } catch {
        // Saved queries are validated on write; a query that no longer parses matches nothing.
      }
    }
    queries.sort((a, b) => Number(b.own) - Number(a.own));
    const entry = { loadedAt: Date.now(), queries };
    this.cache.set(workspaceId, entry);
    return entry;
  }
}
