import { Bar, BarChart, CartesianGrid, ReferenceLine, XAxis, YAxis, type BarShapeProps } from 'recharts';
import { dayLabel, formatNet, NO_FIGURE, type ReportDay } from '@earshot/contracts';
import { ChartFrame } from '../../analytics/components/ChartFrame';

const POSITIVE = '#067647';
const NEGATIVE = '#b42318';
const FLAT = '#7b8494';

type Row = { day: string; date: string; net: number | null };

/** A day under its bar on two lines, weekday over date ("Thu" / "26"), so seven fit a narrow chart. */
function DayTick(props: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) {
  const [weekday, date] = String(props.payload?.value ?? '').split(' ');
  return (
    <text x={Number(props.x ?? 0)} y={Number(props.y ?? 0)} textAnchor="middle" fontSize={11} fill="#5a6475">
      <tspan x={Number(props.x ?? 0)} dy="0.9em">
        {weekday}
      </tspan>
      <tspan x={Number(props.x ?? 0)} dy="1.1em">
        {date}
      </tspan>
    </text>
  );
}

/** The axis reaches the largest day (at least ±20, in steps of 10) on both sides, so 0 sits in the middle. */
function extent(days: readonly ReportDay[]): number {
  const largest = Math.max(0, ...days.map((d) => Math.abs(d.netSentiment ?? 0)));
  return Math.min(100, Math.max(20, Math.ceil(largest / 10) * 10));
}

function colour(net: number | null): string {
  if (net === null || net === 0) return FLAT;
  return net > 0 ? POSITIVE : NEGATIVE;
}

/**
 * Net sentiment (% positive − % negative) of each local day of the week: bars above the line are good days,
 * below bad ones; a day without scored mentions has no bar. The figures are in a table beside it.
 */
export function NetSentimentChart({ days, height = 180, titleId }: { days: readonly ReportDay[]; height?: number; titleId: string }) {
  const rows: Row[] = days.map((d) => ({ day: dayLabel(d.date), date: d.date, net: d.netSentiment }));
  const top = extent(days);
  const worst = days.reduce<ReportDay | null>((w, d) => (d.netSentiment !== null && (w === null || d.netSentiment < (w.netSentiment ?? 0)) ? d : w), null);
  const best = days.reduce<ReportDay | null>((b, d) => (d.netSentiment !== null && (b === null || d.netSentiment > (b.netSentiment ?? 0)) ? d : b), null);
  const summary =
    worst && best
      ? `Highest ${dayLabel(best.date)} (${formatNet(best.netSentiment)}), lowest ${dayLabel(worst.date)} (${formatNet(worst.netSentiment)}).`
      : 'No scored mentions this week.';

  return (
    <div className="report-chart">
      <div className="report-chart__plot" role="img" aria-labelledby={titleId} aria-describedby={`${titleId}-summary`}>
        <ChartFrame height={height}>
          <BarChart data={rows} margin={{ top: 6, right: 6, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e5ea" />
            <XAxis dataKey="day" tick={DayTick} interval={0} tickLine={false} height={32} />
            <YAxis domain={[-top, top]} ticks={[-top, -top / 2, 0, top / 2, top]} tick={{ fontSize: 11 }} width={36} tickFormatter={(v: number) => formatNet(v)} />
            <ReferenceLine y={0} stroke="#5a6475" />
            <Bar
              dataKey="net"
              isAnimationActive={false}
              shape={(props: BarShapeProps) => {
                const row = props.payload as Row;
                const { x = 0, y = 0, width = 0, height: h = 0 } = props;
                // A negative bar may come with a negative height: draw it from its top edge.
                const top = h < 0 ? y + h : y;
                return (
                  <rect
                    className="report-chart__bar"
                    data-date={row.date}
                    x={x}
                    y={top}
                    width={width}
                    height={Math.abs(h)}
                    fill={colour(row.net)}
                    aria-hidden="true"
                  />
                );
              }}
            />
          </BarChart>
        </ChartFrame>
      </div>
      <p className="report-chart__summary" id={`${titleId}-summary`}>
        {summary}
      </p>
      <table className="visually-hidden">
        <caption>Net sentiment by day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Positive</th>
            <th scope="col">Neutral</th>
            <th scope="col">Negative</th>
            <th scope="col">Net sentiment</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.date}>
              <th scope="row">{d.date}</th>
              <td>{d.positive}</td>
              <td>{d.neutral}</td>
              <td>{d.negative}</td>
              <td>{d.netSentiment === null ? NO_FIGURE : formatNet(d.netSentiment)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
