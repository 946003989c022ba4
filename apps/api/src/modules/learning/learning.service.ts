import { BadRequestException, ConflictException, Inject, Injectable, Logger, NotFoundException, type OnApplicationShutdown } from '@nestjs/common';
import type { CreatePhraseRuleRequestSchema, LearningState, PhraseRule, WorkspaceModel } from '@earshot/contracts';
import { DEFAULT_TAXONOMY, validatePhraseRule, type LabelledPost, type TrainWorkspaceResult, type WorkspaceModelMetrics } from '@earshot/nlp';
import type { z } from 'zod';
import type { AuthContext } from '../../common/auth-context.js';
import { isUniqueViolation } from '../../common/db/is-unique-violation.util.js';
import { DomainEvents } from '../../common/events/domain-events.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { AuditService } from '../audit/audit.service.js';
import { MENTION_SCORER, type MentionScorer } from '../ingest/scoring/mention-scorer.js';
import { MentionCorrectionsRepository } from '../mentions/mention-corrections.repository.js';
import { LearningRepository } from './learning.repository.js';
import { ModelTrainer } from './model-trainer.js';
import { ScoringProfilesService, toNlpRule } from './scoring-profiles.service.js';
import type { WorkspaceModelEntity } from './workspace-model.entity.js';
import { toPhraseRuleDto, toWorkspaceModelDto } from './workspace-model.mapper.js';

type CreateRuleInput = z.output<typeof CreatePhraseRuleRequestSchema>;

/** Fewer labelled posts than this teach nothing reliable (and leave too few to hold out). */
export const MIN_LABELLED_POSTS = 20;
/** A training row older than this belongs to a run whose server stopped: it is failed so the workspace can train again. */
export const STALE_TRAINING_MS = 15 * 60_000;
/** How long shutdown waits for running training runs and re-scorings. */
const SHUTDOWN_WAIT_MS = 5_000;
/** Open mentions re-scored per statement after a model change. */
export const RESCORE_PAGE = 200;
/** Recent mention texts a run reads, unlabelled, for the workspace's word rarity (the library reads at most 5,000). */
const UNLABELLED_SAMPLE = 5_000;

/** Labelled posts read per query; a workspace with more trains on the newest MAX_TRAINING_POSTS. */
const LABELLED_PAGE = 1000;
const MAX_TRAINING_POSTS = 50_000;

/** Keyset start for "after this time" (trained_up_to keeps milliseconds, corrections microseconds: +1 ms). */
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

const MODEL_NOT_FOUND = 'No such model version in this workspace.';
const RULE_NOT_FOUND = 'No such phrase rule in this workspace.';

/** "sentiment macro-F1 0.71 → 0.78, agreement 64 % → 70 % on 12 held-out corrections" */
export function describeFigures(before: WorkspaceModelMetrics, after: WorkspaceModelMetrics): string {
  const f = (v: number | null) => (v === null ? 'n/a' : v.toFixed(2));
  const pct = (v: number | null) => (v === null ? 'n/a' : `${Math.round(v * 100)} %`);
  const parts = [`agreement with the team ${pct(before.agreement)} → ${pct(after.agreement)}`];
  if (before.sentimentMacroF1 !== null || after.sentimentMacroF1 !== null)
    parts.push(`sentiment macro-F1 ${f(before.sentimentMacroF1)} → ${f(after.sentimentMacroF1)}`);
  return `${parts.join(', ')} on ${after.heldOut} held-out labelled posts`;
}

/**
 * Workspace models and phrase rules. Training runs on a worker thread (ModelTrainer) in the
 * background: the request gets the `training` row at once. A trained model is used only when it
 * is at least as good as the model in use on the held-out posts; an activation or a rollback
 * re-scores the workspace's open mentions (keeping the team's corrections) in the background.
 */
@Injectable()
export class LearningService implements OnApplicationShutdown {
  private readonly logger = new Logger('LearningService');
  /** Background work (training runs, re-scorings) still running in this process. */
  private readonly inFlight = new Set<Promise<unknown>>();
  /** One re-scoring after another per workspace, so the newest model's scores are written last. */
  private readonly rescoreChain = new Map<string, Promise<unknown>>();
  private closing = false;

