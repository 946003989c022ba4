import { useState } from 'react';
import type { SendReportResponse } from '@earshot/contracts';
import { asSentence } from '../../../shared/format/as-sentence';
import { isApiRequestError } from '../../../shared/http';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import * as reportsApi from '../api/reports.api';

/**
 * "Send now": e-mails the report with its PDF to the workspace's recipients, after a confirmation (it goes
 * to leadership). Says who got it and who did not, and why.
 */
export function SendReportPanel({ reportId, onSent }: { reportId: string; onSent(result: SendReportResponse): void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SendReportResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  const send = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const answer = await reportsApi.sendReport(reportId);
      setResult(answer);
      setConfirming(false);
      onSent(answer);
    } catch (e) {
      setError(isApiRequestError(e) ? asSentence(e.message) : 'The report could not be sent. Try again in a moment.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="report-send">
      {confirming ? (
        <div className="confirm" role="group" aria-label="E-mail this report now?">
          <p className="confirm__title">E-mail this report with its PDF to the report recipients now?</p>
          <div className="form__actions">
            <Button variant="primary" size="sm" busy={busy} onClick={() => void send()}>
              Send to recipients
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setConfirming(false)} disabled={busy}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <Button onClick={() => setConfirming(true)}>Send now</Button>
      )}
      {error ? (
        <Alert tone="error" title="Not sent">
          <p>{error}</p>
        </Alert>
      ) : null}
      {result ? (
        <Alert tone={result.failed.length > 0 ? 'error' : 'success'} title={result.sent.length > 0 ? `Sent to ${result.sent.length} recipient(s)` : 'Not sent'}>
          {result.sent.length > 0 ? <p>{result.sent.join(', ')}</p> : null}
          {result.failed.length > 0 ? (
            <ul>
              {result.failed.map((f) => (
                <li key={f.email}>
                  Not sent to {f.email}: {asSentence(f.reason)}
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
    </div>
  );
}
