import type { LintFinding } from '@earshot/contracts';

/** The draft with a finding's fix applied (the composer's one-click fix; the api never applies fixes). */
export function applyFix(draft: string, fix: NonNullable<LintFinding['fix']>): string {
  const start = Math.max(0, Math.min(fix.span.start, draft.length));
  const end = Math.max(start, Math.min(fix.span.end, draft.length));
  return draft.slice(0, start) + fix.replacement + draft.slice(end);
}