  constructor(
    private readonly repo: LearningRepository,
    private readonly corrections: MentionCorrectionsRepository,
    private readonly trainer: ModelTrainer,
    private readonly profiles: ScoringProfilesService,
    @Inject(MENTION_SCORER) private readonly scorer: MentionScorer,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  /**
   * Stops re-scoring between pages and gives running work a few seconds to finish; a training run
   * still going after that is left `training` and failed as stale by the next start (STALE_TRAINING_MS).
   */
  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.settled(), new Promise((r) => (timer = setTimeout(r, SHUTDOWN_WAIT_MS)))]);
    clearTimeout(timer);
  }

  /** Resolves when every training run and re-scoring started in this process has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p)).catch(() => undefined);
    return p;
  }

  async state(auth: AuthContext): Promise<LearningState> {
    const models = await this.repo.listModels(auth.workspaceId);
    const names = await this.repo.userNames(models.flatMap((m) => (m.createdById ? [m.createdById] : [])));
    const latest = models.find((m) => m.status !== 'failed');
    const { posts } = await this.labelledPosts(auth.workspaceId);
    const since = latest?.trainedUpTo ? posts.filter((p) => p.at > latest.trainedUpTo!).length : posts.length;
    return {
      items: models.map((m) => toWorkspaceModelDto(m, names)),
      activeModelId: models.find((m) => m.status === 'active')?.id ?? null,
      labelledPosts: posts.length,
      labelledSinceLastModel: since,
      minimumPosts: MIN_LABELLED_POSTS,
    };
  }

  /** POST /learning/models: starts a run for the caller's workspace (400 with too few labelled posts, 409 while one runs). */
  async train(auth: AuthContext, meta: RequestMeta): Promise<WorkspaceModel> {
    const row = await this.startTraining(auth.workspaceId, auth.userId, 'request');
    await this.audit.record({
      workspaceId: auth.workspaceId,
      actorUserId: auth.userId,
      action: 'learning.model.training_started',
      targetType: 'workspace_model',
      targetId: row.id,
      data: { version: row.version, posts: row.trainedFromPosts },
      ...meta,
    });
    return toWorkspaceModelDto(row, await this.repo.userNames([auth.userId]));
  }

  /**
   * Inserts the `training` row and runs the training in the background. `nightly` runs skip
   * quietly (null) where a person's request gets a 400 or a 409.
   */
  async startTraining(workspaceId: string, userId: string | null, why: 'request'): Promise<WorkspaceModelEntity>;
  async startTraining(workspaceId: string, userId: null, why: 'nightly'): Promise<WorkspaceModelEntity | null>;
  async startTraining(workspaceId: string, userId: string | null, why: 'request' | 'nightly'): Promise<WorkspaceModelEntity | null> {
    await this.repo.failStaleTraining(workspaceId, new Date(Date.now() - STALE_TRAINING_MS));
    const running = await this.repo.findTraining(workspaceId);
    if (running) {
      if (why === 'nightly') return null;
      throw this.alreadyTraining(running);
    }
    const { posts, upTo } = await this.labelledPosts(workspaceId);
    if (posts.length < MIN_LABELLED_POSTS) {
      if (why === 'nightly') return null;
      const more = MIN_LABELLED_POSTS - posts.length;
      throw new BadRequestException(
        `Training needs at least ${MIN_LABELLED_POSTS} labelled posts; this workspace has ${posts.length}. Correct or label ${more} more post${more === 1 ? '' : 's'} in the inbox, then train again.`,
      );
    }
    let row: WorkspaceModelEntity;
    try {
      row = await this.repo.transaction((m) =>
        this.repo.insertTraining(m, { workspaceId, createdById: userId, trainedFromPosts: posts.length, trainedUpTo: upTo }),
      );
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      // Another request or instance started one at the same moment (the partial unique index on training rows).
      if (why === 'nightly') return null;
      const other = await this.repo.findTraining(workspaceId);
      throw other
        ? this.alreadyTraining(other)
        : new ConflictException('A training run for this workspace has just started or finished; reload and try again.');
    }
    void this.track(
      this.runTraining(
        row,
        posts.map((p) => p.post),
      ),
    );
    return row;
  }

  private alreadyTraining(running: WorkspaceModelEntity): ConflictException {
    return new ConflictException(`Version ${running.version} is being trained (started ${running.createdAt.toISOString()}); wait for it to finish.`);
  }

  /** Trains, then stores the outcome on the row: active (better), rejected (worse, with the figures) or failed. */
  private async runTraining(row: WorkspaceModelEntity, posts: LabelledPost[]): Promise<void> {
    const ws = row.workspaceId;
    try {
      const [current, rules, unlabelled] = await Promise.all([
        this.repo.findActive(ws),
        this.repo.listRules(ws),
        this.corrections.recentTexts(ws, UNLABELLED_SAMPLE),
      ]);
      const result: TrainWorkspaceResult = await this.trainer.train({
        posts,
        taxonomy: DEFAULT_TAXONOMY,
        ...(current?.data ? { current: current.data } : {}),
        phraseRules: rules.map(toNlpRule),
        unlabelled,
      });
      const metrics = { before: result.before, after: result.after, better: result.better, trainedOn: result.model.trainedOn };
      const figures = describeFigures(result.before, result.after);
      const activated = await this.repo.transaction(async (m) => {
        if (!result.better) {
          await this.repo.finishTraining(m, ws, row.id, {
            status: 'rejected',
            data: result.model,
            metrics,
            error: `Not used: it was not at least as good as the ${current ? `version ${current.version} in use` : 'shipped model'} (${figures}).`,
          });
          return false;
        }
        // The model it was compared with must still be the one in use; otherwise keep it ready for a person to choose.
        const nowActive = await this.repo.findActive(ws, m);
        if ((nowActive?.id ?? null) !== (current?.id ?? null)) {
          await this.repo.finishTraining(m, ws, row.id, {
            status: 'ready',
            data: result.model,
            metrics,
            error: 'Not switched on: the model in use changed while this one trained. Use this version to switch to it.',
          });
          return false;
        }
        if (nowActive) await this.repo.setStatus(m, ws, nowActive.id, { status: 'retired' });
        return this.repo.finishTraining(m, ws, row.id, { status: 'active', data: result.model, metrics, activatedAt: new Date(), error: null });
      });
      this.logger.log(`workspace ${ws}: model version ${row.version} ${activated ? 'active' : 'not used'} (${figures})`);
      if (activated) this.modelChanged(ws);
    } catch (e) {
      this.logger.warn(`workspace ${ws}: training version ${row.version} failed: ${String(e)}`);
      await this.repo
        .transaction((m) =>
          this.repo.finishTraining(m, ws, row.id, { status: 'failed', error: `Training failed: ${e instanceof Error ? e.message : String(e)}` }),
        )
        .catch((err: unknown) => this.logger.error(`could not mark version ${row.version} failed: ${String(err)}`));
    }
  }

  /** Switches to an older version (ready or retired); the current one is retired. */
  async activate(auth: AuthContext, id: string, meta: RequestMeta): Promise<LearningState> {
    const ws = auth.workspaceId;
    const changed = await this.repo.transaction(async (m) => {
      const rows = await this.repo.lockModels(m, ws);
      const target = rows.find((r) => r.id === id);
      if (!target) throw new NotFoundException(MODEL_NOT_FOUND);
      if (target.status === 'active') return false;
      if (target.status !== 'ready' && target.status !== 'retired') {
        throw new ConflictException(
          `Version ${target.version} is ${target.status}: only a version that trained and was used before (retired) or kept (ready) can be switched on.`,
        );
      }
      const current = rows.find((r) => r.status === 'active');
      if (current) await this.repo.setStatus(m, ws, current.id, { status: 'retired' });
      await this.repo.setStatus(m, ws, target.id, { status: 'active', activatedAt: new Date() });
      await this.audit.record(
        {
          workspaceId: ws,
          actorUserId: auth.userId,
          action: 'learning.model.activated',
          targetType: 'workspace_model',
          targetId: target.id,
          data: { version: target.version, replaced: current?.version ?? null },
          ...meta,
        },
        m,
      );
      return true;
    });
    if (changed) this.modelChanged(ws);
    return this.state(auth);
  }

  /**
   * One action back: to the version that was active before the current one (the most recently
   * activated retired version), or to the shipped model when there is none or `to` says so.
   */
  async rollback(auth: AuthContext, to: 'previous' | 'shipped', meta: RequestMeta): Promise<LearningState> {
    const ws = auth.workspaceId;
    const changed = await this.repo.transaction(async (m) => {
      const rows = await this.repo.lockModels(m, ws);
      const current = rows.find((r) => r.status === 'active');
      if (!current) {
        if (to === 'shipped') return false;
        throw new ConflictException('No workspace model is in use: the shipped model already scores this workspace.');
      }
      const previous =
        to === 'previous'
          ? (rows
              .filter((r) => r.status === 'retired' && r.activatedAt && r.id !== current.id)
              .sort((a, b) => b.activatedAt!.getTime() - a.activatedAt!.getTime() || b.version - a.version)[0] ?? null)
          : null;
      await this.repo.setStatus(m, ws, current.id, { status: 'retired' });
      if (previous) await this.repo.setStatus(m, ws, previous.id, { status: 'active', activatedAt: new Date() });
      await this.audit.record(
        {
          workspaceId: ws,
          actorUserId: auth.userId,
          action: 'learning.model.rolled_back',
          targetType: 'workspace_model',
          targetId: current.id,
          data: { from: current.version, to: previous?.version ?? 'shipped' },
          ...meta,
        },
        m,
      );
      return true;
    });
    if (changed) this.modelChanged(ws);
    return this.state(auth);
  }

  async listRules(auth: AuthContext): Promise<PhraseRule[]> {
    const rules = await this.repo.listRules(auth.workspaceId);
    const names = await this.repo.userNames(rules.flatMap((r) => (r.createdById ? [r.createdById] : [])));
    return rules.map((r) => toPhraseRuleDto(r, names));
  }

  async createRule(auth: AuthContext, input: CreateRuleInput, meta: RequestMeta): Promise<PhraseRule> {
    const phrase = input.phrase.replace(/\s+/g, ' ').trim();
    const rule = toNlpRule({ phrase, sentiment: input.sentiment, urgency: input.urgency, category: input.category });
    const problems = validatePhraseRule(
      rule,
      DEFAULT_TAXONOMY.categories.map((c) => c.id),
    );
    if (problems.length > 0) {
      throw new BadRequestException({
        error: 'Bad Request',
        message: `Invalid request: ${problems.join('; ')}`,
        issues: problems.map((message) => ({ path: '', message })),
      });
    }
    const phraseKey = phrase.toLowerCase();
    try {
      const saved = await this.repo.transaction(async (m) => {
        const r = await this.repo.insertRule(m, {
          workspaceId: auth.workspaceId,
          phrase,
          phraseKey,
          sentiment: input.sentiment,
          urgency: input.urgency,
          category: input.category,
          createdById: auth.userId,
        });
        await this.audit.record(
          {
            workspaceId: auth.workspaceId,
            actorUserId: auth.userId,
            action: 'learning.phrase_rule.created',
            targetType: 'phrase_rule',
            targetId: r.id,
            data: { phrase, sentiment: input.sentiment, urgency: input.urgency, category: input.category },
            ...meta,
          },
          m,
        );
        return r;
      });
      this.profiles.invalidate(auth.workspaceId);
      return toPhraseRuleDto(saved, await this.repo.userNames([auth.userId]));
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      const holder = await this.repo.findRuleByKey(auth.workspaceId, phraseKey);
      throw new ConflictException(`There is already a rule for "${holder?.phrase ?? phrase}"; delete it first to change it.`);
    }
  }

  async deleteRule(auth: AuthContext, id: string, meta: RequestMeta): Promise<void> {
    await this.repo.transaction(async (m) => {
      const r = await this.repo.findRule(m, auth.workspaceId, id);
      if (!r || !(await this.repo.deleteRule(m, auth.workspaceId, id))) throw new NotFoundException(RULE_NOT_FOUND);
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: 'learning.phrase_rule.deleted',
          targetType: 'phrase_rule',
          targetId: id,
          data: { phrase: r.phrase },
          ...meta,
        },
        m,
      );
    });
    this.profiles.invalidate(auth.workspaceId);
  }

  /**
   * Nightly: trains each workspace that has labelled posts newer than its newest model (and
   * enough of them). Several instances may run it at the same time: the training row's unique
   * index lets one of them start each workspace's run; the others skip it.
   */
  async runNightly(): Promise<{ started: number }> {
    let started = 0;
    for (const ws of await this.repo.workspaceIds()) {
      if (this.closing) break;
      try {
        const latest = await this.repo.findLatestTrained(ws);
        if (latest?.status === 'training') continue;
        const newer = latest?.trainedUpTo
          ? await this.corrections.labelled(ws, { at: new Date(latest.trainedUpTo.getTime() + 1).toISOString(), mentionId: NIL_UUID }, 0)
          : null;
        if (newer && newer.length === 0) continue;
        if (await this.startTraining(ws, null, 'nightly')) started++;
      } catch (e) {
        this.logger.warn(`nightly training of workspace ${ws} failed to start: ${String(e)}`);
      }
    }
    return { started };
  }

  /** The active model changed: the scorer reads the new profile, and the open mentions are re-scored with it. */
  private modelChanged(workspaceId: string): void {
    this.profiles.invalidate(workspaceId);
    const prev = this.rescoreChain.get(workspaceId) ?? Promise.resolve();
    const next = prev
      .catch(() => undefined)
      .then(() => this.rescoreOpen(workspaceId))
      .catch((e: unknown) => this.logger.error(`re-scoring workspace ${workspaceId} failed: ${String(e)}`));
    this.rescoreChain.set(workspaceId, next);
    void this.track(next).finally(() => {
      if (this.rescoreChain.get(workspaceId) === next) this.rescoreChain.delete(workspaceId);
    });
  }

  /**
   * Re-scores the workspace's open mentions (new, open, pending) with its current model and
   * rules, in pages, keeping every field the team corrected; each page commits with change
   * sequence numbers and a `mentions.changed` (updated) event so open inboxes update.
   */
  async rescoreOpen(workspaceId: string): Promise<number> {
    let after: string | null = null;
    let total = 0;
    for (;;) {
      if (this.closing) break;
      const page = await this.corrections.openPageToRescore(workspaceId, after, RESCORE_PAGE);
      if (page.length === 0) break;
      const scores = await this.scorer.scoreBatch(page, workspaceId);
      const ids = await this.corrections.rescoreMentions(
        workspaceId,
        page.map((p, i) => {
          const s = scores[i]!;
          return {
            id: p.id,
            sentimentScore: s.sentimentScore,
            sentimentLabel: s.sentimentLabel,
            sentimentConfidence: s.sentimentConfidence,
            urgencyScore: s.urgencyScore,
            urgencyLevel: s.urgencyLevel,
            urgencyReasons: s.urgencyReasons,
            intent: s.intent,
            category: s.category,
          };
        }),
      );
      if (ids.length > 0) this.events.emit('mentions.changed', { workspaceId, ids, kind: 'updated' });
      total += ids.length;
      after = page.at(-1)!.id;
      if (page.length < RESCORE_PAGE) break;
    }
    return total;
  }

  /** The workspace's labelled posts (latest value per field per mention), oldest correction first, and the newest correction's time. */
  private async labelledPosts(workspaceId: string): Promise<{ posts: Array<{ post: LabelledPost; at: Date }>; upTo: Date | null }> {
    const out: Array<{ post: LabelledPost; at: Date }> = [];
    let after: { at: string; mentionId: string } | null = null;
    for (;;) {
      const rows = await this.corrections.labelled(workspaceId, after, LABELLED_PAGE);
      for (const r of rows.slice(0, LABELLED_PAGE)) {
        const c = r.corrected;
        out.push({
          post: {
            text: r.text,
            ...(c.sentiment ? { sentiment: c.sentiment } : {}),
            ...(c.intent ? { intent: c.intent } : {}),
            ...(c.category ? { category: c.category } : {}),
            ...(c.urgency ? { urgency: c.urgency } : {}),
          },
          at: new Date(r.corrected_at),
        });
      }
      if (rows.length <= LABELLED_PAGE) break;
      const last = rows[LABELLED_PAGE - 1]!;
      after = { at: last.corrected_key, mentionId: last.mention_id };
    }
    const posts = out.length > MAX_TRAINING_POSTS ? out.slice(-MAX_TRAINING_POSTS) : out;
    return { posts, upTo: posts.length > 0 ? posts.at(-1)!.at : null };
  }
}
