import { useNavigate } from 'react-router';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis, type DotItemDotProps } from 'recharts';
import type { ShareOfVoiceReport } from '@earshot/contracts';
import type { AnalyticsView } from '../analytics-view';
import { BUCKET_HEADERS, bucketText, plural, tickLabel } from '../bucket-labels';
import { brandColors } from '../brand-colors';
import { drillDownHref } from '../drill-down';
import { formatShare } from '../sentiment-series';
import { ChartFrame } from './ChartFrame';
import { DrillArea } from './DrillArea';
import { FiguresTable } from './FiguresTable';

type Row = { tick: string; text: string; start: string; end: string } & Record<string, number | string | null>;

const shareKey = (brandId: string) => `share:${brandId}`;
const countKey = (brandId: string) => `count:${brandId}`;

/**
 * Each brand's mentions (those that matched its listening queries; a mention of two brands
 * counts for both) against the others': the range's totals as bars, and each bucket's share as
 * lines. A bar or a point opens the inbox with that brand's mentions of the range or bucket.
 */
export function ShareOfVoiceChart({ report, view }: { report: ShareOfVoiceReport; view: AnalyticsView }) {
  const navigate = useNavigate();
  const colors = brandColors(report.brands);
  const names = new Map(report.brands.map((b) => [b.brandId, b.name]));
  const period = bucketText(report.range.from, report.range.to, report.range);
  const rangeHref = (brandId: string) => drillDownHref(view, report.range, { start: report.range.from, end: report.range.to, brandIds: [brandId] });
  const rows: Row[] = report.points.map((p) => {
    const row: Row = { tick: tickLabel(p.label, report.bucket), text: bucketText(p.start, p.end, report.range), start: p.start, end: p.end };
    for (const b of p.brands) {
      row[shareKey(b.brandId)] = b.share === null ? null : Math.round(b.share * 1000) / 10;
      row[countKey(b.brandId)] = b.count;
    }
    return row;
  });
  const bucketHref = (row: Row, brandId: string) => drillDownHref(view, report.range, { start: row.start, end: row.end, brandIds: [brandId] });
  const largest = Math.max(1, ...report.brands.map((b) => b.count));
  const summary =
    `Share of voice from ${period}` +
    (report.ownShare === null ? '' : `, own brands ${formatShare(report.ownShare)}`) +
    ': ' +
    report.brands.map((b) => `${b.name} ${plural(b.count, 'mention')} (${formatShare(b.share)})`).join(', ') +
    '.';

  const dot = (brandId: string) =>
    function Point(props: DotItemDotProps) {
      const row = props.payload as Row;
      const count = Number(row[countKey(brandId)] ?? 0);
      const { cx, cy } = props as unknown as { cx?: number; cy?: number };
      if (count === 0 || cx === undefined || cy === undefined) return <g key={`${brandId}-${props.index}`} />;
      const label = `${names.get(brandId) ?? 'Brand'}, ${row.text}: ${plural(count, 'mention')} (${row[shareKey(brandId)] ?? '–'} %)`;
      return (
        <circle
          key={`${brandId}-${props.index}`}
          className="analytics-point"
          data-testid="voice-point"
          data-count={count}
          cx={cx}
          cy={cy}
          r={4}
          fill={colors.get(brandId)}
          stroke="#fff"
          strokeWidth={1}
          aria-label={label}
          data-drill={bucketHref(row, brandId)}
        >
          <title>{`${label} (open them in the inbox)`}</title>
        </circle>
      );
    };

  return (
    <>
      <p className="visually-hidden">{summary}</p>
      <ul className="voice-totals" aria-label="Mentions per brand">
        {report.brands.map((b) => (
          <li key={b.brandId} className="voice-totals__brand">
            <button
              type="button"
              className="voice-totals__open"
              data-testid="voice-total"
              data-count={b.count}
              disabled={b.count === 0}
              onClick={() => void navigate(rangeHref(b.brandId))}
              aria-label={`${b.name}: ${plural(b.count, 'mention')}, ${formatShare(b.share)} (open them in the inbox)`}
            >
              <span className="voice-totals__name">
                {b.name}
                {b.kind === 'competitor' ? <span className="voice-totals__kind"> competitor</span> : null}
              </span>
              <span className="voice-totals__bar" aria-hidden="true">
                <span style={{ width: `${(b.count / largest) * 100}%`, background: colors.get(b.brandId) }} />
              </span>
              <span className="voice-totals__figure">
                {b.count.toLocaleString('en-GB')} · {formatShare(b.share)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {rows.length > 1 ? (
        <DrillArea label={`Each brand's share of the brands' mentions per ${report.bucket}`}>
          <ChartFrame height={240}>
            <LineChart data={rows} margin={{ top: 12, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e5ea" />
              <XAxis dataKey="tick" tick={{ fontSize: 12 }} minTickGap={16} />
              <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tick={{ fontSize: 12 }} width={52} unit=" %" />
              <Tooltip labelFormatter={(_tick, items) => (items[0]?.payload as Row | undefined)?.text ?? ''} formatter={(value) => `${String(value)} %`} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {report.brands.map((b) => (
                <Line
                  key={b.brandId}
                  dataKey={shareKey(b.brandId)}
                  name={b.name}
                  type="monotone"
                  stroke={colors.get(b.brandId)}
                  strokeWidth={2}
                  dot={dot(b.brandId)}
                  activeDot={false}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ChartFrame>
        </DrillArea>
      ) : null}
      <FiguresTable
        caption={`Mentions per brand and ${report.bucket}`}
        rowHeader={BUCKET_HEADERS[report.bucket]}
        columns={report.brands.map((b) => b.name)}
        rows={rows.map((row) => ({
          key: row.start,
          head: { text: row.text, href: null },
          cells: report.brands.map((b) => {
            const n = Number(row[countKey(b.brandId)] ?? 0);
            return { text: `${n} (${row[shareKey(b.brandId)] ?? '–'} %)`, href: n > 0 ? bucketHref(row, b.brandId) : null };
          }),
        }))}
      />
    </>
  );
}
