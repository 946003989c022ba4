import { useEffect, useState, type FormEvent } from 'react';
import { SlaTargetsSchema, toFieldIssues, URGENCY_LEVELS, type SlaTargets, type UrgencyLevel } from '@earshot/contracts';
import { issuesToFormErrors } from '../../../shared/forms/form-errors';
import { useFormSubmit } from '../../../shared/forms/useFormSubmit';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { TextField } from '../../../shared/ui/TextField';
import { getSlaTargets, putSlaTargets } from '../api/sla.api';

const LABELS: Record<UrgencyLevel, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

/** Minutes to respond per urgency level; open mentions get new due times when they change. */
export function SlaTargetsForm({ canEdit }: { canEdit: boolean }) {
  const [saved, setSaved] = useState<SlaTargets | null>(null);
  const [draft, setDraft] = useState<Record<UrgencyLevel, string>>({ critical: '', high: '', medium: '', low: '' });
  const [loadError, setLoadError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const { errors, setErrors, busy, submit } = useFormSubmit<UrgencyLevel>();

  useEffect(() => {
    const controller = new AbortController();
    getSlaTargets(controller.signal).then(
      (t) => {
        setSaved(t);
        setDraft({ critical: String(t.critical), high: String(t.high), medium: String(t.medium), low: String(t.low) });
      },
      () => {
        if (!controller.signal.aborted) setLoadError('The SLA targets could not be loaded.');
      },
    );
    return () => controller.abort();
  }, []);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    const candidate = Object.fromEntries(URGENCY_LEVELS.map((l) => [l, draft[l].trim() === '' ? Number.NaN : Number(draft[l])]));
    const checked = SlaTargetsSchema.safeParse(candidate);
    if (!checked.success) {
      setErrors(issuesToFormErrors(toFieldIssues(checked.error), LABELS));
      return;
    }
    await submit(
      () => putSlaTargets(checked.data),
      (t) => {
        setSaved(t);
        setDone(true);
      },
      LABELS,
    );
  }

  return (
    <form className="panel form" noValidate aria-label="SLA targets" onSubmit={(e) => void handleSubmit(e)}>
      <h2 className="panel__title">SLA targets</h2>
      <p className="panel__note">
        Minutes to respond, by urgency. A mention’s due time is counted from when Earshot received it; late ones are flagged in the inbox.
      </p>
      {loadError ? <Alert tone="error">{loadError}</Alert> : null}
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      {done ? <Alert tone="success">Saved. Open mentions now have due times under these targets.</Alert> : null}
      <div className="form__grid">
        {URGENCY_LEVELS.map((level) => (
          <TextField
            key={level}
            label={`${LABELS[level]} (minutes)`}
            name={level}
            type="number"
            inputMode="numeric"
            min={1}
            max={43200}
            disabled={!canEdit || saved === null}
            value={draft[level]}
            onChange={(e) => setDraft({ ...draft, [level]: e.target.value })}
            error={errors.fields[level]}
          />
        ))}
      </div>
      {canEdit ? (
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={busy} disabled={saved === null}>
            {busy ? 'Saving…' : 'Save SLA targets'}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
