import { useId, useState, type FormEvent } from 'react';
import {
  CreateListeningQueryRequestSchema,
  toFieldIssues,
  UpdateListeningQueryRequestSchema,
  type Brand,
  type CreateListeningQueryRequest,
  type ListeningQuery,
  type UpdateListeningQueryRequest,
} from '@earshot/contracts';
import { useFormSubmit } from '../../../shared/forms/useFormSubmit';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { CheckboxField } from '../../../shared/ui/CheckboxField';
import { TextField } from '../../../shared/ui/TextField';
import { issuesToFormErrors, NO_ERRORS } from '../../../shared/forms/form-errors';
import { useQueryValidation } from '../hooks/useQueryValidation';
import { QueryEditor } from './QueryEditor';
import { QueryHelp } from './QueryHelp';

const LABELS = { brandId: 'Brand', name: 'Name', query: 'Query', topic: 'Topic', enabled: 'Enabled' } as const;
type Field = keyof typeof LABELS;

interface QueryFormProps {
  brand: Brand;
  /** The query to change; a new one when absent. */
  existing?: ListeningQuery;
  onCreate(request: CreateListeningQueryRequest): Promise<ListeningQuery>;
  onUpdate(id: string, change: UpdateListeningQueryRequest): Promise<ListeningQuery>;
  /** After a save (with the saved query) or a cancel (null). */
  onDone(saved: ListeningQuery | null): void;
}

/** Adds or changes a listening query of one brand; the query is checked while it is typed. */
export function QueryForm({ brand, existing, onCreate, onUpdate, onDone }: QueryFormProps) {
  const [name, setName] = useState(existing?.name ?? '');
  const [query, setQuery] = useState(existing?.query ?? '');
  const [topic, setTopic] = useState(existing?.topic ?? '');
  const [enabled, setEnabled] = useState(existing?.enabled ?? true);
  const { errors, setErrors, busy: saving, submit } = useFormSubmit<Field>();
  const validation = useQueryValidation(query);
  const helpId = useId();
  const title = existing ? `Edit the query “${existing.name}”` : `Add a query to ${brand.name}`;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The live check already points at the problem: don't send what the api will refuse.
    if (validation.status === 'invalid') {
      setErrors(NO_ERRORS);
      return;
    }
    const topicValue = topic.trim() === '' ? null : topic;
    let send: () => Promise<ListeningQuery>;
    if (existing) {
      const change: UpdateListeningQueryRequest = {};
      if (name.trim() !== existing.name) change.name = name;
      if (query.trim() !== existing.query) change.query = query;
      if ((topicValue?.trim() ?? null) !== existing.topic) change.topic = topicValue;
      if (enabled !== existing.enabled) change.enabled = enabled;
      if (Object.keys(change).length === 0) {
        onDone(null);
        return;
      }
      const checked = UpdateListeningQueryRequestSchema.safeParse(change);
      if (!checked.success) {
        setErrors(issuesToFormErrors(toFieldIssues(checked.error), LABELS));
        return;
      }
      send = () => onUpdate(existing.id, change);
    } else {
      const request = { brandId: brand.id, name, query, topic: topicValue, enabled } satisfies CreateListeningQueryRequest;
      const checked = CreateListeningQueryRequestSchema.safeParse(request);
      if (!checked.success) {
        setErrors(issuesToFormErrors(toFieldIssues(checked.error), LABELS));
        return;
      }
      send = () => onCreate(request);
    }

    await submit(send, onDone, LABELS);
  }

  return (
    <form className="form query-form" noValidate onSubmit={(event) => void handleSubmit(event)} aria-label={title}>
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <div className="query-form__layout">
        <div className="query-form__fields">
          <div className="form__grid">
            <TextField label={LABELS.name} name="name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} />
            <TextField
              label={`${LABELS.topic} (optional)`}
              name="topic"
              autoComplete="off"
              hint="Groups mentions in reports, e.g. Refunds."
              value={topic}
              onChange={(e) => setTopic(e.target.value)}
              error={errors.fields.topic}
            />
          </div>
          <QueryEditor
            label={LABELS.query}
            value={query}
            onChange={(next) => {
              setQuery(next);
              if (errors.fields.query) setErrors((current) => ({ ...current, fields: { ...current.fields, query: undefined } }));
            }}
            validation={validation}
            serverError={errors.fields.query}
            helpId={helpId}
          />
          <CheckboxField
            asSwitch
            label="Enabled"
            hint="Only enabled queries pick mentions for this brand."
            checked={enabled}
            onChange={(e) => setEnabled(e.target.checked)}
          />
        </div>
        <QueryHelp id={helpId} />
      </div>
      <div className="form__actions">
        <Button type="submit" variant="primary" size="sm" busy={saving}>
          {saving ? 'Saving…' : existing ? 'Save query' : 'Add query'}
        </Button>
        <Button variant="ghost" size="sm" onClick={() => onDone(null)} disabled={saving}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
