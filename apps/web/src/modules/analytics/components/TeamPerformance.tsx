import type { DurationFigures, TeamFigures, TeamReport } from '@earshot/contracts';
import { formatShare } from '../sentiment-series';

/** 42.5 → "42.5 min"; 130 → "2 h 10 min"; 3000 → "2 d 2 h"; null → "–". */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '–';
  if (minutes < 60) return `${Math.round(minutes * 10) / 10} min`;
  const h = Math.floor(minutes / 60);
  if (h < 48) return `${h} h ${Math.round(minutes - h * 60)} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

const duration = (d: DurationFigures) => `${formatMinutes(d.medianMinutes)} (p90 ${formatMinutes(d.p90Minutes)})`;

function tiles(f: TeamFigures): Array<{ label: string; value: string; note: string }> {
  const r = f.sentimentRecovery;
  return [
    {
      label: 'First response, median',
      value: formatMinutes(f.firstResponse.medianMinutes),
      note: `p90 ${formatMinutes(f.firstResponse.p90Minutes)} · ${f.firstResponse.count} answered`,
    },
    {
      label: 'Resolution, median',
      value: formatMinutes(f.resolution.medianMinutes),
      note: `p90 ${formatMinutes(f.resolution.p90Minutes)} · ${f.resolution.count} resolved`,
    },
    { label: 'SLA met', value: formatShare(f.slaAttainment), note: 'first response within the target' },
    { label: 'Complaints answered', value: formatShare(f.responseRate), note: 'with a public reply' },
    { label: 'Reopened', value: formatShare(f.reopenRate), note: 'of the mentions resolved' },
    { label: 'Replies sent', value: f.repliesSent.toLocaleString('en-GB'), note: 'public replies' },
    {
      label: 'Sentiment recovered',
      value: formatShare(r.share),
      note: r.authors === 0 ? 'no author to compare yet' : `${r.improved} of ${r.authors} authors friendlier after our reply`,
    },
  ];
}

/** The team's response figures for the mentions posted in the range, and each person's (managers see everyone, agents themselves). */
export function TeamPerformance({ report }: { report: TeamReport }) {
  return (
    <>
      <dl className="team-tiles">
        {tiles(report.team).map((t) => (
          <div key={t.label} className="team-tiles__tile">
            <dt className="team-tiles__label">{t.label}</dt>
            <dd className="team-tiles__value">{t.value}</dd>
            <dd className="team-tiles__note">{t.note}</dd>
          </div>
        ))}
      </dl>
      {report.agents.length > 0 ? (
        <div className="analytics-figures__scroll">
          <table className="team-table">
            <caption className="visually-hidden">Per person</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">First response (median, p90)</th>
                <th scope="col">Resolution (median, p90)</th>
                <th scope="col">SLA met</th>
                <th scope="col">Complaints answered</th>
                <th scope="col">Reopened</th>
                <th scope="col">Replies sent</th>
              </tr>
            </thead>
            <tbody>
              {report.agents.map((a) => (
                <tr key={a.userId}>
                  <th scope="row">{a.name}</th>
                  <td>{duration(a.firstResponse)}</td>
                  <td>{duration(a.resolution)}</td>
                  <td>{formatShare(a.slaAttainment)}</td>
                  <td>{formatShare(a.responseRate)}</td>
                  <td>{formatShare(a.reopenRate)}</td>
                  <td>{a.repliesSent}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
