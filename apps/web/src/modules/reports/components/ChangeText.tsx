import { toneOf } from '@earshot/contracts';

interface ChangeTextProps {
  /** The change in words and figures ("+12 %", "−3.1 points", "no change"); null: no comparison. */
  text: string | null;
  /** The signed size of the change, for its colour (null: none). */
  delta: number | null;
  /** Whether a rise is good news (net sentiment, share, SLA), bad news (first response), or neither (volume). */
  higherIsBetter: boolean | null;
}

/** A week-over-week change with its colour; the figure itself says up or down, so colour is never the only cue. */
export function ChangeText({ text, delta, higherIsBetter }: ChangeTextProps) {
  if (text === null) return <span className="report-change report-change--flat">no comparison</span>;
  const tone = text === 'no change' ? 'flat' : toneOf(delta, higherIsBetter);
  return <span className={`report-change report-change--${tone}`}>{text}</span>;
}
