import type { LearningRepository } from './learning.repository.js';
import type { PhraseRuleEntity } from './phrase-rule.entity.js';
import { ScoringProfilesService } from './scoring-profiles.service.js';
import type { WorkspaceModelEntity } from './workspace-model.entity.js';

const WS = '00000000-0000-4000-8000-000000000001';

/** A repository stand-in: the active model and rules the test sets, and how often they were read. */
function fakeRepo() {
  const state = { active: null as Partial<WorkspaceModelEntity> | null, rules: [] as Array<Partial<PhraseRuleEntity>>, reads: 0 };
  const repo = {
    findActive: () => {
      state.reads++;
      return Promise.resolve(state.active);
    },
    listRules: () => Promise.resolve(state.rules),
  } as unknown as LearningRepository;
  return { state, repo };
}

describe('ScoringProfilesService', () => {
  it('gives null (the shipped path) to a workspace with no model and no rules, and reads it once per TTL', async () => {
    const { state, repo } = fakeRepo();
    const s = new ScoringProfilesService(repo);
    expect(await s.forWorkspace(WS)).toBeNull();
    // Cached: answered synchronously, without another read.
    expect(s.forWorkspace(WS)).toBeNull();
    expect(state.reads).toBe(1);
  });

  it('keys a profile by model and rules, and reads it again after invalidate', async () => {
    const { state, repo } = fakeRepo();
    const s = new ScoringProfilesService(repo);
    state.rules = [{ phrase: 'war zone', sentiment: 'neutral', urgency: null, category: null }];
    const first = await s.forWorkspace(WS);
    expect(first).toMatchObject({ model: null, rules: [{ phrase: 'war zone', sentiment: 'neutral' }] });
    state.active = { id: 'm1', data: { format: 'earshot-workspace-1', trainedOn: { sentiment: 1, intent: 0, category: 0, urgency: 0 } } };
    expect(s.forWorkspace(WS)).toBe(first);
    s.invalidate(WS);
    const second = await s.forWorkspace(WS);
    expect(second?.model).toEqual(state.active.data);
    expect(second?.key).not.toBe(first?.key);
  });

  it('does not keep a read that was under way when the profile was invalidated', async () => {
    const { state, repo } = fakeRepo();
    const s = new ScoringProfilesService(repo);
    const stale = s.forWorkspace(WS);
    s.invalidate(WS);
    state.rules = [{ phrase: 'killer feature', sentiment: null, urgency: 'ignore', category: null }];
    expect(await stale).toBeNull();
    expect(await s.forWorkspace(WS)).toMatchObject({ rules: [{ phrase: 'killer feature', urgency: 'ignore' }] });
  });
});
