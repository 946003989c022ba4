import type { SourcePlatform } from '@earshot/contracts';
import { TextField } from '../../../shared/ui/TextField';
import { PLATFORM_INFO } from '../source-platforms';

interface CredentialInputsProps {
  platform: SourcePlatform;
  values: Readonly<Record<string, string>>;
  onChange(name: string, value: string): void;
  legend: string;
  note?: string;
  error?: string | undefined;
}

/** One password input per credential the platform needs. Values are never shown back: the api only says which are stored. */
export function CredentialInputs({ platform, values, onChange, legend, note, error }: CredentialInputsProps) {
  const fields = PLATFORM_INFO[platform].credentials;
  if (fields.length === 0) return null;
  return (
    <fieldset className={['fieldset', error ? 'fieldset--invalid' : ''].filter(Boolean).join(' ')}>
      <legend className="fieldset__legend">{legend}</legend>
      {note ? <p className="fieldset__note">{note}</p> : null}
      <div className="form__grid">
        {fields.map((field) => (
          <TextField
            key={field.name}
            label={field.label}
            name={`credential-${field.name}`}
            type={field.secret ? 'password' : 'text'}
            autoComplete={field.secret ? 'new-password' : 'off'}
            spellCheck={false}
            hint={field.hint}
            value={values[field.name] ?? ''}
            onChange={(event) => onChange(field.name, event.target.value)}
          />
        ))}
      </div>
      {error ? <p className="field__error">{error}</p> : null}
    </fieldset>
  );
}

/** The filled-in credentials of the platform's own fields, nothing else. */
export function credentialsFor(platform: SourcePlatform, values: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of PLATFORM_INFO[platform].credentials) {
    const value = values[field.name]?.trim() ?? '';
    if (value !== '') out[field.name] = value;
  }
  return out;
}
