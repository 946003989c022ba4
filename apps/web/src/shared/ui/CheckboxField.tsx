import { useId, type InputHTMLAttributes } from 'react';

interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'> {
  label: string;
  hint?: string;
  /** Shown and announced as an on/off switch instead of a tick box. */
  asSwitch?: boolean;
}

export function CheckboxField({ label, hint, asSwitch = false, className, ...input }: CheckboxFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={['check', asSwitch ? 'check--switch' : '', className ?? ''].filter(Boolean).join(' ')}>
      <input {...input} id={id} type="checkbox" role={asSwitch ? 'switch' : undefined} className="check__input" aria-describedby={hintId} />
      <label className="check__label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="check__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
