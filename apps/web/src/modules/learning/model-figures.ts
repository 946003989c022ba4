import type { ModelMetrics, WorkspaceModel, WorkspaceModelStatus } from '@earshot/contracts';

const f1 = (v: number | null) => (v === null ? null : v.toFixed(2));
const pct = (v: number | null) => (v === null ? null : `${Math.round(v * 100)} %`);

/**
 * A version's held-out figures in plain words, before → after on the same posts:
 * "sentiment macro-F1 0.71 → 0.78 on 60 held-out corrections". Heads without held-out labels are left out.
 */
export function describeModelFigures(before: ModelMetrics, after: ModelMetrics): string[] {
  const lines: string[] = [];
  const pair = (name: string, b: string | null, a: string | null) => {
    if (b !== null || a !== null) lines.push(`${name} ${b ?? 'n/a'} → ${a ?? 'n/a'}`);
  };
  pair('agreement with the team', pct(before.agreement), pct(after.agreement));
  pair('sentiment macro-F1', f1(before.sentimentMacroF1), f1(after.sentimentMacroF1));
  pair('intent macro-F1', f1(before.intentMacroF1), f1(after.intentMacroF1));
  pair('category macro-F1', f1(before.categoryMacroF1), f1(after.categoryMacroF1));
  const n = after.heldOut;
  return lines.map((l) => `${l} on ${n} held-out ${n === 1 ? 'correction' : 'corrections'}`);
}

export const STATUS_LABEL: Record<WorkspaceModelStatus, string> = {
  training: 'Training…',
  ready: 'Ready, not in use',
  active: 'In use',
  rejected: 'Not used (not better)',
  retired: 'Used before',
  failed: 'Failed',
};

/** Whether "Use this version" applies (the api accepts ready and retired versions). */
export function canSwitchTo(model: WorkspaceModel): boolean {
  return model.status === 'ready' || model.status === 'retired';
}
