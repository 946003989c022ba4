import { useCallback, useEffect, useState } from 'react';
import { isApiRequestError } from '../../../shared/http';

export type ResourceState<T> = { status: 'loading' } | { status: 'error'; message: string; statusCode: number } | { status: 'ready'; data: T };

/**
 * One thing the api owns (the board, a category), loaded on mount and whenever `load`
 * changes (pass a memoised function), again on `reload()`. A reload keeps the shown data
 * until the answer arrives, so a form under it does not vanish.
 */
export function useAsyncResource<T>(load: (signal: AbortSignal) => Promise<T>, failureMessage: string) {
  const [state, setState] = useState<ResourceState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          status: 'error',
          message: isApiRequestError(error) ? error.message : failureMessage,
          statusCode: isApiRequestError(error) ? error.statusCode : 0,
        });
      },
    );
    return () => controller.abort();
  }, [load, attempt, failureMessage]);

  /** Loads again; with `quiet`, the current data stays on screen meanwhile. */
  const reload = useCallback((quiet = false) => {
    if (!quiet) setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  return { state, reload };
}
