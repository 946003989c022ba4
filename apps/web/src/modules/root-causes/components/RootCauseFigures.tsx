import type { RootCauseRow } from '@earshot/contracts';
import { formatCompactNumber } from '../../../shared/format/format-compact-number';
import { formatShare } from '../root-cause-labels';
import { ChangeIndicator } from './ChangeIndicator';

/** The period's figures: complaints with the change, negative share, authors affected, reach. */
export function RootCauseFigures({ row }: { row: RootCauseRow }) {
  return (
    <dl className="figures">
      <div>
        <dt>Complaints</dt>
        <dd>
          <span className="figures__value">{row.total}</span> <ChangeIndicator change={row.change} previousTotal={row.previousTotal} />
        </dd>
      </div>
      <div>
        <dt>Negative</dt>
        <dd className="figures__value">{formatShare(row.negativeShare)}</dd>
      </div>
      <div>
        <dt>Authors affected</dt>
        <dd className="figures__value">{row.authorsAffected}</dd>
      </div>
      <div>
        <dt>Reach</dt>
        <dd className="figures__value" title={`${row.reach} followers`}>
          {formatCompactNumber(row.reach)}
        </dd>
      </div>
    </dl>
  );
}
