import { useState, type FormEvent } from 'react';
import { toFieldIssues, UpdateSourceRequestSchema, type Source, type UpdateSourceRequest } from '@earshot/contracts';
import { useFormSubmit } from '../../../shared/forms/useFormSubmit';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { CheckboxField } from '../../../shared/ui/CheckboxField';
import { TextField } from '../../../shared/ui/TextField';
import { issuesToFormErrors, type FormErrors } from '../../../shared/forms/form-errors';
import { credentialLabel, PLATFORM_INFO, streamOf } from '../source-platforms';
import { parsePollInterval, SOURCE_LABELS, type SourceField } from '../source-form-fields';
import { CredentialInputs, credentialsFor } from './CredentialInputs';
import { StreamQueryInput, streamQueryError } from './StreamQueryInput';

interface EditSourceFormProps {
  source: Source;
  onSave(change: UpdateSourceRequest): Promise<Source>;
  /** Called after a save (with the saved source) or a cancel (with null). */
  onDone(saved: Source | null): void;
}

/** Changes a source. Only what changed is sent; credentials only when the admin chose to replace them. */
export function EditSourceForm({ source, onSave, onDone }: EditSourceFormProps) {
  const info = PLATFORM_INFO[source.platform];
  const stream = streamOf(source.platform, source.streamKind);
  const [name, setName] = useState(source.name);
  const [baseUrl, setBaseUrl] = useState(source.baseUrl);
  const [streamQuery, setStreamQuery] = useState(source.streamQuery ?? '');
  const [pollInterval, setPollInterval] = useState(String(source.pollIntervalSeconds));
  const [enabled, setEnabled] = useState(source.enabled);
  const [replacing, setReplacing] = useState(false);
  const [credentials, setCredentials] = useState<Record<string, string>>({});
  const { errors, setErrors, busy: saving, submit } = useFormSubmit<SourceField>();
  const labels = { ...SOURCE_LABELS, streamQuery: stream?.query?.label ?? SOURCE_LABELS.streamQuery };
  const formLabel = `Edit ${source.name}`;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const interval = parsePollInterval(pollInterval);
    const query = streamQuery.trim();
    const newCredentials = credentialsFor(source.platform, credentials);
    const early: FormErrors<SourceField>['fields'] = {};
    if ('error' in interval) early.pollIntervalSeconds = interval.error;
    const queryError = streamQueryError(stream, query);
    if (queryError) early.streamQuery = queryError;
    if (replacing && Object.keys(newCredentials).length === 0) early.credentials = 'Fill in the new credentials, or keep the stored ones';
    if (Object.keys(early).length > 0) {
      setErrors({ fields: early, form: null });
      return;
    }

    const change: UpdateSourceRequest = {};
    if (name.trim() !== source.name) change.name = name;
    if (baseUrl.trim() !== source.baseUrl) change.baseUrl = baseUrl.trim();
    if (stream?.query && query !== (source.streamQuery ?? '')) change.streamQuery = query;
    if ('seconds' in interval && interval.seconds !== source.pollIntervalSeconds) change.pollIntervalSeconds = interval.seconds;
    if (enabled !== source.enabled) change.enabled = enabled;
    if (replacing) change.credentials = newCredentials;
    if (Object.keys(change).length === 0) {
      onDone(null);
      return;
    }
    const checked = UpdateSourceRequestSchema.safeParse(change);
    if (!checked.success) {
      setErrors(issuesToFormErrors(toFieldIssues(checked.error), labels));
      return;
    }

    await submit(() => onSave(change), onDone, labels);
  }

  const stored = source.credentialFields.map((field) => credentialLabel(source.platform, field));

  return (
    <form className="form source-edit" noValidate onSubmit={(event) => void handleSubmit(event)} aria-label={formLabel}>
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <div className="form__grid">
        <TextField label={labels.name} name="name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} />
        <TextField
          label={labels.baseUrl}
          name="baseUrl"
          type="url"
          autoComplete="off"
          spellCheck={false}
          placeholder={info.defaultBaseUrl}
          hint={info.baseUrlHint}
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
          error={errors.fields.baseUrl}
        />
        <StreamQueryInput stream={stream} value={streamQuery} onChange={setStreamQuery} error={errors.fields.streamQuery} />
        <TextField
          label={`${labels.pollIntervalSeconds} (seconds)`}
          name="pollIntervalSeconds"
          type="number"
          inputMode="numeric"
          min={5}
          max={86_400}
          value={pollInterval}
          onChange={(e) => setPollInterval(e.target.value)}
          error={errors.fields.pollIntervalSeconds}
        />
      </div>
      <CheckboxField
        asSwitch
        label="Enabled"
        hint={enabled ? 'Polled on schedule.' : 'Not polled until enabled again. Mentions already collected stay.'}
        checked={enabled}
        onChange={(e) => setEnabled(e.target.checked)}
      />
      {info.credentials.length > 0 ? (
        <div className="credentials">
          <p className="credentials__stored">
            <span className="credentials__label">Stored credentials:</span>{' '}
            {stored.length > 0 ? (
              stored.map((label) => (
                <span key={label} className="chip">
                  {label}
                </span>
              ))
            ) : (
              <span className="muted">none</span>
            )}
          </p>
          <CheckboxField
            label="Replace the stored credentials"
            checked={replacing}
            onChange={(e) => {
              setReplacing(e.target.checked);
              setCredentials({});
            }}
          />
          {replacing ? (
            <CredentialInputs
              platform={source.platform}
              legend={`New ${info.label} credentials`}
              note="Saving replaces every stored credential: a field left empty is removed. The source is polled again right away."
              values={credentials}
              onChange={(field, value) => setCredentials((current) => ({ ...current, [field]: value }))}
              error={errors.fields.credentials}
            />
          ) : null}
        </div>
      ) : null}
      <div className="form__actions">
        <Button type="submit" variant="primary" size="sm" busy={saving}>
          {saving ? 'Saving…' : 'Save changes'}
        </Button>
        <Button variant="ghost" size="sm" onClick={() => onDone(null)} disabled={saving}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
