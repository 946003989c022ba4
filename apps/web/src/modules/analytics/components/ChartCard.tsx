import { useId, type ReactNode } from 'react';
import { Alert } from '../../../shared/ui/Alert';
import { LoadingIndicator } from '../../../shared/ui/LoadingIndicator';
import type { ReportState } from '../hooks/useReport';

interface ChartCardProps<T> {
  /** `chart-<id>` is the card's test id. */
  id: string;
  title: string;
  description: string;
  /** The CSV export of the same figures (CsvLink, CsvDownload). */
  csv: ReactNode;
  state: ReportState<T>;
  wide?: boolean;
  children(data: T): ReactNode;
}

/** One chart of the page: its title, what it counts, a CSV of the same figures, and the chart once loaded. */
export function ChartCard<T>({ id, title, description, csv, state, wide = false, children }: ChartCardProps<T>) {
  const htmlId = useId();
  return (
    <section className={`panel analytics-card${wide ? ' analytics-card--wide' : ''}`} aria-labelledby={`${htmlId}-title`} data-testid={`chart-${id}`}>
      <header className="analytics-card__head">
        <div>
          <h2 className="analytics-card__title" id={`${htmlId}-title`}>
            {title}
          </h2>
          <p className="analytics-card__description">{description}</p>
        </div>
        {csv}
      </header>
      {state.status === 'loading' ? (
        <div className="analytics-card__loading">
          <LoadingIndicator label={`Loading ${title.toLowerCase()}…`} />
        </div>
      ) : state.status === 'error' ? (
        <Alert tone="error" title={`${title} could not be loaded`}>
          {state.statusCode === 404 ? 'This server does not provide these figures yet.' : state.message}
        </Alert>
      ) : (
        children(state.data)
      )}
    </section>
  );
}
