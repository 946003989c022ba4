import { useNavigate } from 'react-router';
import type { AnalyticsRange, SentimentFilter, VolumeReport } from '@earshot/contracts';
import type { AnalyticsView } from '../analytics-view';
import { bucketText, plural } from '../bucket-labels';
import { drillDownHref } from '../drill-down';
import { formatNet, SENTIMENT_SERIES } from '../sentiment-series';
import { FiguresTable } from './FiguresTable';

export interface BrandSentiment {
  brandId: string;
  name: string;
  report: VolumeReport;
}

/** Sentiment per compared brand over the range: a 100 % bar of each brand's labels, and its net sentiment. */
export function BrandSentimentChart({ brands, view, range }: { brands: readonly BrandSentiment[]; view: AnalyticsView; range: AnalyticsRange }) {
  const navigate = useNavigate();
  const period = bucketText(range.from, range.to, range);
  const href = (brandId: string, sentiment?: SentimentFilter) =>
    drillDownHref(view, range, { start: range.from, end: range.to, brandIds: [brandId], ...(sentiment ? { sentiment } : {}) });
  const summary =
    `Sentiment per brand from ${period}: ` +
    brands.map((b) => `${b.name} ${plural(b.report.totals.total, 'mention')}, net ${formatNet(b.report.totals.netSentiment)}`).join('; ') +
    '.';
  return (
    <>
      <p className="visually-hidden">{summary}</p>
      <ul className="brand-sentiment" aria-label="Sentiment per brand">
        {brands.map((b) => {
          const t = b.report.totals;
          return (
            <li key={b.brandId} className="brand-sentiment__brand">
              <span className="brand-sentiment__name">{b.name}</span>
              <span className="brand-sentiment__bar">
                {t.total === 0 ? (
                  <span className="brand-sentiment__empty">no mentions</span>
                ) : (
                  SENTIMENT_SERIES.filter((s) => t.sentiment[s.key] > 0).map((s) => {
                    const n = t.sentiment[s.key];
                    const label = `${b.name}: ${plural(n, `${s.label.toLowerCase()} mention`)} of ${t.total}`;
                    return (
                      <button
                        key={s.key}
                        type="button"
                        className="brand-sentiment__segment"
                        data-testid="brand-sentiment-segment"
                        data-count={n}
                        style={{ flexGrow: n, background: s.color }}
                        aria-label={`${label} (open them in the inbox)`}
                        title={label}
                        onClick={() => void navigate(href(b.brandId, s.key))}
                      />
                    );
                  })
                )}
              </span>
              <span className="brand-sentiment__net" title="Net sentiment: % positive − % negative">
                net {formatNet(t.netSentiment)}
              </span>
            </li>
          );
        })}
      </ul>
      <p className="analytics-legend" aria-hidden="true">
        {SENTIMENT_SERIES.map((s) => (
          <span key={s.key} className="analytics-legend__key">
            <span className="analytics-legend__swatch" style={{ background: s.color }} />
            {s.label}
          </span>
        ))}
      </p>
      <FiguresTable
        caption="Sentiment per brand"
        rowHeader="Brand"
        columns={['Total', ...SENTIMENT_SERIES.map((s) => s.label), 'Net sentiment']}
        rows={brands.map((b) => ({
          key: b.brandId,
          head: { text: b.name, href: b.report.totals.total > 0 ? href(b.brandId) : null },
          cells: [
            { text: String(b.report.totals.total), href: b.report.totals.total > 0 ? href(b.brandId) : null },
            ...SENTIMENT_SERIES.map((s) => ({
              text: String(b.report.totals.sentiment[s.key]),
              href: b.report.totals.sentiment[s.key] > 0 ? href(b.brandId, s.key) : null,
            })),
            { text: formatNet(b.report.totals.netSentiment), href: null },
          ],
        }))}
      />
    </>
  );
}
