import { BadRequestException, Injectable } from '@nestjs/common';
import {
  RECURRING_QUESTIONS_MAX_SCAN,
  type Mention,
  type RecurringQuestions,
  type RecurringQuestionsQuerySchema,
  type SuggestionsPage,
  type SuggestionsQuerySchema,
} from '@earshot/contracts';
import type { z } from 'zod';
import type { AuthContext } from '../../common/auth-context.js';
import { MentionsRepository } from '../mentions/mentions.repository.js';
import { clusterQuestions } from './cluster-questions.util.js';
import { InsightsRepository, type QuestionRow } from './insights.repository.js';

/** Sample mentions per recurring question. */
const SAMPLE_SIZE = 3;
/** Mention ids listed per recurring question. */
const MAX_IDS = 200;
const DAY_MS = 86_400_000;

/**
 * What people keep asking and what they suggest (issue 15 part 5): recurring questions (the same
 * question from many authors: a FAQ or proactive-post candidate) and the suggestions list. Read-only;
 * every role may read.
 */
@Injectable()
export class InsightsService {
  constructor(
    private readonly repo: InsightsRepository,
    private readonly mentions: MentionsRepository,
  ) {}

  /** Overridable clock (tests). */
  now(): Date {
    return new Date();
  }

  async recurringQuestions(auth: AuthContext, q: z.output<typeof RecurringQuestionsQuerySchema>): Promise<RecurringQuestions> {
    const to = this.now();
    const from = new Date(to.getTime() - q.days * DAY_MS);
    const queryIds = q.brandId ? await this.repo.queryIdsOfBrand(auth.workspaceId, q.brandId) : null;
    const rows = await this.repo.questions(auth.workspaceId, from, to, queryIds, RECURRING_QUESTIONS_MAX_SCAN);
    const recurring = clusterQuestions(rows)
      .map((c) => ({ ...c, authors: new Set(c.members.map((m) => m.authorId)).size, newest: newestFirst(c.members) }))
      .filter((c) => c.authors >= q.minAuthors)
      .sort(
        (a, b) =>
          b.authors - a.authors ||
          b.members.length - a.members.length ||
          b.newest[0]!.postedAt.getTime() - a.newest[0]!.postedAt.getTime() ||
          a.representative.id.localeCompare(b.representative.id),
      );
    const samples = recurring.map((c) => distinctAuthors(c.newest, SAMPLE_SIZE).map((m) => m.id));
    const byId = new Map((await this.mentions.findByIds(auth.workspaceId, samples.flat())).map((m) => [m.id, m]));
    return {
      range: { from: from.toISOString(), to: to.toISOString() },
      scanned: rows.length,
      items: recurring.map((c, i) => ({
        key: c.representative.id,
        question: c.representative.text,
        representativeId: c.representative.id,
        authors: c.authors,
        mentions: c.members.length,
        mentionIds: c.newest.slice(0, MAX_IDS).map((m) => m.id),
        terms: c.terms,
        firstPostedAt: c.members[0]!.postedAt.toISOString(),
        lastPostedAt: c.newest[0]!.postedAt.toISOString(),
        sample: samples[i]!.map((id) => byId.get(id)).filter((m): m is Mention => m !== undefined),
      })),
    };
  }

  async suggestions(auth: AuthContext, q: z.output<typeof SuggestionsQuerySchema>): Promise<SuggestionsPage> {
    const from = q.from ? new Date(q.from) : null;
    const to = q.to ? new Date(q.to) : null;
    if (from && to && from.getTime() >= to.getTime()) {
      throw new BadRequestException({
        error: 'Bad Request',
        message: 'Invalid request: from must be before to',
        issues: [{ path: 'from', message: 'must be before to' }],
      });
    }
    const where = { workspaceId: auth.workspaceId, from, to, queryIds: q.brandId ? await this.repo.queryIdsOfBrand(auth.workspaceId, q.brandId) : null };
    const after = q.cursor ? decodeCursor(q.cursor) : null;
    const [page, total] = await Promise.all([this.repo.suggestionIds(where, after, q.limit), this.repo.countSuggestions(where)]);
    const byId = new Map((await this.mentions.findByIds(auth.workspaceId, page.ids)).map((m) => [m.id, m]));
    return {
      items: page.ids.map((id) => byId.get(id)).filter((m): m is Mention => m !== undefined),
      total,
      nextCursor: page.more && page.last ? encodeCursor(page.last) : null,
    };
  }
}

function newestFirst<T extends QuestionRow>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => b.postedAt.getTime() - a.postedAt.getTime() || b.id.localeCompare(a.id));
}

/** The first `n` rows of different authors. */
function distinctAuthors<T extends QuestionRow>(rows: readonly T[], n: number): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const r of rows) {
    if (out.length >= n) break;
    if (seen.has(r.authorId)) continue;
    seen.add(r.authorId);
    out.push(r);
  }
  return out;
}

function encodeCursor(k: { postedAt: Date; id: string }): string {
  return Buffer.from(`${k.postedAt.toISOString()}|${k.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { postedAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const postedAt = new Date(at ?? '');
  if (!at || !id || Number.isNaN(postedAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new BadRequestException({
      error: 'Bad Request',
      message: 'Invalid request: cursor is not one this list gave out: start again without it',
      issues: [{ path: 'cursor', message: 'is not one this list gave out' }],
    });
  }
  return { postedAt, id };
}
