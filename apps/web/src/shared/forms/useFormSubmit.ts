import { useState } from 'react';
import { isApiRequestError } from '../http';
import { asSentence } from '../format/as-sentence';
import { errorToFormErrors, NO_ERRORS, type FormErrors } from './form-errors';

/**
 * The state every form shares: its errors, whether it is sending, and `submit`, which
 * clears the errors, sends, hands the result on, and turns a failure into messages
 * (first through `mapError`, then the standard mapping).
 */
export function useFormSubmit<F extends string>() {
  const [errors, setErrors] = useState<FormErrors<F>>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit<T>(
    send: () => Promise<T>,
    onDone: (result: T) => void,
    labels: Record<F, string>,
    mapError?: (error: unknown) => FormErrors<F> | null,
  ): Promise<void> {
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      onDone(await send());
    } catch (error) {
      setErrors(mapError?.(error) ?? errorToFormErrors(error, labels));
      setBusy(false);
    }
  }

  return { errors, setErrors, busy, submit };
}

/** A 409 without field issues ("already exists") belongs next to `field`. */
export function conflictOn<F extends string>(field: F): (error: unknown) => FormErrors<F> | null {
  return (error) =>
    isApiRequestError(error) && error.statusCode === 409 && error.issues.length === 0
      ? { fields: { [field]: asSentence(error.message) } as Partial<Record<F, string>>, form: null }
      : null;
}
