import { useId, useState } from 'react';
import type { MentionNote } from '@earshot/contracts';
import { useFormSubmit } from '../../../shared/forms/useFormSubmit';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';

/** Adds an internal note; the server's per-field errors appear under the text box. */
export function AddNoteForm({ onAdd, onAdded }: { onAdd(body: string): Promise<MentionNote>; onAdded(): void }) {
  const id = useId();
  const [body, setBody] = useState('');
  const { errors, busy, submit } = useFormSubmit<'body'>();
  const error = errors.fields.body;

  return (
    <form
      className="notes__form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(() => onAdd(body), onAdded, { body: 'Note' });
      }}
    >
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <div className={error ? 'field field--invalid' : 'field'}>
        <label className="field__label" htmlFor={id}>
          Add a note
        </label>
        <textarea
          id={id}
          className="field__input notes__input"
          rows={3}
          maxLength={5000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error ? (
          <p className="field__error" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
      </div>
      <div className="form__actions">
        <Button type="submit" size="sm" busy={busy} disabled={body.trim() === ''}>
          Add note
        </Button>
      </div>
    </form>
  );
}
