import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { jest } from '@jest/globals';
import { LearningStateSchema, PhraseRuleSchema, WorkspaceModelSchema } from '@earshot/contracts';
import type { TrainWorkspaceResult } from '@earshot/nlp';
import request from 'supertest';
import { loadConfig } from '../src/config/env.js';
import type { ScorerRequest } from '../src/modules/ingest/scoring/nlp-mention-scorer.js';
import { LearningService, MIN_LABELLED_POSTS } from '../src/modules/learning/learning.service.js';
import { ModelTrainer, trainOnWorker } from '../src/modules/learning/model-trainer.js';
import { runTraining } from '../src/modules/learning/train-run.js';
import { InboxFixture } from './factories/inbox.fixture.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/** Game posts a game brand's team labels positive: the shipped model reads "brutal", "war zone", "deadly" as negative or neutral. */
const GAMES = ['the new acme raid', 'acme season 3 map', 'acme ranked mode', 'acme boss fight', 'acme squad update', 'acme arena patch'];
const PHRASES = ['is sick', 'is insane', 'is brutal', 'is a war zone', 'is absolutely deadly'];
const TRAINING_POSTS = GAMES.flatMap((g) => PHRASES.map((p) => `${g} ${p} lol`));
/** Scored neutral by the shipped model, positive by a model trained on TRAINING_POSTS. */
const PROBE = 'acme desert map is brutal lol';
/** Negative for the shipped model; neutral with the rule "war zone" → neutral. */
const WAR_ZONE = 'acme: the lobby turned into a war zone';

const API_DIST = fileURLToPath(new URL('../dist/', import.meta.url));

/** The api's built worker files (built here when missing: the worker path needs the compiled scripts). */
function builtWorker(name: string): string {
  const file = `${API_DIST}modules/${name}`;
  if (!existsSync(file)) {
    try {
      execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'ignore' });
    } catch {
      // tsc still emits with type errors elsewhere in the tree; the check below decides.
    }
  }
  expect({ file, exists: existsSync(file) }).toEqual({ file, exists: true });
  return file;
}

