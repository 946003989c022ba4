import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { PhraseRule } from '@earshot/nlp';
import type { ScoringProfile, ScoringProfileSource } from '../ingest/scoring/scoring-profile.js';
import { LearningRepository } from './learning.repository.js';
import type { PhraseRuleEntity } from './phrase-rule.entity.js';

/**
 * How long a workspace's profile is trusted before it is read again. An activation or a rule
 * change in this instance applies at once (invalidate); another api instance picks it up
 * within this time.
 */
export const PROFILE_TTL_MS = 30_000;

/** A stored rule as the analyzer takes it. */
export function toNlpRule(r: Pick<PhraseRuleEntity, 'phrase' | 'sentiment' | 'urgency' | 'category'>): PhraseRule {
  return {
    phrase: r.phrase,
    ...(r.sentiment ? { sentiment: r.sentiment } : {}),
    ...(r.urgency ? { urgency: r.urgency } : {}),
    ...(r.category ? { category: r.category } : {}),
  };
}

/**
 * Each workspace's active model and phrase rules for the ingest scorer (SCORING_PROFILES),
 * cached per workspace for PROFILE_TTL_MS. A workspace with neither gets null: the scorer's
 * default path, unchanged.
 */
@Injectable()
export class ScoringProfilesService implements ScoringProfileSource {
  private readonly cache = new Map<string, { profile: ScoringProfile | null; until: number }>();
  private readonly loading = new Map<string, Promise<ScoringProfile | null>>();
  private generation = 0;

  constructor(private readonly repo: LearningRepository) {}

  forWorkspace(workspaceId: string): ScoringProfile | null | Promise<ScoringProfile | null> {
    const hit = this.cache.get(workspaceId);
    if (hit && hit.until > Date.now()) return hit.profile;
    let p = this.loading.get(workspaceId);
    if (!p) {
      const gen = this.generation;
      p = this.load(workspaceId)
        .then((profile) => {
          // An invalidation while this read ran: the read may be older than the change, so it is not kept.
          if (gen === this.generation) this.cache.set(workspaceId, { profile, until: Date.now() + PROFILE_TTL_MS });
          return profile;
        })
        .finally(() => this.loading.delete(workspaceId));
      this.loading.set(workspaceId, p);
    }
    return p;
  }

  /** After an activation, a rollback or a rule change in this instance: the next page reads the new profile. */
  invalidate(workspaceId: string): void {
    this.generation++;
    this.cache.delete(workspaceId);
    this.loading.delete(workspaceId);
  }

  private async load(workspaceId: string): Promise<ScoringProfile | null> {
    const [active, rules] = await Promise.all([this.repo.findActive(workspaceId), this.repo.listRules(workspaceId)]);
    if (!active?.data && rules.length === 0) return null;
    const nlpRules = rules.map(toNlpRule);
    const key = createHash('sha256')
      .update(`${active?.data ? active.id : '-'}\u0001${JSON.stringify(nlpRules)}`)
      .digest('base64url')
      .slice(0, 22);
    return { key, model: active?.data ?? null, rules: nlpRules };
  }
}
