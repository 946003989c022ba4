import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button } from '../../../shared/ui/Button';
import { LoadProblem } from '../../../shared/ui/LoadProblem';
import { reportPdfHref } from '../api/reports.api';
import { useReportDetail } from '../hooks/useReports';
import { ReportDocument } from './ReportDocument';
// The module's own styles, print rules included (this page renders outside the app's layout).
import '../reports.css';

/** The sheet's printable height in CSS pixels: A4 (297 mm) less the 10 mm margins the sheet pads itself with. */
const PRINTABLE_HEIGHT_PX = ((297 - 2 * 10) * 96) / 25.4;

/**
 * Scales the sheet's content down (CSS zoom) until it fits one A4 page. The sheet is laid out on screen exactly as
 * it prints (210 mm wide, the same fonts), so what fits here fits on paper. Text reflows when zoomed, so the
 * largest factor that fits is searched for (a few layouts, once per report).
 */
function useFitToPage(ready: boolean) {
  const content = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState(1);
  useLayoutEffect(() => {
    const el = content.current;
    if (!ready || !el) return;
    const fits = (z: number) => {
      el.style.setProperty('zoom', String(z));
      return el.getBoundingClientRect().height <= PRINTABLE_HEIGHT_PX;
    };
    let best = 1;
    if (!fits(1)) {
      // Nothing lays out in jsdom (height 0): there everything fits at 1.
      let low = 0.4;
      let high = 1;
      for (let round = 0; round < 7; round += 1) {
        const mid = (low + high) / 2;
        if (fits(mid)) low = mid;
        else high = mid;
      }
      best = Math.floor(low * 100) / 100;
      fits(best);
    }
    setZoom(best);
  }, [ready]);
  return { content, zoom };
}

/**
 * `/reports/:id/print`: the report as one A4 page for the browser's print dialog ("Save as PDF" works too), with
 * no app chrome. The toolbar with the Print button is on screen only. Every role that reads reports may open it.
 */
export function ReportPrintPage() {
  const id = useParams().id ?? '';
  const { state, reload } = useReportDetail(id);
  const ready = state.status === 'ready';
  const { content, zoom } = useFitToPage(ready);
  const title = ready ? `Weekly report ${state.data.snapshot.week.label} – ${state.data.snapshot.workspace.name}` : null;

  useEffect(() => {
    if (!title) return;
    // The print dialog offers the page title as the PDF's file name.
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);

  return (
    <div className="report-print">
      <div className="report-print__toolbar" role="group" aria-label="Print view actions">
        <Link to={`/reports/${encodeURIComponent(id)}`}>← Back to the report</Link>
        <span className="report-print__hint">A4, one page. Choose “Save as PDF” in the print dialog for a file, or download the server’s PDF.</span>
        <a className="button button--secondary button--sm" href={reportPdfHref(id)} download>
          Download PDF
        </a>
        <Button variant="primary" size="sm" onClick={() => window.print()} disabled={!ready}>
          Print
        </Button>
      </div>
      {ready ? null : (
        <div className="report-print__status">
          <LoadProblem state={state.status === 'error' ? state : { status: 'loading' }} loadingLabel="Loading the report…" errorTitle="The report could not be loaded" onRetry={() => reload()} />
        </div>
      )}
      {ready ? (
        <main className="report-sheet" data-testid="report-sheet" data-zoom={zoom}>
          <div className="report-sheet__content" ref={content}>
            <header className="report-sheet__header">
              <p className="report-sheet__eyebrow">Weekly reputation report · {state.data.snapshot.workspace.name}</p>
              <h1 className="report-sheet__title">{state.data.snapshot.week.label}</h1>
            </header>
            <ReportDocument snapshot={state.data.snapshot} variant="print" />
          </div>
        </main>
      ) : null}
    </div>
  );
}
