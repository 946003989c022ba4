import { useEffect, useState } from 'react';
import * as queriesApi from '../api/listening-queries.api';

/** How long typing must pause before the query is checked. */
export const VALIDATE_DEBOUNCE_MS = 300;

export type QueryValidation =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'valid' }
  | { status: 'invalid'; message: string; position: number }
  /** The check itself failed (network, server): saving still checks the query. */
  | { status: 'unavailable' };

type Checked = { query: string; result: Exclude<QueryValidation, { status: 'idle' } | { status: 'checking' }> };

/**
 * Checks `query` with the api once typing pauses, so the editor can point at the problem
 * while it is written. A result only counts for the exact text it was computed for.
 */
export function useQueryValidation(query: string, delayMs: number = VALIDATE_DEBOUNCE_MS): QueryValidation {
  const [checked, setChecked] = useState<Checked | null>(null);
  const empty = query.trim() === '';

  useEffect(() => {
    if (empty) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      queriesApi.validateQuery(query, controller.signal).then(
        (answer) =>
          setChecked({
            query,
            result: answer.valid || !answer.error ? { status: 'valid' } : { status: 'invalid', message: answer.error.message, position: answer.error.position },
          }),
        () => {
          if (!controller.signal.aborted) setChecked({ query, result: { status: 'unavailable' } });
        },
      );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, empty, delayMs]);

  if (empty) return { status: 'idle' };
  return checked?.query === query ? checked.result : { status: 'checking' };
}
