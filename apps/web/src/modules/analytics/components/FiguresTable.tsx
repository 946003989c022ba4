import { Link } from 'react-router';

interface Cell {
  text: string;
  /** The inbox with exactly the mentions this figure counts. */
  href: string | null;
}

interface FiguresTableProps {
  caption: string;
  /** The heading of the rows' own column ("Hour", "Category"). */
  rowHeader: string;
  columns: readonly string[];
  rows: ReadonlyArray<{ key: string; head: Cell; cells: readonly Cell[] }>;
}

const cell = (c: Cell) => (c.href ? <Link to={c.href}>{c.text}</Link> : c.text);

/**
 * A chart's figures as a table, folded under the chart: what a screen reader reads, and the
 * keyboard's way to the same drill-down links as the bars.
 */
export function FiguresTable({ caption, rowHeader, columns, rows }: FiguresTableProps) {
  return (
    <details className="analytics-figures">
      <summary>Figures and links to the mentions</summary>
      <div className="analytics-figures__scroll">
        <table className="analytics-figures__table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{rowHeader}</th>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{cell(row.head)}</th>
                {row.cells.map((c, i) => (
                  <td key={columns[i] ?? i}>{cell(c)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
