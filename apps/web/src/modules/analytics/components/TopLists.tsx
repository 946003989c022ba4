import type { TopReport } from '@earshot/contracts';
import { formatCompactNumber } from '../../../shared/format/format-compact-number';
import { PLATFORM_INFO } from '../../sources/source-platforms';

function Ranked({ title, rows }: { title: string; rows: ReadonlyArray<{ key: string; label: string; count: number; note?: string }> }) {
  const largest = Math.max(1, ...rows.map((r) => r.count));
  return (
    <div className="top-list">
      <h3 className="top-list__title">{title}</h3>
      {rows.length === 0 ? (
        <p className="analytics-card__none">None in this period.</p>
      ) : (
        <table className="top-list__table">
          <caption className="visually-hidden">{title}</caption>
          <thead className="visually-hidden">
            <tr>
              <th scope="col">{title}</th>
              <th scope="col">Mentions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row" className="top-list__label">
                  <span className="top-list__bar" aria-hidden="true" style={{ width: `${(r.count / largest) * 100}%` }} />
                  <span className="top-list__text">{r.label}</span>
                  {r.note ? <span className="top-list__note">{r.note}</span> : null}
                </th>
                <td className="top-list__count">{r.count.toLocaleString('en-GB')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** The period's most frequent words and hashtags, and its authors by reach. */
export function TopLists({ report }: { report: TopReport }) {
  const { basis } = report;
  return (
    <>
      <div className="top-lists">
        <Ranked title="Terms" rows={report.terms.map((t) => ({ key: t.term, label: t.term, count: t.count }))} />
        <Ranked title="Hashtags" rows={report.hashtags.map((h) => ({ key: h.tag, label: `#${h.tag}`, count: h.count }))} />
        <Ranked
          title="Authors by reach"
          rows={report.authors.map((a) => ({
            key: a.authorId,
            label: a.displayName ? `${a.displayName} (@${a.handle})` : `@${a.handle}`,
            count: a.mentions,
            note: `${formatCompactNumber(a.reach)} followers · ${PLATFORM_INFO[a.platform].label}`,
          }))}
        />
      </div>
      <p className="analytics-card__note">
        {basis.sampled < basis.mentions
          ? `Terms and hashtags from the latest ${basis.sampled.toLocaleString('en-GB')} of ${basis.mentions.toLocaleString('en-GB')} mentions; authors from all of them.`
          : `From ${basis.mentions.toLocaleString('en-GB')} mentions.`}
      </p>
    </>
  );
}
