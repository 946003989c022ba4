import { useCallback, useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { NotifyAuthorsResult } from '@earshot/contracts';
import { errorToFormErrors, NO_ERRORS, type FormErrors } from '../../../shared/forms/form-errors';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { SelectField } from '../../../shared/ui/SelectField';
import { TextField } from '../../../shared/ui/TextField';
import { listTemplates } from '../../templates/api/templates.api';
import * as rootCausesApi from '../api/root-causes.api';
import { useAsyncResource } from '../hooks/useAsyncResource';
import { addDays, formatDay } from '../period';
import { SKIP_REASON_LABELS } from '../root-cause-labels';

type NotifyField = 'text' | 'templateId' | 'since';
const LABELS: Record<NotifyField, string> = { text: 'Message', templateId: 'Template', since: 'Authors who complained since' };

interface NotifyAuthorsFormProps {
  category: string;
  categoryName: string;
  fixShippedAt: string;
  today: string;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The result in words: what was queued, what was skipped and why. */
export function NotifyResultSummary({ result }: { result: NotifyAuthorsResult }) {
  const skipped = (Object.keys(result.skipped) as (keyof NotifyAuthorsResult['skipped'])[]).filter((k) => result.skipped[k] > 0);
  return (
    <Alert tone="success" title={`${plural(result.queued, 'reply', 'replies')} queued for ${plural(result.authors, 'author', 'authors')}`}>
      <p>
        {skipped.length === 0
          ? 'None skipped. The replies go through the outbox: approvals and the voice checks apply.'
          : `Skipped: ${skipped.map((k) => `${result.skipped[k]} ${SKIP_REASON_LABELS[k]}`).join(', ')}.`}
      </p>
      {result.details.length > 0 ? (
        <details className="notify-details">
          <summary>The skipped complaints ({result.details.length})</summary>
          <ul>
            {result.details.map((d) => (
              <li key={d.mentionId}>
                <Link to={`/inbox/${encodeURIComponent(d.mentionId)}`}>Open in the inbox</Link>: {d.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Alert>
  );
}

/** "Tell the authors": one reply, through the reply outbox, to each author who complained before the fix. */
export function NotifyAuthorsForm({ category, categoryName, fixShippedAt, today }: NotifyAuthorsFormProps) {
  const textId = useId();
  const load = useCallback((signal: AbortSignal) => listTemplates(undefined, signal), []);
  const templates = useAsyncResource(load, 'The templates could not be loaded.');
  const [text, setText] = useState('');
  const [templateId, setTemplateId] = useState('');
  const [since, setSince] = useState('');
  const [result, setResult] = useState<NotifyAuthorsResult | null>(null);
  const [errors, setErrors] = useState<FormErrors<NotifyField>>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const suited = templates.state.status === 'ready' ? templates.state.data.filter((t) => t.categories.length === 0 || t.categories.includes(category)) : [];

  const send = async (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    setErrors(NO_ERRORS);
    setBusy(true);
    try {
      setResult(await rootCausesApi.notifyAuthors(category, { text, ...(templateId ? { templateId } : {}), ...(since ? { since } : {}) }));
    } catch (error) {
      setErrors(errorToFormErrors(error, LABELS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(event) => void send(event)} noValidate aria-label="Tell the authors">
      <p className="muted">
        One public reply per author who complained about {categoryName.toLowerCase()}, to their latest complaint. By default the authors of the 28 days before
        the fix ({formatDay(addDays(fixShippedAt, -28))} to {formatDay(fixShippedAt)}). Sending twice queues nothing twice.
      </p>
      {suited.length > 0 ? (
        <SelectField
          label={LABELS.templateId}
          value={templateId}
          options={[{ value: '', label: 'Write my own' }, ...suited.map((t) => ({ value: t.id, label: t.title }))]}
          error={errors.fields.templateId}
          onChange={(event) => {
            const id = event.target.value;
            setTemplateId(id);
            const template = suited.find((t) => t.id === id);
            if (template) setText(template.body);
          }}
        />
      ) : null}
      <div className={['field', errors.fields.text ? 'field--invalid' : ''].filter(Boolean).join(' ')}>
        <label className="field__label" htmlFor={textId}>
          {LABELS.text}
        </label>
        <textarea
          id={textId}
          className="field__input"
          rows={4}
          maxLength={10000}
          value={text}
          required
          aria-invalid={errors.fields.text ? true : undefined}
          onChange={(event) => setText(event.target.value)}
        />
        {errors.fields.text ? <p className="field__error">{errors.fields.text}</p> : null}
      </div>
      <TextField
        label={LABELS.since}
        type="date"
        max={today}
        value={since}
        hint="Optional."
        error={errors.fields.since}
        onChange={(e) => setSince(e.target.value)}
      />
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      {result ? <NotifyResultSummary result={result} /> : null}
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={busy} disabled={!text.trim()}>
          Queue the replies
        </Button>
      </div>
    </form>
  );
}
