import { useCallback, useState, type FormEvent } from 'react';
import type { CategoryOwner } from '@earshot/contracts';
import { useFormSubmit } from '../../../shared/forms/useFormSubmit';
import { asSentence } from '../../../shared/format/as-sentence';
import { isApiRequestError } from '../../../shared/http';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { ConfirmAction } from '../../../shared/ui/ConfirmAction';
import { LoadProblem } from '../../../shared/ui/LoadProblem';
import { TextField } from '../../../shared/ui/TextField';
import * as rootCausesApi from '../api/root-causes.api';
import { useAsyncResource } from '../hooks/useAsyncResource';

type OwnerField = 'department' | 'email' | 'webhookUrl';
const LABELS: Record<OwnerField, string> = { department: 'Department', email: 'Contact e-mail', webhookUrl: 'Webhook URL' };

interface OwnerEditorProps {
  category: string;
  categoryName: string;
  /** Called after a change, so the page can show the new owner. */
  onChanged(): void;
}

/** The department that owns a category: name, contact e-mail, optional webhook (told of every status change). */
export function OwnerEditor({ category, categoryName, onChanged }: OwnerEditorProps) {
  const load = useCallback((signal: AbortSignal) => rootCausesApi.listOwners(signal), []);
  const { state, reload } = useAsyncResource(load, 'The owners could not be loaded.');
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);
  const owner = state.status === 'ready' ? (state.data.find((o) => o.category === category) ?? null) : null;

  const loadState = state.status === 'ready' ? { status: 'ready' as const } : state;
  return (
    <div className="owner-editor">
      <LoadProblem state={loadState} loadingLabel="Loading the owner…" errorTitle="The owner could not be loaded" onRetry={() => reload()} />
      {state.status === 'ready' && !editing ? (
        <>
          {owner ? (
            <dl className="details">
              <div>
                <dt>Department</dt>
                <dd>{owner.department}</dd>
              </div>
              <div>
                <dt>Contact e-mail</dt>
                <dd>{owner.email}</dd>
              </div>
              <div>
                <dt>Webhook</dt>
                <dd>{owner.webhookUrl ?? <span className="muted">none</span>}</dd>
              </div>
            </dl>
          ) : (
            <p className="muted">No department owns {categoryName} yet. Name one, so someone removes the cause.</p>
          )}
          {removeError ? <Alert tone="error">{removeError}</Alert> : null}
          {removing && owner ? (
            <ConfirmAction
              title={`Remove ${owner.department} as the owner of ${categoryName}?`}
              confirmLabel="Remove owner"
              busy={removeBusy}
              onCancel={() => setRemoving(false)}
              onConfirm={async () => {
                setRemoveBusy(true);
                setRemoveError(null);
                try {
                  await rootCausesApi.deleteOwner(category);
                  setRemoving(false);
                  reload(true);
                  onChanged();
                } catch (error) {
                  setRemoveError(isApiRequestError(error) ? asSentence(error.message) : 'The owner could not be removed.');
                } finally {
                  setRemoveBusy(false);
                }
              }}
            />
          ) : (
            <div className="form__actions">
              <Button size="sm" onClick={() => setEditing(true)}>
                {owner ? 'Edit owner' : 'Set owner'}
              </Button>
              {owner ? (
                <Button size="sm" variant="ghost" onClick={() => setRemoving(true)}>
                  Remove owner…
                </Button>
              ) : null}
            </div>
          )}
        </>
      ) : null}
      {state.status === 'ready' && editing ? (
        <OwnerForm
          category={category}
          owner={owner}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            reload(true);
            onChanged();
          }}
        />
      ) : null}
    </div>
  );
}

function OwnerForm({ category, owner, onCancel, onSaved }: { category: string; owner: CategoryOwner | null; onCancel(): void; onSaved(): void }) {
  const [department, setDepartment] = useState(owner?.department ?? '');
  const [email, setEmail] = useState(owner?.email ?? '');
  const [webhookUrl, setWebhookUrl] = useState(owner?.webhookUrl ?? '');
  const { errors, busy, submit } = useFormSubmit<OwnerField>();

  const save = (event: FormEvent) => {
    event.preventDefault();
    void submit(() => rootCausesApi.putOwner(category, { department, email, webhookUrl: webhookUrl.trim() ? webhookUrl : null }), onSaved, LABELS);
  };

  return (
    <form className="form" onSubmit={save} noValidate aria-label="Owner">
      <TextField
        label={LABELS.department}
        value={department}
        required
        maxLength={120}
        error={errors.fields.department}
        onChange={(e) => setDepartment(e.target.value)}
      />
      <TextField label={LABELS.email} type="email" value={email} required error={errors.fields.email} onChange={(e) => setEmail(e.target.value)} />
      <TextField
        label={LABELS.webhookUrl}
        type="url"
        value={webhookUrl}
        hint="Optional. An https address told of every status change (JSON, with an X-Earshot-Delivery id)."
        error={errors.fields.webhookUrl}
        onChange={(e) => setWebhookUrl(e.target.value)}
      />
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={busy}>
          Save owner
        </Button>
        <Button variant="ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
