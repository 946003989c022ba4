import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { LoginRequestSchema, toFieldIssues } from '@earshot/contracts';
import { AuthPanel } from './AuthPanel';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { TextField } from '../../../shared/ui/TextField';
import { errorToFormErrors, issuesToFormErrors, NO_ERRORS, type FormErrors } from '../../../shared/forms/form-errors';
import { useAuth } from '../hooks/useAuth';
import type { LoginLocationState } from './RequireAuth';
import { DEFAULT_PAGE } from '../default-page';

const LABELS = { email: 'E-mail', password: 'Password' } as const;
type Field = keyof typeof LABELS;

/** Only same-app paths: never let a crafted link send the user elsewhere after signing in. */
function safeReturnPath(state: unknown): string {
  const from = (state as LoginLocationState | null)?.from;
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/login')) {
    return DEFAULT_PAGE;
  }
  return from;
}

export function LoginPage() {
  const { session, notice, login } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_ERRORS);
  const returnTo = safeReturnPath(location.state);

  if (session && !submitting) return <Navigate to={returnTo} replace />;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = LoginRequestSchema.safeParse({ email: email.trim(), password });
    if (!checked.success) {
      setErrors(issuesToFormErrors(toFieldIssues(checked.error), LABELS));
      return;
    }
    setSubmitting(true);
    setErrors(NO_ERRORS);
    try {
      await login(checked.data);
      void navigate(returnTo, { replace: true });
    } catch (error) {
      setErrors(errorToFormErrors(error, LABELS));
      setSubmitting(false);
    }
  }

  return (
    <AuthPanel title="Sign in" intro="Listen to what people say about you, and answer in time." footnote="Accounts are created by your workspace admin.">
      {notice && !errors.form ? <Alert tone="info">{notice}</Alert> : null}
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}

      <form className="form" noValidate onSubmit={(event) => void handleSubmit(event)} aria-label="Sign in">
        <TextField
          label={LABELS.email}
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          autoFocus
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.fields.email}
        />
        <TextField
          label={LABELS.password}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.fields.password}
        />
        <Button type="submit" variant="primary" className="button--block" busy={submitting}>
          {submitting ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </AuthPanel>
  );
}
