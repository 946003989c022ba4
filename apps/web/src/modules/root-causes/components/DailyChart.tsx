import { useId } from 'react';
import { formatDay } from '../period';

export interface ChartDay {
  /** The day, `YYYY-MM-DD`. */
  date: string;
  volume: number;
  /** 0..1, or null on a day without complaints. */
  negativeShare: number | null;
}

interface DailyChartProps {
  /** What the chart is about, e.g. "Delivery and delays". */
  label: string;
  days: readonly ChartDay[];
  /** The day a fix shipped (`YYYY-MM-DD`), marked with a line. */
  fixDate?: string | null | undefined;
}

const WIDTH = 280;
const HEIGHT = 72;
const PAD_TOP = 4;
const PAD_BOTTOM = 4;

const percent = (share: number) => `${Math.round(share * 100)} %`;

/**
 * A small chart of one category's days: bars for the number of complaints, a line for the
 * share of them that were negative, a dashed line on the day a fix shipped. No chart library
 * (issue 15 brings one): plain SVG with a title and a description, and the same numbers in a
 * table for screen readers.
 */
export function DailyChart({ label, days, fixDate }: DailyChartProps) {
  const id = useId();
  const max = Math.max(1, ...days.map((d) => d.volume));
  const slot = days.length > 0 ? WIDTH / days.length : WIDTH;
  const barWidth = Math.max(1, slot * 0.7);
  const plotHeight = HEIGHT - PAD_TOP - PAD_BOTTOM;
  const y = (fraction: number) => PAD_TOP + plotHeight * (1 - fraction);
  const total = days.reduce((sum, d) => sum + d.volume, 0);
  const peak = days.reduce<ChartDay | null>((best, d) => (best === null || d.volume > best.volume ? d : best), null);

  // A day without complaints has no share: the line breaks there instead of dropping to 0.
  const runs: { x: number; y: number }[][] = [[]];
  days.forEach((d, i) => {
    if (d.negativeShare === null) runs.push([]);
    else runs[runs.length - 1]!.push({ x: i * slot + slot / 2, y: y(d.negativeShare) });
  });
  const share = runs.filter((run) => run.length > 0);

  const fixIndex = fixDate ? days.findIndex((d) => d.date >= fixDate) : -1;
  const fixX = fixIndex >= 0 ? fixIndex * slot : null;
  const first = days[0]?.date;
  const last = days[days.length - 1]?.date;

  const description =
    days.length === 0
      ? 'No days in this period.'
      : `${total} complaints from ${first} to ${last}` +
        (peak && peak.volume > 0 ? `, most on ${peak.date} (${peak.volume})` : '') +
        (fixDate ? `. Fix shipped on ${fixDate}` : '') +
        '. Bars: complaints a day; line: share negative.';

  return (
    <figure className="daily-chart">
      <svg className="daily-chart__svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{`Complaints a day: ${label}`}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <line className="daily-chart__axis" x1={0} x2={WIDTH} y1={HEIGHT - PAD_BOTTOM} y2={HEIGHT - PAD_BOTTOM} />
        {days.map((d, i) => {
          const height = (d.volume / max) * plotHeight;
          return (
            <rect
              key={d.date}
              className="daily-chart__bar"
              x={i * slot + (slot - barWidth) / 2}
              y={HEIGHT - PAD_BOTTOM - height}
              width={barWidth}
              height={height}
            />
          );
        })}
        {share.map((run) =>
          run.length === 1 ? (
            <circle key={run[0]!.x} className="daily-chart__dot" cx={run[0]!.x} cy={run[0]!.y} r={1.8} />
          ) : (
            <polyline key={run[0]!.x} className="daily-chart__share" points={run.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')} />
          ),
        )}
        {fixX !== null ? <line className="daily-chart__fix" x1={fixX} x2={fixX} y1={0} y2={HEIGHT} data-testid="fix-marker" /> : null}
      </svg>
      <figcaption className="daily-chart__legend" aria-hidden="true">
        <span className="daily-chart__key daily-chart__key--bar">complaints a day (most: {max})</span>
        <span className="daily-chart__key daily-chart__key--share">share negative</span>
        {fixDate ? <span className="daily-chart__key daily-chart__key--fix">fix shipped {formatDay(fixDate)}</span> : null}
      </figcaption>
      <table className="visually-hidden">
        <caption>{`Complaints a day: ${label}`}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Complaints</th>
            <th scope="col">Share negative</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.date}>
              <th scope="row">
                {d.date}
                {fixDate === d.date ? ' (fix shipped)' : ''}
              </th>
              <td>{d.volume}</td>
              <td>{d.negativeShare === null ? '–' : percent(d.negativeShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
