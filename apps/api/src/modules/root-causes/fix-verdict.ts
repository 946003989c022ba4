import type { FixOutcome, FixVerdict } from '@earshot/contracts';

/**
 * When the board calls a fix a success. One place, so the thresholds are visible and tested:
 * - `minDaysAfterFix`: fewer full days after the fix day than this → "too early to tell";
 * - `maxWindowDays`: recurrence compares at most this many days on each side of the fix day;
 * - `fallPercent`: complaints must fall at least this much (mean per day, after vs before);
 * - `minAuthorsForRecovery`: recovery is judged only when at least this many complainers wrote again;
 * - `recoveredShare`: of those, at least this share must have no negative mention after the fix.
 * - `recoveryLookbackDays`: the complainers are those who complained in this many days before the fix.
 */
export const FIX_VERDICT_THRESHOLDS = {
  minDaysAfterFix: 3,
  maxWindowDays: 14,
  fallPercent: 30,
  minAuthorsForRecovery: 3,
  recoveredShare: 0.5,
  recoveryLookbackDays: 28,
} as const;

type Recurrence = NonNullable<FixOutcome['recurrence']>;
type Recovery = NonNullable<FixOutcome['recovery']>;

const perDay = (n: number) => n.toFixed(1);
const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/** The verdict and its sentence, from the numbers alone. */
export function fixVerdict(
  category: string,
  daysSinceFix: number,
  recurrence: Recurrence | null,
  recovery: Recovery | null,
  t = FIX_VERDICT_THRESHOLDS,
): { verdict: FixVerdict; sentence: string } {
  if (daysSinceFix < t.minDaysAfterFix || !recurrence) {
    return {
      verdict: 'too_early',
      sentence: `Too early to tell: ${days(daysSinceFix)} since the fix (the board needs ${t.minDaysAfterFix} full days after it).`,
    };
  }
  const n = Math.min(t.maxWindowDays, daysSinceFix);
  if (recurrence.beforePerDay === 0) {
    return {
      verdict: 'no_data',
      sentence: `There were no complaints about ${category} in the ${days(n)} before the fix, so there is nothing to compare.`,
    };
  }
  const pct = recurrence.changePercent ?? 0;
  const fell = pct <= -t.fallPercent;
  const judged = recovery !== null && recovery.authorsWroteAgain >= t.minAuthorsForRecovery;
  const recovered = judged && recovery.noLongerNegative / recovery.authorsWroteAgain >= t.recoveredShare;
  const moodPart = recovery
    ? `${recovery.noLongerNegative} of the ${recovery.authorsWroteAgain} authors who complained and wrote again ${recovery.noLongerNegative === 1 ? 'was' : 'were'} no longer negative`
    : '';
  const figures = `(${perDay(recurrence.beforePerDay)} → ${perDay(recurrence.afterPerDay)} a day)`;
  if (fell) {
    const fall = `Complaints about ${category} fell ${Math.round(-pct)} % in the ${days(n)} after the fix ${figures}`;
    if (!judged) {
      const wrote = recovery?.authorsWroteAgain ?? 0;
      return {
        verdict: 'worked',
        sentence: `${fall}; too few of the authors who complained have written again to judge their mood (${wrote}): the fix looks like it worked.`,
      };
    }
    if (recovered) return { verdict: 'worked', sentence: `${fall}, and ${moodPart}: the fix looks like it worked.` };
    return { verdict: 'mixed', sentence: `${fall}, but only ${moodPart}: fewer complaints, but the people who complained are not won back yet.` };
  }
  const change = pct > 0 ? `rose ${Math.round(pct)} %` : pct < 0 ? `fell only ${Math.round(-pct)} %` : 'stayed the same';
  return {
    verdict: 'not_fallen',
    sentence: `Complaints about ${category} have not fallen: they ${change} in the ${days(n)} after the fix ${figures}${judged ? `, and ${moodPart}` : ''}.`,
  };
}
