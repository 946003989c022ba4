import { useId, useState, type FormEvent } from 'react';
import type { RootCauseStatus, SetRootCauseStatusRequest } from '@earshot/contracts';
import { ROOT_CAUSE_STATUSES } from '@earshot/contracts';
import { errorToFormErrors, type FormErrors } from '../../../shared/forms/form-errors';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { TextField } from '../../../shared/ui/TextField';
import { STATUS_LABELS } from '../root-cause-labels';
import { draftFrom, STATUS_FIELD_LABELS, validateStatusDraft, type StatusDraft, type StatusField } from '../status-form';

interface StatusFormProps {
  status: RootCauseStatus;
  today: string;
  /** Sends the change; throws the api's error. */
  onSave(request: SetRootCauseStatusRequest): Promise<void>;
}

/** Set the status: open, investigating, or fix shipped with the day and a note. */
export function StatusForm({ status, today, onSave }: StatusFormProps) {
  const [draft, setDraft] = useState<StatusDraft>(() => draftFrom(status));
  const [errors, setErrors] = useState<FormErrors<StatusField>>({ fields: {}, form: null });
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const noteId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const checked = validateStatusDraft(draft, today);
    if (!checked.ok) return setErrors({ fields: checked.errors, form: null });
    setErrors({ fields: {}, form: null });
    setBusy(true);
    try {
      await onSave(checked.request);
      setSaved(true);
    } catch (error) {
      setErrors(errorToFormErrors(error, STATUS_FIELD_LABELS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form status-form" onSubmit={(event) => void submit(event)} noValidate aria-label="Set the status">
      <fieldset className={['fieldset', errors.fields.status ? 'fieldset--invalid' : ''].filter(Boolean).join(' ')}>
        <legend className="fieldset__legend">Status</legend>
        <div className="status-form__choices">
          {ROOT_CAUSE_STATUSES.map((value) => (
            <label key={value} className="check">
              <input
                className="check__input"
                type="radio"
                name="status"
                value={value}
                checked={draft.status === value}
                onChange={() => setDraft((d) => ({ ...d, status: value }))}
              />
              <span className="check__label">{STATUS_LABELS[value]}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {draft.status === 'fix_shipped' ? (
        <TextField
          label="Fix shipped on"
          type="date"
          max={today}
          value={draft.fixShippedAt}
          required
          error={errors.fields.fixShippedAt}
          onChange={(event) => setDraft((d) => ({ ...d, fixShippedAt: event.target.value }))}
        />
      ) : null}
      <div className={['field', errors.fields.note ? 'field--invalid' : ''].filter(Boolean).join(' ')}>
        <label className="field__label" htmlFor={noteId}>
          Note (optional)
        </label>
        <textarea
          id={noteId}
          className="field__input"
          rows={2}
          maxLength={2000}
          value={draft.note}
          aria-invalid={errors.fields.note ? true : undefined}
          onChange={(event) => setDraft((d) => ({ ...d, note: event.target.value }))}
        />
        {errors.fields.note ? <p className="field__error">{errors.fields.note}</p> : null}
      </div>
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      {saved ? <Alert tone="success">The status was saved.</Alert> : null}
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={busy}>
          Save status
        </Button>
      </div>
    </form>
  );
}
