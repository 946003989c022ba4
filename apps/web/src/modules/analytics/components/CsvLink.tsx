import { CSV_READY, csvHref, reportQuery, type ReportKind } from '../api/analytics.api';

/** Downloads a report's CSV from the api: the same query as the chart, so the same numbers. */
export function CsvLink({ kind, query, title }: { kind: ReportKind; query: URLSearchParams; title: string }) {
  if (!CSV_READY[kind])
    return (
      <button type="button" className="button button--secondary button--sm" disabled title="This server does not export this chart as CSV yet">
        CSV<span className="visually-hidden"> of {title} (not available yet)</span>
      </button>
    );
  return (
    <a className="button button--secondary button--sm" href={csvHref(kind, reportQuery(kind, query))} download data-testid={`csv-${kind}`}>
      CSV<span className="visually-hidden"> of {title}</span>
    </a>
  );
}
