import { useState, type FormEvent } from 'react';
import { CreateUserRequestSchema, RoleSchema, toFieldIssues, type CreateUserRequest, type Role, type User } from '@earshot/contracts';
import { conflictOn, useFormSubmit } from '../../../shared/forms/useFormSubmit';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { SelectField } from '../../../shared/ui/SelectField';
import { TextField } from '../../../shared/ui/TextField';
import { issuesToFormErrors } from '../../../shared/forms/form-errors';
import { ROLE_OPTIONS } from '../role-options';

const LABELS = { name: 'Name', email: 'E-mail', role: 'Role', password: 'Initial password' } as const;
type Field = keyof typeof LABELS;

interface AddUserFormProps {
  onCreate(request: CreateUserRequest): Promise<User>;
  onCreated(user: User): void;
  onCancel(): void;
}

export function AddUserForm({ onCreate, onCreated, onCancel }: AddUserFormProps) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [password, setPassword] = useState('');
  const { errors, setErrors, busy: submitting, submit } = useFormSubmit<Field>();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = CreateUserRequestSchema.safeParse({ name, email: email.trim(), role, password });
    if (!checked.success) {
      setErrors(issuesToFormErrors(toFieldIssues(checked.error), LABELS));
      return;
    }
    // A taken e-mail (409) belongs next to the e-mail field.
    await submit(() => onCreate(checked.data), onCreated, LABELS, conflictOn('email'));
  }

  return (
    <form className="panel form add-user" noValidate onSubmit={(event) => void handleSubmit(event)} aria-labelledby="add-user-heading">
      <h3 className="panel__title" id="add-user-heading">
        Add a user
      </h3>
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <div className="form__grid">
        <TextField label={LABELS.name} name="name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} />
        <TextField
          label={LABELS.email}
          name="email"
          type="email"
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.fields.email}
        />
        <SelectField
          label={LABELS.role}
          name="role"
          value={role}
          options={ROLE_OPTIONS}
          onChange={(e) => setRole(RoleSchema.parse(e.target.value))}
          error={errors.fields.role}
        />
        <TextField
          label={LABELS.password}
          name="password"
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters. Give it to them in person or through a private channel."
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.fields.password}
        />
      </div>
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={submitting}>
          {submitting ? 'Adding…' : 'Add user'}
        </Button>
        <Button variant="ghost" onClick={onCancel} disabled={submitting}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
