import { useContext } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { ReportShareOfVoice } from '@earshot/contracts';
import { brandColors } from '../../analytics/brand-colors';
import { ChartFrame, ChartSizeContext } from '../../analytics/components/ChartFrame';
import { formatCount, formatShare, formatShareChange, NO_FIGURE } from '@earshot/contracts';
import { keepFiguresTogether } from '../report-format';

type Row = { brandId: string; name: string; kind: 'own' | 'competitor'; percent: number; label: string };

/**
 * Each brand's share of all the brands' mentions that week: own brands first (blue and green), competitors in
 * warm colours, the share printed at the end of each bar. The counts and last week's shares are in the table.
 */
export function ShareOfVoiceChart({ share, titleId }: { share: ReportShareOfVoice; titleId: string }) {
  const colors = brandColors(share.brands);
  const rows: Row[] = share.brands.map((b) => ({
    brandId: b.brandId,
    // A long name is cut on the axis (the table under the chart has it whole).
    name: `${b.name.length > 18 ? `${b.name.slice(0, 17)}…` : b.name}${b.kind === 'own' ? ' (own)' : ''}`,
    kind: b.kind,
    percent: b.share === null ? 0 : Math.round(b.share * 1000) / 10,
    // A no-break space keeps "41.2 %" on one line at the bar's end.
    label: formatShare(b.share).replace(' ', '\u00A0'),
  }));
  // As high as its brands need, also where the chart's size is fixed (the print view fixes only its width).
  const height = Math.max(64, rows.length * 24 + 28);
  const fixed = useContext(ChartSizeContext);

  function BrandBar(props: BarShapeProps) {
    const row = props.payload as Row;
    return (
      <rect
        className="report-chart__bar"
        data-brand={row.brandId}
        x={props.x}
        y={props.y}
        width={Math.max(0, props.width ?? 0)}
        height={props.height}
        fill={colors.get(row.brandId)}
        aria-hidden="true"
      />
    );
  }

  return (
    <div className="report-chart">
      {rows.length === 0 ? (
        <p className="muted">No brands to compare: add competitors under Settings › Brands & queries.</p>
      ) : (
        <div className="report-chart__plot" role="img" aria-labelledby={titleId} aria-describedby={`${titleId}-summary`}>
          <ChartSizeContext value={fixed ? { width: fixed.width, height } : null}>
            <ChartFrame height={height}>
            <BarChart data={rows} layout="vertical" margin={{ top: 2, right: 52, bottom: 2, left: 4 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e2e5ea" />
              <XAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tick={{ fontSize: 11 }} unit=" %" />
              <YAxis type="category" dataKey="name" width={120} tick={{ fontSize: 11 }} interval={0} />
              <Bar dataKey="percent" isAnimationActive={false} shape={BrandBar} maxBarSize={18}>
                <LabelList dataKey="label" position="right" style={{ fontSize: 11, fill: '#1b2330' }} />
              </Bar>
            </BarChart>
            </ChartFrame>
          </ChartSizeContext>
        </div>
      )}
      <p className="report-chart__summary" id={`${titleId}-summary`}>
        {keepFiguresTogether(share.sentence)}
      </p>
      <table className="visually-hidden">
        <caption>Share of voice</caption>
        <thead>
          <tr>
            <th scope="col">Brand</th>
            <th scope="col">Mentions</th>
            <th scope="col">Share</th>
            <th scope="col">Last week</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {share.brands.map((b) => (
            <tr key={b.brandId}>
              <th scope="row">
                {b.name}
                {b.kind === 'competitor' ? ' (competitor)' : ' (own brand)'}
              </th>
              <td>{formatCount(b.count)}</td>
              <td>{formatShare(b.share)}</td>
              <td>{formatShare(b.previousShare)}</td>
              <td>{formatShareChange(b.share, b.previousShare) ?? NO_FIGURE}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
