import { useId } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, Tooltip, XAxis, YAxis } from 'recharts';
import { dayIn, formatTick, hourTicks, toSurgePoints } from '../surge-series';
import type { ExpectedBasis } from '@earshot/contracts';
import type { Incident } from '../api/alert-schemas';

interface SurgeChartProps {
  series: Incident['series'];
  bucketMinutes: number;
  /** Where "expected" comes from: the rule's learned rhythm, or the same buckets of the previous weeks. */
  expectedBasis: ExpectedBasis;
  surgeStart: string;
  clearedAt: string | null;
  timeZone: string;
  /** What is counted, for the caption ("Acme mentions"). */
  subject: string;
}

const BASIS_TEXT: Record<ExpectedBasis, string> = {
  detector: 'the usual for that hour of the week, as the alert rule learned it',
  previous_weeks: 'the average of the same time in the previous weeks',
};

const round = (n: number | null) => (n === null ? '–' : n >= 10 ? Math.round(n) : Math.round(n * 10) / 10);

/**
 * The surge against normal: what was posted per bucket (area) and what the brand's usual
 * rhythm expects at that hour of the week (dashed line), the surge shaded. The same numbers
 * are in a table for screen readers.
 */
export function SurgeChart({ series, bucketMinutes: minutes, expectedBasis, surgeStart, clearedAt, timeZone, subject }: SurgeChartProps) {
  const id = useId();
  const points = toSurgePoints(series);
  if (points.length === 0) return <p className="muted">No posts around the surge to chart.</p>;
  const first = points[0]!.at;
  const last = points[points.length - 1]!.at;
  const withDay = dayIn(first, timeZone) !== dayIn(last, timeZone);
  const start = Date.parse(surgeStart);
  const end = clearedAt ? Date.parse(clearedAt) : last;
  const tick = (at: number) => formatTick(at, timeZone, withDay);
  const peak = points.reduce((best, p) => (p.observed > best.observed ? p : best), points[0]!);

  return (
    <figure className="surge-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="surge-chart__caption">
        {subject} per {minutes} minutes against {BASIS_TEXT[expectedBasis]}. Peak: {round(peak.observed)} at {tick(peak.at)}
        {peak.expected !== null ? ` (${round(peak.expected)} expected)` : ''}.
      </figcaption>
      <div className="surge-chart__plot" aria-hidden="true">
        <ComposedChart responsive style={{ width: '100%', height: 280 }} data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e5ea" vertical={false} />
          <XAxis dataKey="at" type="number" scale="time" domain={[first, last]} ticks={hourTicks(first, last)} tickFormatter={tick} tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} width={40} tick={{ fontSize: 12 }} />
          <Tooltip
            labelFormatter={(at) => tick(Number(at))}
            formatter={(value, name) => [round(value === null || value === undefined ? null : Number(value)), name === 'observed' ? 'Posted' : 'Expected']}
          />
          <Legend formatter={(name) => (name === 'observed' ? 'Posted' : 'Expected')} />
          <ReferenceArea x1={Math.max(start, first)} x2={Math.min(end, last)} fill="#b42318" fillOpacity={0.06} ifOverflow="hidden" />
          <Area type="linear" dataKey="observed" name="observed" stroke="#b42318" fill="#fef3f2" strokeWidth={2} isAnimationActive={false} />
          <Line
            type="monotone"
            dataKey="expected"
            name="expected"
            stroke="#2d4fd6"
            strokeDasharray="5 4"
            dot={false}
            strokeWidth={2}
            isAnimationActive={false}
          />
        </ComposedChart>
      </div>
      <table className="visually-hidden">
        <caption>{subject}: posted and expected per bucket</caption>
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">Posted</th>
            <th scope="col">Expected</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.at}>
              <th scope="row">{tick(p.at)}</th>
              <td>{round(p.observed)}</td>
              <td>{round(p.expected)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
