import { useCallback, useState, type FormEvent } from 'react';
import type { CreatedShareLink, ShareLink } from '@earshot/contracts';
import { errorToFormErrors, NO_ERRORS, type FormErrors } from '../../../shared/forms/form-errors';
import { asSentence } from '../../../shared/format/as-sentence';
import { formatDateTime } from '../../../shared/format/format-date-time';
import { isApiRequestError } from '../../../shared/http';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { ConfirmAction } from '../../../shared/ui/ConfirmAction';
import { LoadProblem } from '../../../shared/ui/LoadProblem';
import { TextField } from '../../../shared/ui/TextField';
import { categoryLabel } from '../../templates/complaint-categories';
import * as rootCausesApi from '../api/root-causes.api';
import { useAsyncResource } from '../hooks/useAsyncResource';

type LinkField = 'categories' | 'expiresInDays';
const LABELS: Record<LinkField, string> = { categories: 'Categories', expiresInDays: 'Expires after (days)' };

interface ShareLinksPanelProps {
  /** The categories offered, in board order. */
  categories: readonly string[];
  /** Ticked at first (the category open in the detail). */
  initial?: readonly string[];
  timeZone: string;
}

/**
 * Links for owners: they see their categories' board and set the status, nothing else of the
 * desk. The link is shown once (only a hash of it is kept); old links can be revoked.
 */
export function ShareLinksPanel({ categories, initial = [], timeZone }: ShareLinksPanelProps) {
  const load = useCallback((signal: AbortSignal) => rootCausesApi.listShareLinks(signal), []);
  const { state, reload } = useAsyncResource(load, 'The share links could not be loaded.');
  const [picked, setPicked] = useState<string[]>([...initial]);
  const [days, setDays] = useState('14');
  const [errors, setErrors] = useState<FormErrors<LinkField>>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedShareLink | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const [revokeBusy, setRevokeBusy] = useState(false);
  const [revokeError, setRevokeError] = useState<string | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    setCopied(null);
    if (picked.length === 0) return setErrors({ fields: { categories: 'Pick at least one category.' }, form: null });
    setErrors(NO_ERRORS);
    setBusy(true);
    try {
      setCreated(await rootCausesApi.createShareLink({ categories: picked, expiresInDays: Number(days) }));
      reload(true);
    } catch (error) {
      setErrors(errorToFormErrors(error, LABELS));
    } finally {
      setBusy(false);
    }
  };

  const url = created ? new URL(created.path, window.location.origin).toString() : '';
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('The link was copied.');
    } catch {
      setCopied('Copying is not allowed here: select the link and copy it yourself.');
    }
  };

  const loadState = state.status === 'ready' ? { status: 'ready' as const } : state;
  const links: ShareLink[] = state.status === 'ready' ? state.data : [];
  const options = [...new Set([...categories, ...initial])];

  return (
    <div className="share-links">
      <form className="form" onSubmit={(event) => void create(event)} noValidate aria-label="New share link">
        <fieldset className={['fieldset', errors.fields.categories ? 'fieldset--invalid' : ''].filter(Boolean).join(' ')}>
          <legend className="fieldset__legend">{LABELS.categories}</legend>
          <div className="share-links__choices">
            {options.map((c) => (
              <label key={c} className="check">
                <input
                  className="check__input"
                  type="checkbox"
                  checked={picked.includes(c)}
                  onChange={(event) => setPicked((p) => (event.target.checked ? [...p, c] : p.filter((x) => x !== c)))}
                />
                <span className="check__label">{categoryLabel(c)}</span>
              </label>
            ))}
          </div>
          {errors.fields.categories ? <p className="field__error">{errors.fields.categories}</p> : null}
        </fieldset>
        <TextField
          label={LABELS.expiresInDays}
          type="number"
          min={1}
          max={90}
          value={days}
          hint="1 to 90 days."
          error={errors.fields.expiresInDays}
          onChange={(e) => setDays(e.target.value)}
        />
        {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={busy}>
            Create share link
          </Button>
        </div>
      </form>
      {created ? (
        <Alert tone="success" title="Copy the link now: it is shown only this once">
          <p className="share-links__url">
            <input className="field__input" readOnly value={url} aria-label="Share link" onFocus={(e) => e.target.select()} />
            <Button size="sm" onClick={() => void copy()}>
              Copy link
            </Button>
          </p>
          {copied ? <p>{copied}</p> : null}
          <p>
            For {created.categories.map(categoryLabel).join(', ')}; expires {formatDateTime(created.expiresAt, timeZone)}.
          </p>
        </Alert>
      ) : null}
      <LoadProblem state={loadState} loadingLabel="Loading share links…" errorTitle="The share links could not be loaded" onRetry={() => reload()} />
      {revokeError ? <Alert tone="error">{revokeError}</Alert> : null}
      {state.status === 'ready' && links.length === 0 ? <p className="muted">No share links yet.</p> : null}
      {links.length > 0 ? (
        <ul className="share-links__list" aria-label="Share links">
          {links.map((link) => (
            <li key={link.id} className="share-link">
              <p>
                <strong>{link.categories.map(categoryLabel).join(', ')}</strong> ·{' '}
                {link.revokedAt
                  ? `revoked ${formatDateTime(link.revokedAt, timeZone)}`
                  : link.active
                    ? `expires ${formatDateTime(link.expiresAt, timeZone)}`
                    : `expired ${formatDateTime(link.expiresAt, timeZone)}`}
                {link.createdBy ? ` · by ${link.createdBy.name}` : ''}
              </p>
              {link.active ? (
                revoking === link.id ? (
                  <ConfirmAction
                    title="Revoke this link?"
                    confirmLabel="Revoke"
                    busy={revokeBusy}
                    onCancel={() => setRevoking(null)}
                    onConfirm={async () => {
                      setRevokeBusy(true);
                      setRevokeError(null);
                      try {
                        await rootCausesApi.revokeShareLink(link.id);
                        setRevoking(null);
                        reload(true);
                      } catch (error) {
                        setRevokeError(isApiRequestError(error) ? asSentence(error.message) : 'The link could not be revoked.');
                      } finally {
                        setRevokeBusy(false);
                      }
                    }}
                  >
                    <p>The owner can no longer open the board with it.</p>
                  </ConfirmAction>
                ) : (
                  <Button size="sm" variant="ghost" onClick={() => setRevoking(link.id)}>
                    Revoke…
                  </Button>
                )
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
