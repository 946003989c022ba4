import { createAnalyzer, evaluateWorkspaceModel, shippedFingerprint, trainWorkspaceModel, type LabelledPost, type Taxonomy } from '../index.js';
import { ADAPT_TRAIN } from './train-workspace.js';

/** A game brand whose players' "sick" and "insane" are praise, and whose "patch" posts are questions, not complaints. */
function gamePosts(): LabelledPost[] {
  const out: LabelledPost[] = [];
  const things = ['raid', 'boss fight', 'new map', 'soundtrack', 'trailer', 'update', 'skin', 'combo', 'ending', 'co-op mode'];
  things.forEach((t, i) => {
    out.push({ text: `that ${t} is sick`, sentiment: 'positive' });
    out.push({ text: `the ${t} was insane, wow ${i}`, sentiment: 'positive' });
    out.push({ text: `is the ${t} in the next patch?`, sentiment: 'neutral', intent: 'question' });
  });
  return out;
}

describe('trainWorkspaceModel', () => {
  const posts = gamePosts();

  it('is deterministic for a seed and survives a JSON round-trip', () => {
    const a = trainWorkspaceModel(posts, { seed: 7 });
    const b = trainWorkspaceModel(posts, { seed: 7 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const stored = JSON.parse(JSON.stringify(a.model)) as typeof a.model;
    const t = 'the final boss is sick';
    expect(createAnalyzer({ workspaceModel: stored }).analyze(t)).toEqual(createAnalyzer({ workspaceModel: a.model }).analyze(t));
    expect(a.model.format).toBe('earshot-workspace-1');
    expect(a.model['base']).toBe(shippedFingerprint());
    // 6 of the 30 posts are held out; the 10 intent labels fall on either side
    expect(a.model.trainedOn).toMatchObject({ sentiment: 24, category: 0, urgency: 0 });
    expect(a.model.trainedOn.intent).toBeLessThanOrEqual(10);
  });

  it('changes the prediction of posts like the corrections, and leaves others alone', () => {
    const { model } = trainWorkspaceModel(posts, { heldOutShare: 0 });
    const shipped = createAnalyzer();
    const adapted = createAnalyzer({ workspaceModel: model });
    const like = 'the new raid boss is sick';
    expect(shipped.analyze(like).sentiment.label).not.toBe('positive');
    expect(adapted.analyze(like).sentiment.label).toBe('positive');
    for (const t of ['my card was charged twice and nobody answers', 'thank you so much, great support']) {
      expect(adapted.analyze(t).sentiment.label).toBe(shipped.analyze(t).sentiment.label);
    }
  });

  it('evaluates the current and the new model on the held-out posts', () => {
    const r = trainWorkspaceModel(posts, { seed: 3 });
    expect(r.before.heldOut).toBe(6);
    expect(r.after.heldOut).toBe(6);
    expect(r.after.sentimentMacroF1).not.toBeNull();
    expect(r.after.agreement ?? 0).toBeGreaterThanOrEqual(r.before.agreement ?? 0);
    expect(r.better).toBe(true);
    expect(r.model.trainedOn.sentiment).toBe(posts.length - 6);
  });

  it('is not "better" without held-out posts to show it', () => {
    const r = trainWorkspaceModel(posts.slice(0, 4));
    expect(r.before.heldOut).toBe(0);
    expect(r.after.agreement).toBeNull();
    expect(r.better).toBe(false);
  });

  it('learns a taxonomy category from labelled posts', () => {
    const taxonomy: Taxonomy = {
      categories: [
        { id: 'servers', name: 'Servers', keywords: ['server*', 'lag*'] },
        { id: 'billing', name: 'Billing', keywords: ['refund*', 'charge*'] },
        { id: 'other', name: 'Other', keywords: [] },
      ],
      fallback: 'other',
    };
    const labelled: LabelledPost[] = [];
    for (let i = 0; i < 12; i += 1) {
      labelled.push({ text: `rubberbanding everywhere in match ${i}, unplayable`, category: 'servers' });
      labelled.push({ text: `the season pass ${i} took my money twice`, category: 'billing' });
    }
    const { model } = trainWorkspaceModel(labelled, { taxonomy, heldOutShare: 0 });
    const t = 'constant rubberbanding tonight';
    expect(createAnalyzer({ taxonomy }).analyze(t).category.id).toBe('other');
    expect(createAnalyzer({ taxonomy, workspaceModel: model }).analyze(t).category.id).toBe('servers');
    // the keyword prior still holds where the workspace taught nothing
    expect(createAnalyzer({ taxonomy, workspaceModel: model }).analyze('I want a refund').category.id).toBe('billing');
    const m = evaluateWorkspaceModel(model, [{ text: 'rubberbanding again in ranked', category: 'servers' }], { taxonomy });
    expect(m.categoryMacroF1).toBe(1);
    expect(m.sentimentMacroF1).toBeNull();
  });

  it('learns complaints from intent labels', () => {
    const labelled: LabelledPost[] = [];
    for (let i = 0; i < 15; i += 1) {
      labelled.push({ text: `the matchmaking put me with bots again in game ${i}`, intent: 'complaint', sentiment: 'negative' });
      labelled.push({ text: `what time does season ${i} start`, intent: 'question', sentiment: 'neutral' });
    }
    const { model } = trainWorkspaceModel(labelled, { heldOutShare: 0 });
    const t = 'matchmaking put me with bots the whole evening';
    const before = createAnalyzer().analyze(t).complaintProbability;
    const after = createAnalyzer({ workspaceModel: model }).analyze(t).complaintProbability;
    expect(after).toBeGreaterThan(before);
    expect(model.trainedOn.intent).toBe(30);
  });

  it('refuses data that is not a workspace model', () => {
    expect(() => createAnalyzer({ workspaceModel: { format: 'something-else' } as never })).toThrow(/not a workspace model/);
  });

  it('keeps the stored model small', () => {
    const many: LabelledPost[] = [];
    for (let i = 0; i < 50; i += 1) many.push(...gamePosts().map((p) => ({ ...p, text: `${p.text} #${i}` })));
    const { model } = trainWorkspaceModel(many);
    expect(JSON.stringify(model).length).toBeLessThan(100_000);
    // at most ADAPT_TRAIN.maxSlots slots a head, whatever the number of posts
    const heads = model as unknown as { sentiment: { slots: string } };
    expect(heads.sentiment.slots.length).toBeLessThan(3000 * 3 * (4 / 3) + 4);
  });

  it('reads unlabelled posts only for the settings that use them (EM prior, self-training), deterministically', () => {
    const unlabelled = ['the new raid is sick', 'is the boss fight in the patch?', 'worst update ever', 'love the soundtrack', 'lag again'];
    const plain = trainWorkspaceModel(posts, { seed: 3 });
    expect(JSON.stringify(trainWorkspaceModel(posts, { seed: 3, unlabelled }).model)).toBe(JSON.stringify(plain.model));
    const saved = { ...ADAPT_TRAIN.sentimentPrior };
    Object.assign(ADAPT_TRAIN.sentimentPrior, { em: true, minUnlabelled: 5 });
    try {
      const a = trainWorkspaceModel(posts, { seed: 3, unlabelled });
      const b = trainWorkspaceModel(posts, { seed: 3, unlabelled });
      expect(JSON.stringify(a.model)).toBe(JSON.stringify(b.model));
      const bias = (a.model['sentiment'] as { bias: number[] }).bias;
      expect(bias).toHaveLength(3);
      expect(bias.every((x) => Number.isFinite(x) && Math.abs(x) <= ADAPT_TRAIN.sentimentPrior.maxShift)).toBe(true);
    } finally {
      Object.assign(ADAPT_TRAIN.sentimentPrior, saved);
    }
  });
});
