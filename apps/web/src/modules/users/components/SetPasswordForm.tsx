import { useState, type FormEvent } from 'react';
import { PasswordSchema, type User } from '@earshot/contracts';
import { Button } from '../../../shared/ui/Button';
import { TextField } from '../../../shared/ui/TextField';
import { errorToFormErrors } from '../../../shared/forms/form-errors';

interface SetPasswordFormProps {
  user: User;
  onSave(password: string): Promise<unknown>;
  onDone(): void;
}

export function SetPasswordForm({ user, onSave, onDone }: SetPasswordFormProps) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const label = `New password for ${user.name}`;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = PasswordSchema.safeParse(password);
    if (!checked.success) {
      setError(`Password ${checked.error.issues[0]?.message ?? 'is not valid'}`);
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      await onSave(checked.data);
      onDone();
    } catch (caught) {
      const { fields, form } = errorToFormErrors(caught, { password: 'Password' });
      setError(fields.password ?? form ?? undefined);
      setSaving(false);
    }
  }

  return (
    <form className="inline-form" noValidate onSubmit={(event) => void handleSubmit(event)} aria-label={`Set a new password for ${user.name}`}>
      <TextField
        label={label}
        type="password"
        name="new-password"
        autoComplete="new-password"
        autoFocus
        hint="At least 12 characters. Their current password stops working."
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={error}
      />
      <div className="form__actions">
        <Button type="submit" variant="primary" size="sm" busy={saving}>
          {saving ? 'Saving…' : 'Save password'}
        </Button>
        <Button variant="ghost" size="sm" onClick={onDone} disabled={saving}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
