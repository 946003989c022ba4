import type { ReportDirection } from '@earshot/contracts';

const MARKERS: Record<ReportDirection, { symbol: string; word: string }> = {
  better: { symbol: '\u25B2', word: 'Better' },
  worse: { symbol: '\u25BC', word: 'Worse' },
  steady: { symbol: '\u25C6', word: 'Steady' },
  'no-data': { symbol: '\u2013', word: 'No data' },
};

/** The week's direction: a coloured marker and the word, so it reads without colour too. */
export function DirectionMarker({ direction, size = 'md' }: { direction: ReportDirection; size?: 'md' | 'lg' }) {
  const { symbol, word } = MARKERS[direction];
  return (
    <span className={`report-direction report-direction--${direction} report-direction--${size}`} data-direction={direction}>
      <span className="report-direction__symbol" aria-hidden="true">
        {symbol}
      </span>
      <span className="report-direction__word">{word}</span>
    </span>
  );
}
