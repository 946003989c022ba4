import type { RootCauseRow } from '@earshot/contracts';

/**
 * The change against the previous period: an arrow and the percentage. More complaints is
 * bad (red), fewer is good (green); the words say it too, for those who do not see colour.
 */
export function ChangeIndicator({ change, previousTotal }: Pick<RootCauseRow, 'change' | 'previousTotal'>) {
  const { absolute, percent } = change;
  const title = `${previousTotal} in the previous period`;
  if (absolute === 0) {
    return (
      <span className="change change--flat" title={title}>
        <span aria-hidden="true">→ </span>no change
      </span>
    );
  }
  const up = absolute > 0;
  const amount = percent === null ? `+${absolute} (none before)` : `${up ? '+' : '−'}${Math.abs(Math.round(percent))} %`;
  return (
    <span className={`change ${up ? 'change--worse' : 'change--better'}`} title={title}>
      <span aria-hidden="true">{up ? '↑' : '↓'} </span>
      <span className="visually-hidden">{up ? 'up' : 'down'} </span>
      {amount}
    </span>
  );
}
