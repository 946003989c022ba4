import {
  ReportListSchema,
  ReportRecipientListSchema,
  ReportRecipientSchema,
  ReportSchema,
  SendReportResponseSchema,
  WorkspaceSchema,
  type CreateReportRecipientRequest,
  type Report,
  type ReportListItem,
  type ReportRecipient,
  type SendReportResponse,
  type Workspace,
} from '@earshot/contracts';
import { http } from '../../../shared/http';

const enc = encodeURIComponent;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

/** The workspace's weekly reports, newest week first (every role). */
export async function listReports(signal?: AbortSignal): Promise<ReportListItem[]> {
  return (await http.get('/api/reports', ReportListSchema, withSignal(signal))).items;
}

/** One report: its stored snapshot, exactly as generated (every role). */
export function getReport(id: string, signal?: AbortSignal): Promise<Report> {
  return http.get(`/api/reports/${enc(id)}`, ReportSchema, withSignal(signal));
}

/** Builds one complete week, or rebuilds it when it exists (managers). `weekStart`: the local date the week starts. */
export function buildWeeklyReport(weekStart: string): Promise<Report> {
  return http.post('/api/reports/weekly', { weekStart }, ReportSchema);
}

/** E-mails the report with its PDF to the recipients now (managers). */
export function sendReport(id: string): Promise<SendReportResponse> {
  return http.post(`/api/reports/${enc(id)}/send`, {}, SendReportResponseSchema);
}

/** The PDF's address: a plain link downloads it with the session cookie (the api names the file). */
export function reportPdfHref(id: string): string {
  return `/api/reports/${enc(id)}/pdf`;
}

// ---- Settings › Reports ----

export async function listRecipients(signal?: AbortSignal): Promise<ReportRecipient[]> {
  return (await http.get('/api/report-recipients', ReportRecipientListSchema, withSignal(signal))).items;
}

export function addRecipient(body: CreateReportRecipientRequest): Promise<ReportRecipient> {
  return http.post('/api/report-recipients', body, ReportRecipientSchema);
}

export function removeRecipient(id: string): Promise<void> {
  return http.send('DELETE', `/api/report-recipients/${enc(id)}`);
}

/** The report week's first day (0 = Sunday … 6 = Saturday), admins and managers. */
export function setReportWeekStart(reportWeekStart: number): Promise<Workspace> {
  return http.patch('/api/workspace', { reportWeekStart }, WorkspaceSchema);
}
