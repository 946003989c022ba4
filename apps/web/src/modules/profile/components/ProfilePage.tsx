import { useState, type FormEvent } from 'react';
import { defaultFirstName, defaultSignature, toFieldIssues, UpdateProfileRequestSchema, type UpdateProfileRequest, type User } from '@earshot/contracts';
import { useAuth } from '../../auth/hooks/useAuth';
import { useSession } from '../../auth/hooks/useSession';
import { ROLE_LABELS } from '../../auth/role-labels';
import { issuesToFormErrors } from '../../../shared/forms/form-errors';
import { useFormSubmit } from '../../../shared/forms/useFormSubmit';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { TextField } from '../../../shared/ui/TextField';
import { updateProfile } from '../api/profile.api';

const LABELS = { firstName: 'First name', signature: 'Signature' } as const;
type Field = keyof typeof LABELS;

/**
 * The api answers the default (first word, initials) when none is set, so a value equal to
 * the default is shown as an empty field with the default as its placeholder.
 */
function ownValue(value: string, fallback: string): string {
  return value === fallback ? '' : value;
}

/** The change to send: an empty field is null (back to the default); unchanged fields are left out. */
function changeFrom(user: User, firstName: string, signature: string): UpdateProfileRequest {
  const change: UpdateProfileRequest = {};
  const wantFirst = firstName.trim() === '' ? null : firstName;
  const wantSignature = signature.trim() === '' ? null : signature;
  const hadFirst = ownValue(user.firstName, defaultFirstName(user.name)) || null;
  const hadSignature = ownValue(user.signature, defaultSignature(user.name)) || null;
  if ((wantFirst?.trim() ?? null) !== hadFirst) change.firstName = wantFirst;
  if ((wantSignature?.trim() ?? null) !== hadSignature) change.signature = wantSignature;
  return change;
}

/** Profile: the first name and signature replies use (`{{agent.first_name}}`, `{{agent.signature}}`). Every role. */
export function ProfilePage() {
  const { user } = useSession();
  const { updateUser } = useAuth();
  const firstDefault = defaultFirstName(user.name);
  const signatureDefault = defaultSignature(user.name);
  const [firstName, setFirstName] = useState(() => ownValue(user.firstName, firstDefault));
  const [signature, setSignature] = useState(() => ownValue(user.signature, signatureDefault));
  const [done, setDone] = useState<string | null>(null);
  const { errors, setErrors, busy, submit } = useFormSubmit<Field>();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    const change = changeFrom(user, firstName, signature);
    if (Object.keys(change).length === 0) {
      setDone('Nothing to save: your profile already says this.');
      return;
    }
    const checked = UpdateProfileRequestSchema.safeParse(change);
    if (!checked.success) {
      setErrors(issuesToFormErrors(toFieldIssues(checked.error), LABELS));
      return;
    }
    await submit(
      () => updateProfile(checked.data),
      (saved) => {
        updateUser(saved);
        setFirstName(ownValue(saved.firstName, defaultFirstName(saved.name)));
        setSignature(ownValue(saved.signature, defaultSignature(saved.name)));
        setDone(`Saved. Replies now sign as “${saved.signature}” and greet as ${saved.firstName}.`);
      },
      LABELS,
    );
  }

  return (
    <div className="page">
      <PageHeader title="Profile" description="How you appear in replies you send from Earshot." />
      <form className="panel form" noValidate aria-label="Profile" onSubmit={(e) => void handleSubmit(e)}>
        <dl className="details">
          <div>
            <dt>Name</dt>
            <dd>{user.name}</dd>
          </div>
          <div>
            <dt>E-mail</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>Role</dt>
            <dd>{ROLE_LABELS[user.role]}</dd>
          </div>
        </dl>
        {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
        {done ? <Alert tone="success">{done}</Alert> : null}
        <div className="form__grid">
          <TextField
            label={LABELS.firstName}
            name="firstName"
            autoComplete="given-name"
            placeholder={firstDefault}
            hint={`Used by {{agent.first_name}} in templates. Leave empty for the default, “${firstDefault}”.`}
            value={firstName}
            onChange={(e) => setFirstName(e.target.value)}
            error={errors.fields.firstName}
          />
          <TextField
            label={LABELS.signature}
            name="signature"
            autoComplete="off"
            placeholder={signatureDefault}
            hint={`Used by {{agent.signature}} and sign-offs such as “^${signatureDefault}”. Leave empty for your initials, “${signatureDefault}”.`}
            value={signature}
            onChange={(e) => setSignature(e.target.value)}
            error={errors.fields.signature}
          />
        </div>
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={busy}>
            {busy ? 'Saving…' : 'Save profile'}
          </Button>
        </div>
      </form>
    </div>
  );
}
