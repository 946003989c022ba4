import { Link } from 'react-router';
import { formatDateTime as formatStamp, type Report } from '@earshot/contracts';
import { LoadProblem } from '../../../shared/ui/LoadProblem';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { reportPdfHref } from '../api/reports.api';
import { useReportDetail } from '../hooks/useReports';
import { ReportDocument } from './ReportDocument';
import { SendReportPanel } from './SendReportPanel';

function emailState(report: Report): string {
  const zone = report.snapshot.workspace.timeZone;
  const built = `${report.generatedBy === null ? 'Built by the weekly schedule' : 'Built on request'} ${formatStamp(report.generatedAt, zone)}`;
  return `${built} · ${report.emailedAt ? `e-mailed ${formatStamp(report.emailedAt, zone)}` : 'not e-mailed yet'}`;
}

/** `/reports/:id`: one week's report as it was generated, with its PDF, a print view and (managers) Send now. */
export function ReportView({ id, canSend }: { id: string; canSend: boolean }) {
  const { state, reload } = useReportDetail(id);

  return (
    <div className="page page--report">
      <p className="report-back">
        <Link to="/reports">← All weeks</Link>
      </p>
      <LoadProblem
        state={state.status === 'ready' ? { status: 'ready' } : state}
        loadingLabel="Loading the report…"
        errorTitle="The report could not be loaded"
        onRetry={() => reload()}
      />
      {state.status === 'ready' ? (
        <>
          <PageHeader
            title={`Week of ${state.data.snapshot.week.label}`}
            description={`${state.data.snapshot.workspace.name} · weekly reputation report · ${emailState(state.data)}`}
          />
          <div className="report-actions" role="group" aria-label="Report actions">
            <a className="button button--secondary" href={reportPdfHref(id)} download>
              Download PDF
            </a>
            <Link className="button button--secondary" to={`/reports/${id}/print`}>
              Print view
            </Link>
            {canSend ? <SendReportPanel reportId={id} onSent={() => reload(true)} /> : null}
          </div>
          <ReportDocument snapshot={state.data.snapshot} />
        </>
      ) : null}
    </div>
  );
}
