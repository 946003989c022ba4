import type { FixOutcome } from '@earshot/contracts';
import { Badge } from '../../../shared/ui/Badge';
import { formatShare, VERDICT_LABELS, VERDICT_TONES } from '../root-cause-labels';

const perDay = (n: number) => n.toFixed(1);
const signed = (n: number | null) => (n === null ? '–' : `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(Math.round(n))} %`);
const sentiment = (n: number | null) => (n === null ? '–' : n.toFixed(2));

/** After a fix: the verdict in words, then recurrence and recovery in numbers. */
export function FixOutcomeSummary({ fix, compact = false }: { fix: FixOutcome; compact?: boolean }) {
  const { recurrence, recovery } = fix;
  return (
    <div className="fix-outcome" data-testid="fix-outcome">
      <p className="fix-outcome__sentence">
        <Badge tone={VERDICT_TONES[fix.verdict]}>{VERDICT_LABELS[fix.verdict]}</Badge> {fix.sentence}
      </p>
      <dl className="fix-outcome__figures">
        {recurrence ? (
          <div>
            <dt>Recurrence ({fix.windowDays} days each side)</dt>
            <dd>
              {perDay(recurrence.beforePerDay)} → {perDay(recurrence.afterPerDay)} a day ({signed(recurrence.changePercent)})
            </dd>
          </div>
        ) : null}
        {recovery ? (
          <div>
            <dt>Recovery</dt>
            <dd>
              {recovery.noLongerNegative} of {recovery.authorsWroteAgain} who wrote again no longer negative ({recovery.authorsBefore} complained before)
            </dd>
          </div>
        ) : null}
        {recovery && !compact ? (
          <div>
            <dt>Their mentions, before → after</dt>
            <dd>
              negative {formatShare(recovery.before.negativeShare)} → {formatShare(recovery.after.negativeShare)}; mean sentiment{' '}
              {sentiment(recovery.before.meanSentiment)} → {sentiment(recovery.after.meanSentiment)}
            </dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}
