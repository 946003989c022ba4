import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { ThemesReport } from '@earshot/contracts';
import { categoryLabel } from '../../templates/complaint-categories';
import type { AnalyticsView } from '../analytics-view';
import { bucketText, plural } from '../bucket-labels';
import { drillDownHref } from '../drill-down';
import { ChartFrame } from './ChartFrame';
import { DrillArea } from './DrillArea';
import { FiguresTable } from './FiguresTable';

interface Row {
  category: string;
  label: string;
  count: number;
  previous: number;
  change: string;
}

const THEME_COLOR = '#f79009';

const wholeNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** "+3 (+25 %)", "−2 (−40 %)", "+4 (new)", "0"; "+2,596 (+28,844 %)": thousands grouped, whole percents from 100 on. */
export function formatChange(absolute: number, percent: number | null): string {
  const sign = (n: number, f: Intl.NumberFormat) => (n > 0 ? `+${f.format(n)}` : n < 0 ? `−${f.format(Math.abs(n))}` : '0');
  if (absolute === 0) return '0';
  const pct = percent === null ? 'new' : `${sign(percent, Math.abs(percent) >= 100 ? wholeNumber : oneDecimal)} %`;
  return `${sign(absolute, wholeNumber)} (${pct})`;
}

/** Complaints per category in the range, with the change against the period of equal length before it. */
export function ThemesChart({ report, view }: { report: ThemesReport; view: AnalyticsView }) {
  const rows: Row[] = report.themes
    .filter((t) => t.count > 0)
    .map((t) => ({
      category: t.category,
      label: categoryLabel(t.category),
      count: t.count,
      previous: t.previousCount,
      change: formatChange(t.change.absolute, t.change.percent),
    }));
  const gone = report.themes.filter((t) => t.count === 0);
  const period = bucketText(report.range.from, report.range.to, report.range);
  const href = (row: Row) =>
    drillDownHref(view, report.range, { start: report.range.from, end: report.range.to, intents: ['complaint'], categories: [row.category] });
  const summary =
    rows.length === 0
      ? `No complaints from ${period}.`
      : `${plural(report.totalComplaints, 'complaint')} from ${period} (${report.previousTotalComplaints} the period before): ` +
        rows.map((r) => `${r.label} ${r.count} (${r.change})`).join(', ') +
        '.';

  function Theme(props: BarShapeProps) {
    const row = props.payload as Row;
    const label = `${row.label}: ${plural(row.count, 'complaint')}, ${row.change} against the period before`;
    return (
      <rect
        className="analytics-bar"
        data-testid="theme-bar"
        data-count={row.count}
        x={props.x}
        y={props.y}
        width={props.width}
        height={props.height}
        fill={THEME_COLOR}
        aria-label={label}
        data-drill={href(row)}
      >
        <title>{`${label} (open them in the inbox)`}</title>
      </rect>
    );
  }

  return (
    <>
      {rows.length === 0 ? (
        <p className="analytics-card__none">No complaints in this period.</p>
      ) : (
        <DrillArea label={summary}>
          <ChartFrame height={Math.max(120, rows.length * 34 + 30)}>
            <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 96, bottom: 4, left: 8 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e2e5ea" />
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
              <YAxis type="category" dataKey="label" width={160} tick={{ fontSize: 12 }} />
              <Tooltip cursor={{ fill: 'rgba(45, 79, 214, 0.06)' }} formatter={(value) => [value, 'Complaints']} />
              <Bar dataKey="count" name="Complaints" fill={THEME_COLOR} isAnimationActive={false} shape={Theme}>
                <LabelList dataKey="change" position="right" style={{ fontSize: 12, fill: '#5a6475' }} />
              </Bar>
            </BarChart>
          </ChartFrame>
        </DrillArea>
      )}
      {gone.length > 0 ? (
        <p className="analytics-card__note">None any more: {gone.map((t) => `${categoryLabel(t.category)} (${t.previousCount} before)`).join(', ')}.</p>
      ) : null}
      <FiguresTable
        caption="Complaints per category"
        rowHeader="Category"
        columns={['Complaints', 'Share', 'The period before', 'Change']}
        rows={report.themes.map((t) => {
          const row = rows.find((r) => r.category === t.category);
          return {
            key: t.category,
            head: { text: categoryLabel(t.category), href: row ? href(row) : null },
            cells: [
              { text: String(t.count), href: row ? href(row) : null },
              { text: `${Math.round(t.share * 1000) / 10} %`, href: null },
              { text: String(t.previousCount), href: null },
              { text: formatChange(t.change.absolute, t.change.percent), href: null },
            ],
          };
        })}
      />
    </>
  );
}
