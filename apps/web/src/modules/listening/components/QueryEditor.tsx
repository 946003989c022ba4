import { useId, useRef } from 'react';
import type { QueryValidation } from '../hooks/useQueryValidation';
import { QueryErrorPointer } from './QueryErrorPointer';

interface QueryEditorProps {
  label: string;
  value: string;
  onChange(value: string): void;
  validation: QueryValidation;
  /** A problem the api reported on save, when the live check has nothing to show for it. */
  serverError?: string | undefined;
  /** The id of the syntax help, read out with the field. */
  helpId?: string;
}

/** The query text in a monospace box, checked while typing, pointing at the spot a problem is in. */
export function QueryEditor({ label, value, onChange, validation, serverError, helpId }: QueryEditorProps) {
  const id = useId();
  const statusId = `${id}-status`;
  const errorId = `${id}-error`;
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const invalid = validation.status === 'invalid';
  const error = invalid ? null : serverError;
  const describedBy = [invalid || error ? errorId : statusId, helpId].filter(Boolean).join(' ');

  function showPosition(position: number) {
    const input = inputRef.current;
    if (!input) return;
    input.focus();
    input.setSelectionRange(position, Math.min(position + 1, input.value.length));
  }

  return (
    <div className={['field', 'query-editor', invalid || error ? 'field--invalid' : ''].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <textarea
        ref={inputRef}
        id={id}
        name="query"
        className="field__input query-editor__input"
        rows={3}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={invalid || error ? true : undefined}
        aria-describedby={describedBy}
      />
      <div className="query-editor__feedback" aria-live="polite">
        <p className={`query-editor__status query-editor__status--${validation.status}`} id={statusId}>
          {validation.status === 'checking' ? 'Checking…' : null}
          {validation.status === 'valid' ? '✓ The query is valid.' : null}
          {validation.status === 'unavailable' ? "Couldn't check the query right now; it is checked again when you save." : null}
        </p>
        {validation.status === 'invalid' ? (
          <QueryErrorPointer
            id={errorId}
            query={value}
            message={validation.message}
            position={validation.position}
            onShow={() => showPosition(validation.position)}
          />
        ) : null}
      </div>
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
