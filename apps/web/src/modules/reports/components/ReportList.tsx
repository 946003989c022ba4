import { Link } from 'react-router';
import { formatDateTime as formatStamp, type ReportListItem } from '@earshot/contracts';
import { DirectionMarker } from './DirectionMarker';

/** The weeks, newest first: each its label, direction and headline, linking to the report. */
export function ReportList({ items, timeZone }: { items: readonly ReportListItem[]; timeZone: string }) {
  return (
    <ol className="report-list" aria-label="Weekly reports, newest first">
      {items.map((r) => (
        <li key={r.id} className="report-list__item" data-testid="report-week">
          <DirectionMarker direction={r.direction} />
          <div className="report-list__text">
            <Link className="report-list__link" to={`/reports/${r.id}`}>
              {r.label}
            </Link>
            <p className="report-list__headline">{r.headline}</p>
          </div>
          <p className="report-list__meta">
            {r.emailedAt ? `E-mailed ${formatStamp(r.emailedAt, timeZone)}` : `Built ${formatStamp(r.generatedAt, timeZone)}`}
          </p>
        </li>
      ))}
    </ol>
  );
}
