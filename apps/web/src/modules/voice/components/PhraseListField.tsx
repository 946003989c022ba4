import { useId } from 'react';

interface PhraseListFieldProps {
  label: string;
  hint: string;
  value: string;
  onChange(value: string): void;
  errors?: readonly string[] | undefined;
  disabled: boolean;
  rows?: number;
}

/** A list of phrases typed one a line. */
export function PhraseListField({ label, hint, value, onChange, errors, disabled, rows = 5 }: PhraseListFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = Boolean(errors && errors.length > 0);
  const count = value.split('\n').filter((l) => l.trim() !== '').length;
  return (
    <div className={['field', invalid ? 'field--invalid' : ''].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label} <span className="muted">({count})</span>
      </label>
      <textarea
        id={id}
        className="field__input phrase-list__input"
        rows={rows}
        spellCheck={false}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={[hintId, invalid ? errorId : null].filter(Boolean).join(' ')}
      />
      <p className="field__hint" id={hintId}>
        {hint}
      </p>
      {invalid ? (
        <div id={errorId}>
          {errors!.map((e) => (
            <p key={e} className="field__error">
              {e}
            </p>
          ))}
        </div>
      ) : null}
    </div>
  );
}