describe('learning: workspace models and phrase rules (integration)', () => {
  let t: TestApp;
  let a: InboxFixture;
  let b: InboxFixture;
  let service: LearningService;

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_LEARNING_CRON: 'off', EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    a = await InboxFixture.create(t, 'Learning A');
    b = await InboxFixture.create(t, 'Learning B');
    service = t.app.get(LearningService);
  });
  afterAll(() => t.close());

  const get = (f: InboxFixture, path: string, role: keyof InboxFixture['cookies'] = 'manager') => request(t.server).get(path).set('Cookie', f.cookies[role]);
  const post = (f: InboxFixture, path: string, body: object = {}, role: keyof InboxFixture['cookies'] = 'manager') =>
    request(t.server).post(path).set('Cookie', f.cookies[role]).send(body);
  const scoreOf = async (id: string) =>
    (
      (await t.dataSource.query(`SELECT sentiment_label, change_seq::int AS seq FROM mention WHERE id = $1`, [id])) as Array<{
        sentiment_label: string;
        seq: number;
      }>
    )[0]!;

  /** Labels mentions as the corrections feature stores them: one correction row per field, and the mention's `corrected`. */
  async function label(f: InboxFixture, ids: string[], values: Record<string, string>): Promise<void> {
    for (const id of ids) {
      for (const [field, value] of Object.entries(values)) {
        await t.dataSource.query(
          `INSERT INTO mention_correction (workspace_id, mention_id, user_id, field, old_value, new_value) VALUES ($1, $2, $3, $4, NULL, $5)`,
          [f.workspaceId, id, f.users.manager.id, field, value],
        );
      }
      await t.dataSource.query(`UPDATE mention SET corrected = corrected || $2::jsonb, sentiment_label = COALESCE($3, sentiment_label) WHERE id = $1`, [
        id,
        JSON.stringify(values),
        values.sentiment ?? null,
      ]);
    }
  }

  it('reads the nightly cron from EARSHOT_LEARNING_CRON (default 02:00, off disables)', () => {
    expect(loadConfig({ EARSHOT_ADMIN_PASSWORD: 'x'.repeat(12) }).learningCron).toBe('0 2 * * *');
    expect(loadConfig({ EARSHOT_LEARNING_CRON: 'off' }).learningCron).toBeNull();
    expect(loadConfig({ EARSHOT_LEARNING_CRON: '30 3 * * *' }).learningCron).toBe('30 3 * * *');
  });

  it('lets agents read and only managers and admins change; viewers and trainees read nothing', async () => {
    expect((await get(a, '/api/learning/models', 'viewer')).status).toBe(403);
    expect((await get(a, '/api/learning/phrase-rules', 'trainee')).status).toBe(403);
    const state = await get(a, '/api/learning/models', 'agent').expect(200);
    expect(LearningStateSchema.parse(state.body)).toMatchObject({ items: [], activeModelId: null, minimumPosts: MIN_LABELLED_POSTS });
    expect((await post(a, '/api/learning/models', {}, 'agent')).status).toBe(403);
    expect((await post(a, '/api/learning/phrase-rules', { phrase: 'war zone', sentiment: 'neutral' }, 'agent')).status).toBe(403);
    expect((await post(a, '/api/learning/rollback', {}, 'agent')).status).toBe(403);
  });

  it('refuses training with too few labelled posts, saying how many more are needed', async () => {
    const ids = await a.store(['acme few labels one', 'acme few labels two', 'acme few labels three']);
    await label(a, ids, { sentiment: 'neutral' });
    const res = await post(a, '/api/learning/models').expect(400);
    expect(res.body.message).toBe(
      `Training needs at least ${MIN_LABELLED_POSTS} labelled posts; this workspace has 3. Correct or label ${MIN_LABELLED_POSTS - 3} more posts in the inbox, then train again.`,
    );
    expect((await get(a, '/api/learning/models').expect(200)).body.items).toEqual([]);
  });

  it('applies a phrase rule to posts scored after it is saved ("war zone" neutral), in its workspace only', async () => {
    const [before] = await a.store([WAR_ZONE]);
    expect((await scoreOf(before!)).sentiment_label).toBe('negative');
    const created = await post(a, '/api/learning/phrase-rules', { phrase: '  War   Zone ', sentiment: 'neutral' }).expect(201);
    expect(PhraseRuleSchema.parse(created.body)).toMatchObject({ phrase: 'War Zone', sentiment: 'neutral', urgency: null, category: null });
    expect(created.body.createdBy).toEqual({ id: a.users.manager.id, name: expect.any(String) });
    // One rule per phrase, whatever its case; a rule says something; a category must be the taxonomy's.
    expect((await post(a, '/api/learning/phrase-rules', { phrase: 'war zone', sentiment: 'positive' })).status).toBe(409);
    const empty = await post(a, '/api/learning/phrase-rules', { phrase: 'killer feature' }).expect(400);
    expect(empty.body.message).toContain('at least one of sentiment, urgency or category');
    const badCategory = await post(a, '/api/learning/phrase-rules', { phrase: 'lag spike', category: 'no-such-category' }).expect(400);
    expect(badCategory.body.message).toMatch(/no-such-category/);

    const [afterA] = await a.store([`${WAR_ZONE} again`]);
    const [inB] = await b.store([`${WAR_ZONE} again`]);
    expect((await scoreOf(afterA!)).sentiment_label).toBe('neutral');
    expect((await scoreOf(inB!)).sentiment_label).toBe('negative');
    // Earlier mentions keep their scores (rules apply to newly scored posts).
    expect((await scoreOf(before!)).sentiment_label).toBe('negative');

    const list = await get(a, '/api/learning/phrase-rules', 'agent').expect(200);
    expect(list.body.items.map((r: { phrase: string }) => r.phrase)).toEqual(['War Zone']);
    expect((await get(b, '/api/learning/phrase-rules').expect(200)).body.items).toEqual([]);
    // Another workspace cannot delete it; its owner can, and the next page is scored without it.
    expect((await request(t.server).delete(`/api/learning/phrase-rules/${created.body.id}`).set('Cookie', b.cookies.admin)).status).toBe(404);
    await request(t.server).delete(`/api/learning/phrase-rules/${created.body.id}`).set('Cookie', a.cookies.manager).expect(204);
    const [afterDelete] = await a.store([`${WAR_ZONE} once more`]);
    expect((await scoreOf(afterDelete!)).sentiment_label).toBe('negative');
  });

  it('trains on the workspace’s labelled posts, activates a better model and re-scores open mentions keeping corrections', async () => {
    const training = await a.store(TRAINING_POSTS);
    expect(training).toHaveLength(TRAINING_POSTS.length);
    await label(a, training, { sentiment: 'positive' });
    const [probe, corrected] = await a.store([PROBE, `${PROBE} again`]);
    expect((await scoreOf(probe!)).sentiment_label).toBe('neutral');
    await label(a, [corrected!], { sentiment: 'negative' });
    const seqBefore = (await scoreOf(probe!)).seq;

    // One run at a time: while version 1 trains (held here until the second request is answered), another start gets a 409.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const trainer = t.app.get(ModelTrainer);
    const spy = jest.spyOn(trainer, 'train').mockImplementationOnce(async (req) => {
      await gate;
      return runTraining(req);
    });
    const started = await post(a, '/api/learning/models').expect(202);
    expect(WorkspaceModelSchema.parse(started.body)).toMatchObject({ version: 1, status: 'training', metrics: null });
    const second = await post(a, '/api/learning/models', {}, 'admin').expect(409);
    expect(second.body.message).toMatch(/^Version 1 is being trained \(started .+\); wait for it to finish\.$/);
    release();
    await service.settled();
    spy.mockRestore();

    const state = LearningStateSchema.parse((await get(a, '/api/learning/models', 'agent').expect(200)).body);
    const v1 = state.items[0]!;
    expect(v1).toMatchObject({ version: 1, status: 'active', error: null });
    expect(state.activeModelId).toBe(v1.id);
    expect(v1.metrics!.better).toBe(true);
    expect(v1.metrics!.after.heldOut).toBeGreaterThan(0);
    expect(v1.metrics!.after.agreement!).toBeGreaterThanOrEqual(v1.metrics!.before.agreement!);
    expect(v1.trainedFrom.posts).toBe(TRAINING_POSTS.length + 3 + 1);
    expect(v1.trainedOn!.sentiment).toBeGreaterThan(0);
    expect(state.labelledSinceLastModel).toBe(0);

    // The open probe was re-scored with the new model (with a change sequence number); the corrected one kept the team's value.
    const after = await scoreOf(probe!);
    expect(after.sentiment_label).toBe('positive');
    expect(after.seq).toBeGreaterThan(seqBefore);
    expect((await scoreOf(corrected!)).sentiment_label).toBe('negative');
    // New posts are scored with it at ingest; the other workspace still gets the shipped model.
    const [fresh] = await a.store([`${PROBE} fresh`]);
    const [freshB] = await b.store([`${PROBE} fresh`]);
    expect((await scoreOf(fresh!)).sentiment_label).toBe('positive');
    expect((await scoreOf(freshB!)).sentiment_label).toBe('neutral');
    // Another workspace sees none of it.
    expect((await get(b, '/api/learning/models').expect(200)).body.items).toEqual([]);
    expect((await post(b, `/api/learning/models/${v1.id}/activate`, {}, 'admin')).status).toBe(404);
  });

  it('rejects a model that is worse on the held-out posts and keeps the one in use, with the figures', async () => {
    const trainer = t.app.get(ModelTrainer);
    const worse: TrainWorkspaceResult = {
      model: { format: 'earshot-workspace-1', trainedOn: { sentiment: 30, intent: 0, category: 0, urgency: 0 } },
      before: { sentimentMacroF1: 0.78, intentMacroF1: null, categoryMacroF1: null, agreement: 0.8, heldOut: 7 },
      after: { sentimentMacroF1: 0.61, intentMacroF1: null, categoryMacroF1: null, agreement: 0.6, heldOut: 7 },
      better: false,
    };
    const spy = jest.spyOn(trainer, 'train').mockResolvedValueOnce(worse);
    await post(a, '/api/learning/models').expect(202);
    await service.settled();
    spy.mockRestore();
    const state = LearningStateSchema.parse((await get(a, '/api/learning/models').expect(200)).body);
    expect(state.items.map((m) => [m.version, m.status])).toEqual([
      [2, 'rejected'],
      [1, 'active'],
    ]);
    expect(state.items[0]!.error).toBe(
      'Not used: it was not at least as good as the version 1 in use (agreement with the team 80 % → 60 %, sentiment macro-F1 0.78 → 0.61 on 7 held-out labelled posts).',
    );
    // A rejected version cannot be switched on.
    const res = await post(a, `/api/learning/models/${state.items[0]!.id}/activate`).expect(409);
    expect(res.body.message).toMatch(/^Version 2 is rejected/);
  });

  it('rolls back in one action to the shipped model and switches a retired version back on, re-scoring open mentions each time', async () => {
    const [probe] = await a.store([`${PROBE} rollback`]);
    expect((await scoreOf(probe!)).sentiment_label).toBe('positive');
    const rolled = LearningStateSchema.parse((await post(a, '/api/learning/rollback', {}).expect(200)).body);
    expect(rolled.activeModelId).toBeNull();
    expect(rolled.items.find((m) => m.version === 1)!.status).toBe('retired');
    await service.settled();
    expect((await scoreOf(probe!)).sentiment_label).toBe('neutral');
    // Nothing left to roll back to.
    expect((await post(a, '/api/learning/rollback', {})).status).toBe(409);
    expect((await post(a, '/api/learning/rollback', { to: 'shipped' })).status).toBe(200);

    const v1 = rolled.items.find((m) => m.version === 1)!;
    const on = LearningStateSchema.parse((await post(a, `/api/learning/models/${v1.id}/activate`).expect(200)).body);
    expect(on.activeModelId).toBe(v1.id);
    await service.settled();
    expect((await scoreOf(probe!)).sentiment_label).toBe('positive');
    const audit = (await t.dataSource.query(`SELECT action FROM audit_event WHERE workspace_id = $1 AND action LIKE 'learning.%' ORDER BY created_at`, [
      a.workspaceId,
    ])) as Array<{ action: string }>;
    expect(audit.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'learning.phrase_rule.created',
        'learning.phrase_rule.deleted',
        'learning.model.training_started',
        'learning.model.rolled_back',
        'learning.model.activated',
      ]),
    );
  });

  it('trains nightly only the workspaces with labelled posts newer than their last model', async () => {
    expect(await service.runNightly()).toEqual({ started: 0 });
    const [extra] = await a.store(['acme arena patch is sick lol tonight']);
    await label(a, [extra!], { sentiment: 'positive' });
    expect((await get(a, '/api/learning/models').expect(200)).body.labelledSinceLastModel).toBe(1);
    expect(await service.runNightly()).toEqual({ started: 1 });
    await service.settled();
    const state = LearningStateSchema.parse((await get(a, '/api/learning/models').expect(200)).body);
    expect(state.items[0]).toMatchObject({ version: 3, createdBy: null });
    expect(['active', 'rejected']).toContain(state.items[0]!.status);
    expect(await service.runNightly()).toEqual({ started: 0 });
  });

  it('trains on a worker thread with the built worker file', async () => {
    const file = builtWorker('learning/training.worker.js');
    const posts = TRAINING_POSTS.map((text) => ({ text, sentiment: 'positive' as const }));
    const result = await trainOnWorker(file, { posts }, 60_000);
    expect(result.model.format).toBe('earshot-workspace-1');
    expect(result.better).toBe(true);
  }, 180_000);

  it("scores on the scorer's worker thread with a workspace's rules, sent once and then named by key", async () => {
    const file = builtWorker('ingest/scoring/scorer.worker.js');
    const w = new Worker(file);
    try {
      const ask = (msg: ScorerRequest) =>
        new Promise<{ id: number; scores?: Array<{ sentimentLabel: string }>; error?: string }>((resolve) => {
          w.once('message', resolve);
          w.postMessage(msg);
        });
      const items = [
        { text: WAR_ZONE, context: { followers: null, verified: false, engagement: { replies: null, reposts: null, likes: null }, authorPostsLast24h: 1 } },
      ];
      const first = await ask({ id: 1, items, profile: { key: 'k1', model: null, rules: [{ phrase: 'war zone', sentiment: 'neutral' }] } });
      const again = await ask({ id: 2, items, profile: { key: 'k1' } });
      const plain = await ask({ id: 3, items });
      const evicted = await ask({ id: 4, items, profile: { key: 'k1' }, evict: 'k1' });
      expect([first.scores?.[0]?.sentimentLabel, again.scores?.[0]?.sentimentLabel, plain.scores?.[0]?.sentimentLabel]).toEqual([
        'neutral',
        'neutral',
        'negative',
      ]);
      expect(evicted.error).toBe('unknown scoring profile k1');
    } finally {
      await w.terminate();
    }
  }, 180_000);
});
