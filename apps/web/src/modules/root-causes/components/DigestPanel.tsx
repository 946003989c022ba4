import { useState } from 'react';
import type { DigestPreview, DigestSendResult } from '@earshot/contracts';
import { asSentence } from '../../../shared/format/as-sentence';
import { isApiRequestError } from '../../../shared/http';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import * as rootCausesApi from '../api/root-causes.api';

const reason = (error: unknown) => (isApiRequestError(error) ? asSentence(error.message) : 'Something went wrong. Try again in a moment.');

/** The weekly owner digest for one owner: read it before it goes out, or send it now. */
export function DigestPanel({ email }: { email: string }) {
  const [preview, setPreview] = useState<DigestPreview | null>(null);
  const [sent, setSent] = useState<DigestSendResult | null>(null);
  const [busy, setBusy] = useState<'preview' | 'send' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (what: 'preview' | 'send') => {
    setBusy(what);
    setError(null);
    setSent(null);
    try {
      if (what === 'preview') setPreview(await rootCausesApi.previewDigest(email));
      else setSent(await rootCausesApi.sendDigest({ email }));
    } catch (e) {
      setError(reason(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="digest-panel">
      <p className="muted">Every Monday the owner gets their categories’ week by e-mail ({email}).</p>
      <div className="form__actions">
        <Button size="sm" busy={busy === 'preview'} disabled={busy !== null} onClick={() => void run('preview')}>
          Preview the digest
        </Button>
        <Button size="sm" busy={busy === 'send'} disabled={busy !== null} onClick={() => void run('send')}>
          Send it now
        </Button>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {sent ? (
        sent.failed.length > 0 ? (
          <Alert tone="error" title="The digest was not sent">
            <ul>
              {sent.failed.map((f) => (
                <li key={f.email}>
                  {f.email}: {asSentence(f.reason)}
                </li>
              ))}
            </ul>
          </Alert>
        ) : (
          <Alert tone="success">The digest was sent to {sent.sent.join(', ') || email}.</Alert>
        )
      ) : null}
      {preview ? (
        <section className="digest-preview" aria-label="Digest preview">
          <p>
            <strong>To:</strong> {preview.to}
            <br />
            <strong>Subject:</strong> {preview.subject}
          </p>
          <pre className="digest-preview__text">{preview.text}</pre>
        </section>
      ) : null}
    </div>
  );
}
