import { useState, type FormEvent } from 'react';
import { ChangePasswordRequestSchema, toFieldIssues } from '@earshot/contracts';
import { AuthPanel } from './AuthPanel';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { TextField } from '../../../shared/ui/TextField';
import { errorToFormErrors, issuesToFormErrors, NO_ERRORS, type FormErrors } from '../../../shared/forms/form-errors';
import { useAuth } from '../hooks/useAuth';

const LABELS = { currentPassword: 'Current password', newPassword: 'New password', confirmPassword: 'New password again' } as const;
type Field = keyof typeof LABELS;

/**
 * Shown instead of the dashboard while the account still has the password Earshot generated
 * at first start: the user chooses their own before anything else.
 */
export function ChangePasswordPage() {
  const { session, changePassword, logout } = useAuth();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_ERRORS);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = ChangePasswordRequestSchema.safeParse({ currentPassword, newPassword });
    if (!checked.success) {
      setErrors(issuesToFormErrors(toFieldIssues(checked.error), LABELS));
      return;
    }
    if (confirmPassword !== newPassword) {
      setErrors({ fields: { confirmPassword: 'The two new passwords differ' }, form: null });
      return;
    }
    setSubmitting(true);
    setErrors(NO_ERRORS);
    try {
      await changePassword(checked.data);
    } catch (error) {
      setErrors(errorToFormErrors(error, LABELS));
      setSubmitting(false);
    }
  }

  return (
    <AuthPanel
      title="Choose your password"
      intro={`${session?.user.email ? `${session.user.email} still has` : 'This account still has'} the password Earshot generated at first start. Choose your own (at least 12 characters) to continue.`}
      footnote={
        <Button variant="secondary" size="sm" onClick={() => void logout()}>
          Sign out
        </Button>
      }
    >
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}

      <form className="form" noValidate onSubmit={(event) => void handleSubmit(event)} aria-label="Choose your password">
        <input type="hidden" name="username" autoComplete="username" value={session?.user.email ?? ''} />
        <TextField
          label={LABELS.currentPassword}
          type="password"
          name="currentPassword"
          autoComplete="current-password"
          autoFocus
          required
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.target.value)}
          error={errors.fields.currentPassword}
        />
        <TextField
          label={LABELS.newPassword}
          type="password"
          name="newPassword"
          autoComplete="new-password"
          required
          value={newPassword}
          onChange={(event) => setNewPassword(event.target.value)}
          error={errors.fields.newPassword}
        />
        <TextField
          label={LABELS.confirmPassword}
          type="password"
          name="confirmPassword"
          autoComplete="new-password"
          required
          value={confirmPassword}
          onChange={(event) => setConfirmPassword(event.target.value)}
          error={errors.fields.confirmPassword}
        />
        <Button type="submit" variant="primary" className="button--block" busy={submitting}>
          {submitting ? 'Saving…' : 'Save and continue'}
        </Button>
      </form>
    </AuthPanel>
  );
}
