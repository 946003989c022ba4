import { csvHref, reportQuery, type ReportKind } from '../api/analytics.api';

/** Downloads a report's CSV from the api: the same query as the chart, so the same numbers (formula-like cells neutralised there). */
export function CsvLink({ kind, query, title }: { kind: ReportKind; query: URLSearchParams; title: string }) {
  return (
    <a className="button button--secondary button--sm" href={csvHref(kind, reportQuery(kind, query))} download data-testid={`csv-${kind}`}>
      CSV<span className="visually-hidden"> of {title}</span>
    </a>
  );
}
