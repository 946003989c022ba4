import { Injectable } from '@nestjs/common';
import { ANALYTICS_TOP_SAMPLE, type AnalyticsTopFilters, type TopReport } from '@earshot/contracts';
import { tokenize } from '@earshot/signals';
import type { AuthContext } from '../../common/auth-context.js';
import { AnalyticsTopRepository } from './analytics-top.repository.js';
import { AnalyticsService } from './analytics.service.js';

/** Texts tokenized between two yields to the event loop. */
const CHUNK = 500;
/** Authors with the largest reach probed before the range is grouped by author (see AnalyticsTopRepository.authorsByReach). */
const REACH_CANDIDATES = 2000;

type Count = { key: string; count: number };
const ranked = (counts: Map<string, number>, limit: number): Count[] =>
  [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, limit);

/**
 * Top terms, hashtags and authors of a range (issue 15, part 1). Authors by reach are exact; terms
 * and hashtags are counted over the range's latest ANALYTICS_TOP_SAMPLE mentions (a bounded
 * sample, so a year of a million mentions reads 5,000 texts, not all of them) and `basis` says so;
 * `basis.mentions` is the volume report's total for the same filters (read from the hourly
 * rollups where they apply). Every role may read them.
 */
@Injectable()
export class AnalyticsTopService {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly repo: AnalyticsTopRepository,
  ) {}

  async top(auth: AuthContext, q: AnalyticsTopFilters): Promise<TopReport> {
    const { where, range } = await this.analytics.resolveFilters(auth, q);
    const { limit, ...filters } = q;
    const [volume, authors, texts] = await Promise.all([
      this.analytics.volume(auth, { ...filters, bucket: 'week' }),
      this.repo.authorsByReach(where, limit, REACH_CANDIDATES),
      this.repo.latestTexts(where, ANALYTICS_TOP_SAMPLE),
    ]);
    const terms = new Map<string, number>();
    const tags = new Map<string, number>();
    for (let i = 0; i < texts.length; i += CHUNK) {
      if (i > 0) await new Promise((r) => setImmediate(r));
      for (const { text } of texts.slice(i, i + CHUNK)) {
        // tokenize gives each term of a text once: counts are mentions containing the term.
        for (const t of tokenize(text)) {
          if (t.startsWith('#')) tags.set(t.slice(1), (tags.get(t.slice(1)) ?? 0) + 1);
          else terms.set(t, (terms.get(t) ?? 0) + 1);
        }
      }
    }
    const oldest = texts[texts.length - 1];
    return {
      range,
      terms: ranked(terms, limit).map((c) => ({ term: c.key, count: c.count })),
      hashtags: ranked(tags, limit).map((c) => ({ tag: c.key, count: c.count })),
      authors: authors.map((a) => ({ ...a, platform: a.platform as TopReport['authors'][number]['platform'] })),
      basis: { mentions: volume.totals.total, sampled: texts.length, sampledFrom: oldest ? oldest.postedAt.toISOString() : null },
    };
  }
}
