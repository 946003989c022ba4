import { useState, type FormEvent } from 'react';
import {
  BrandKindSchema,
  CreateBrandRequestSchema,
  toFieldIssues,
  UpdateBrandRequestSchema,
  type Brand,
  type CreateBrandRequest,
  type FieldIssue,
  type UpdateBrandRequest,
} from '@earshot/contracts';
import { conflictOn, useFormSubmit } from '../../../shared/forms/useFormSubmit';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { SelectField } from '../../../shared/ui/SelectField';
import { TextField } from '../../../shared/ui/TextField';
import { issuesToFormErrors } from '../../../shared/forms/form-errors';
import { isApiRequestError } from '../../../shared/http';
import { asSentence } from '../../../shared/format/as-sentence';
import { BRAND_KIND_OPTIONS, splitHandles } from '../brand-kinds';

const LABELS = { name: 'Name', kind: 'Kind', handles: 'Handles' } as const;
type Field = keyof typeof LABELS;

/** A new brand (`onCreate`) or a change to `existing` (`onUpdate`). */
type BrandFormProps = (
  | { existing?: undefined; onCreate(request: CreateBrandRequest): Promise<Brand> }
  | { existing: Brand; onUpdate(id: string, change: UpdateBrandRequest): Promise<Brand> }
) & {
  /** After a save (with the saved brand) or a cancel (null). */
  onDone(saved: Brand | null): void;
};

/** "handles.2: must be …" names the handle it is about. */
function nameHandles(issues: FieldIssue[], handles: string[]): FieldIssue[] {
  return issues.map((issue) => {
    const match = /^handles\.(\d+)$/.exec(issue.path);
    const handle = match ? handles[Number(match[1])] : undefined;
    return handle === undefined ? issue : { path: 'handles', message: `Handle “${handle}” ${issue.message}` };
  });
}

export function BrandForm(props: BrandFormProps) {
  const { existing, onDone } = props;
  const [name, setName] = useState(existing?.name ?? '');
  const [kind, setKind] = useState<Brand['kind']>(existing?.kind ?? 'own');
  const [handles, setHandles] = useState(existing ? existing.handles.map((h) => `@${h}`).join(' ') : '');
  const { errors, setErrors, busy: saving, submit } = useFormSubmit<Field>();
  const title = existing ? `Edit the brand “${existing.name}”` : 'Add a brand';

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const list = splitHandles(handles);
    let send: () => Promise<Brand>;
    if (props.existing) {
      const { existing, onUpdate } = props;
      const change: UpdateBrandRequest = {};
      if (name.trim() !== existing.name) change.name = name;
      if (kind !== existing.kind) change.kind = kind;
      const normalised = list.map((h) => h.replace(/^@/, '').toLowerCase());
      if (normalised.join(' ') !== existing.handles.join(' ')) change.handles = list;
      if (Object.keys(change).length === 0) {
        onDone(null);
        return;
      }
      const checked = UpdateBrandRequestSchema.safeParse(change);
      if (!checked.success) {
        setErrors(issuesToFormErrors(nameHandles(toFieldIssues(checked.error), list), LABELS));
        return;
      }
      send = () => onUpdate(existing.id, change);
    } else {
      const request = { name, kind, handles: list } satisfies CreateBrandRequest;
      const checked = CreateBrandRequestSchema.safeParse(request);
      if (!checked.success) {
        setErrors(issuesToFormErrors(nameHandles(toFieldIssues(checked.error), list), LABELS));
        return;
      }
      const { onCreate } = props;
      send = () => onCreate(request);
    }

    await submit(
      send,
      onDone,
      LABELS,
      (error) =>
        conflictOn<Field>('name')(error) ??
        (isApiRequestError(error) && error.issues.length > 0 ? issuesToFormErrors(nameHandles(error.issues, list), LABELS, asSentence(error.message)) : null),
    );
  }

  return (
    <form className={existing ? 'form brand-form' : 'panel form brand-form'} noValidate onSubmit={(event) => void handleSubmit(event)} aria-label={title}>
      {existing ? null : <h3 className="panel__title">{title}</h3>}
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <div className="form__grid form__grid--brand">
        <TextField
          label={LABELS.name}
          name="name"
          autoComplete="off"
          placeholder="e.g. Acme Airlines"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.fields.name}
        />
        <SelectField
          label={LABELS.kind}
          name="kind"
          value={kind}
          options={BRAND_KIND_OPTIONS}
          onChange={(e) => setKind(BrandKindSchema.parse(e.target.value))}
          error={errors.fields.kind}
        />
        <TextField
          className="form__wide"
          label={LABELS.handles}
          name="handles"
          autoComplete="off"
          spellCheck={false}
          placeholder="@acme @acme_help acme@mastodon.social"
          hint="The brand's own accounts, separated by spaces or commas (up to 20)."
          value={handles}
          onChange={(e) => setHandles(e.target.value)}
          error={errors.fields.handles}
        />
      </div>
      <div className="form__actions">
        <Button type="submit" variant="primary" size={existing ? 'sm' : 'md'} busy={saving}>
          {saving ? 'Saving…' : existing ? 'Save brand' : 'Add brand'}
        </Button>
        <Button variant="ghost" size={existing ? 'sm' : 'md'} onClick={() => onDone(null)} disabled={saving}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
