import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { SentimentFilter, VolumeReport } from '@earshot/contracts';
import type { AnalyticsView } from '../analytics-view';
import { BUCKET_HEADERS, bucketText, plural, tickLabel } from '../bucket-labels';
import { drillDownHref } from '../drill-down';
import { formatNet, NET_COLOR, SENTIMENT_SERIES } from '../sentiment-series';
import { ChartFrame } from './ChartFrame';
import { DrillArea } from './DrillArea';
import { FiguresTable } from './FiguresTable';

interface Row {
  tick: string;
  text: string;
  start: string;
  end: string;
  total: number;
  negative: number;
  neutral: number;
  positive: number;
  unscored: number;
  net: number | null;
}

/**
 * Mentions per bucket stacked by sentiment, and the net sentiment (% positive − % negative) as a
 * line on its own axis. A segment opens the inbox with exactly its mentions; the figures table
 * under the chart has the same links for the keyboard.
 */
export function VolumeChart({ report, view }: { report: VolumeReport; view: AnalyticsView }) {
  const rows: Row[] = report.points.map((p) => ({
    tick: tickLabel(p.label, report.bucket),
    text: bucketText(p.start, p.end, report.range),
    start: p.start,
    end: p.end,
    total: p.total,
    ...p.sentiment,
    net: p.netSentiment,
  }));
  const href = (row: Row, sentiment?: SentimentFilter) =>
    drillDownHref(view, report.range, { start: row.start, end: row.end, ...(sentiment ? { sentiment } : {}) });
  const t = report.totals;
  const summary =
    `${plural(t.total, 'mention')} from ${bucketText(report.range.from, report.range.to, report.range)}: ` +
    SENTIMENT_SERIES.map((s) => `${t.sentiment[s.key]} ${s.label.toLowerCase()}`).join(', ') +
    `; net sentiment ${formatNet(t.netSentiment)}.`;

  const segment = (series: (typeof SENTIMENT_SERIES)[number]) =>
    function Segment(props: BarShapeProps) {
      const row = props.payload as Row;
      if (!(props.height > 0) || row[series.key] === 0) return <g />;
      const label = `${row.text}: ${plural(row[series.key], `${series.label.toLowerCase()} mention`)}`;
      return (
        <rect
          className="analytics-bar"
          data-testid="volume-bar"
          data-series={series.key}
          data-count={row[series.key]}
          x={props.x}
          y={props.y}
          width={props.width}
          height={props.height}
          fill={series.color}
          aria-label={label}
          data-drill={href(row, series.key)}
        >
          <title>{`${label} (open them in the inbox)`}</title>
        </rect>
      );
    };

  return (
    <>
      <DrillArea label={summary}>
        <ChartFrame height={300}>
          <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e5ea" />
            <XAxis dataKey="tick" tick={{ fontSize: 12 }} minTickGap={16} />
            <YAxis yAxisId="count" allowDecimals={false} tick={{ fontSize: 12 }} width={44} />
            <YAxis yAxisId="net" orientation="right" domain={[-100, 100]} tick={{ fontSize: 12 }} width={40} />
            <Tooltip
              cursor={{ fill: 'rgba(45, 79, 214, 0.06)' }}
              labelFormatter={(_tick, items) => (items[0]?.payload as Row | undefined)?.text ?? ''}
              formatter={(value, name) => (name === 'Net sentiment' ? formatNet(value as number | null) : value)}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {SENTIMENT_SERIES.map((s) => (
              <Bar key={s.key} yAxisId="count" dataKey={s.key} name={s.label} stackId="sentiment" fill={s.color} isAnimationActive={false} shape={segment(s)} />
            ))}
            <Line
              yAxisId="net"
              dataKey="net"
              name="Net sentiment"
              type="monotone"
              stroke={NET_COLOR}
              strokeWidth={2}
              dot={rows.length <= 40}
              connectNulls={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ChartFrame>
      </DrillArea>
      <FiguresTable
        caption={`Mentions and sentiment per ${report.bucket}`}
        rowHeader={BUCKET_HEADERS[report.bucket]}
        columns={['Total', ...SENTIMENT_SERIES.map((s) => s.label), 'Net sentiment']}
        rows={rows.map((row) => ({
          key: row.start,
          head: { text: row.text, href: row.total > 0 ? href(row) : null },
          cells: [
            { text: String(row.total), href: row.total > 0 ? href(row) : null },
            ...SENTIMENT_SERIES.map((s) => ({ text: String(row[s.key]), href: row[s.key] > 0 ? href(row, s.key) : null })),
            { text: formatNet(row.net), href: null },
          ],
        }))}
      />
    </>
  );
}
