import { useState, type FormEvent } from 'react';
import { CreateSourceRequestSchema, SourcePlatformSchema, toFieldIssues, type CreateSourceRequest, type Source, type SourcePlatform } from '@earshot/contracts';
import { useFormSubmit } from '../../../shared/forms/useFormSubmit';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { CheckboxField } from '../../../shared/ui/CheckboxField';
import { SelectField } from '../../../shared/ui/SelectField';
import { TextField } from '../../../shared/ui/TextField';
import { issuesToFormErrors, NO_ERRORS, type FormErrors } from '../../../shared/forms/form-errors';
import { PLATFORM_OPTIONS, PLATFORM_INFO, streamOf } from '../source-platforms';
import { parsePollInterval, SOURCE_LABELS, type SourceField } from '../source-form-fields';
import { CredentialInputs, credentialsFor } from './CredentialInputs';
import { StreamQueryInput, streamQueryError } from './StreamQueryInput';

interface AddSourceFormProps {
  onCreate(request: CreateSourceRequest): Promise<Source>;
  onCreated(source: Source): void;
  onCancel(): void;
}

/** Connects a platform account, a public search or a feed. The platform decides the streams and the credentials asked for. */
export function AddSourceForm({ onCreate, onCreated, onCancel }: AddSourceFormProps) {
  const [platform, setPlatform] = useState<SourcePlatform>('mastodon');
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [streamKind, setStreamKind] = useState(PLATFORM_INFO.mastodon.streams[0]?.kind ?? '');
  const [streamQuery, setStreamQuery] = useState('');
  const [credentials, setCredentials] = useState<Record<string, string>>({});
  const [pollInterval, setPollInterval] = useState('60');
  const [enabled, setEnabled] = useState(true);
  const { errors, setErrors, busy: submitting, submit } = useFormSubmit<SourceField>();

  const info = PLATFORM_INFO[platform];
  const stream = streamOf(platform, streamKind);
  const labels = { ...SOURCE_LABELS, streamQuery: stream?.query?.label ?? SOURCE_LABELS.streamQuery };

  function choosePlatform(next: SourcePlatform) {
    setPlatform(next);
    setStreamKind(PLATFORM_INFO[next].streams[0]?.kind ?? '');
    setStreamQuery('');
    // Secrets typed for another platform are never sent along.
    setCredentials({});
    setErrors(NO_ERRORS);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const interval = parsePollInterval(pollInterval);
    const query = streamQuery.trim();
    const early: FormErrors<SourceField>['fields'] = {};
    if ('error' in interval) early.pollIntervalSeconds = interval.error;
    const queryError = streamQueryError(stream, query);
    if (queryError) early.streamQuery = queryError;
    if (!info.baseUrlHasDefault && baseUrl.trim() === '') early.baseUrl = `Base URL is required: ${info.baseUrlHint.toLowerCase()}`;

    const request = {
      name,
      platform,
      baseUrl: baseUrl.trim() || info.defaultBaseUrl,
      streamKind,
      streamQuery: stream?.query ? query : null,
      credentials: credentialsFor(platform, credentials),
      enabled,
      pollIntervalSeconds: 'seconds' in interval ? interval.seconds : 60,
    } satisfies CreateSourceRequest;
    const checked = CreateSourceRequestSchema.safeParse(request);
    const fromSchema = checked.success ? NO_ERRORS : issuesToFormErrors(toFieldIssues(checked.error), labels);
    if (!checked.success || Object.keys(early).length > 0) {
      setErrors({ fields: { ...fromSchema.fields, ...early }, form: fromSchema.form });
      return;
    }

    await submit(() => onCreate(request), onCreated, labels);
  }

  return (
    <form className="panel form" noValidate onSubmit={(event) => void handleSubmit(event)} aria-labelledby="add-source-heading">
      <h3 className="panel__title" id="add-source-heading">
        Add a source
      </h3>
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <div className="form__grid">
        <SelectField
          label={labels.platform}
          name="platform"
          value={platform}
          options={PLATFORM_OPTIONS}
          onChange={(e) => choosePlatform(SourcePlatformSchema.parse(e.target.value))}
          error={errors.fields.platform}
        />
        <TextField
          label={labels.name}
          name="name"
          autoComplete="off"
          placeholder={`e.g. Acme on ${info.label}`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.fields.name}
        />
        <TextField
          className="form__wide"
          label={labels.baseUrl}
          name="baseUrl"
          type="url"
          autoComplete="off"
          spellCheck={false}
          placeholder={info.defaultBaseUrl}
          hint={info.baseUrlHasDefault ? `${info.baseUrlHint} Leave empty for ${info.defaultBaseUrl}.` : info.baseUrlHint}
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
          error={errors.fields.baseUrl}
        />
        <SelectField
          label={labels.streamKind}
          name="streamKind"
          value={streamKind}
          options={info.streams.map((s) => ({ value: s.kind, label: s.label }))}
          onChange={(e) => {
            setStreamKind(e.target.value);
            setStreamQuery('');
          }}
          error={errors.fields.streamKind}
        />
        <StreamQueryInput
          stream={stream}
          value={streamQuery}
          onChange={setStreamQuery}
          error={errors.fields.streamQuery}
          withPlaceholder
          noQueryNote="This stream needs no query."
        />
      </div>
      <CredentialInputs
        platform={platform}
        legend={`${info.label} credentials`}
        note="Stored encrypted and never shown again. Leave a field empty if this stream does not need it."
        values={credentials}
        onChange={(field, value) => setCredentials((current) => ({ ...current, [field]: value }))}
        error={errors.fields.credentials}
      />
      <div className="form__grid">
        <TextField
          label={`${labels.pollIntervalSeconds} (seconds)`}
          name="pollIntervalSeconds"
          type="number"
          inputMode="numeric"
          min={5}
          max={86_400}
          hint="How often to ask the platform for new posts: 5 to 86400 seconds."
          value={pollInterval}
          onChange={(e) => setPollInterval(e.target.value)}
          error={errors.fields.pollIntervalSeconds}
        />
        <CheckboxField className="form__check" label="Start polling right away" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
      </div>
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={submitting}>
          {submitting ? 'Adding…' : 'Add source'}
        </Button>
        <Button variant="ghost" onClick={onCancel} disabled={submitting}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
