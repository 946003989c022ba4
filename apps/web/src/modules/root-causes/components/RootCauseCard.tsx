import { Link } from 'react-router';
import type { RootCauseBoardQuery, RootCauseRow } from '@earshot/contracts';
import { categoryLabel } from '../../templates/complaint-categories';
import { useRootCauseDetail } from '../hooks/useRootCauseBoard';
import { DailyChart } from './DailyChart';
import { FixOutcomeSummary } from './FixOutcomeSummary';
import { RootCauseFigures } from './RootCauseFigures';
import { StatusBadge } from './StatusBadge';

/** The board's row has no fix outcome; for a category with a shipped fix the card reads its detail. */
function FixOutcomeLoader({ category, query }: { category: string; query: RootCauseBoardQuery }) {
  const { state } = useRootCauseDetail(category, query);
  if (state.status === 'loading') return <p className="muted">Measuring the fix…</p>;
  if (state.status === 'error') return <p className="muted">The fix’s outcome could not be loaded.</p>;
  return state.data.fix ? <FixOutcomeSummary fix={state.data.fix} compact /> : null;
}

interface RootCauseCardProps {
  row: RootCauseRow;
  /** Where the category's detail opens (keeps the period). */
  href: string;
  query: RootCauseBoardQuery;
}

/** One category on the board: who owns it, its status, the period's figures and days. */
export function RootCauseCard({ row, href, query }: RootCauseCardProps) {
  const label = categoryLabel(row.category);
  return (
    <li className="root-cause" data-testid="root-cause" data-category={row.category}>
      <div className="root-cause__head">
        <h2 className="root-cause__title">
          <Link to={href}>{label}</Link>
        </h2>
        <StatusBadge status={row.status} />
        <span className="root-cause__owner">{row.owner ? row.owner.department : <span className="muted">No owner yet</span>}</span>
      </div>
      <div className="root-cause__body">
        <RootCauseFigures row={row} />
        <DailyChart label={label} days={row.series} fixDate={row.status.status === 'fix_shipped' ? row.status.fixShippedAt : null} />
      </div>
      {row.status.status === 'fix_shipped' ? <FixOutcomeLoader category={row.category} query={query} /> : null}
    </li>
  );
}
