import { useEffect, useState } from 'react';
import { isApiRequestError } from '../../../shared/http';

export type ReportState<T> = { status: 'loading' } | { status: 'error'; message: string; statusCode: number } | { status: 'ready'; data: T };

/**
 * One report of the page, loaded whenever `key` changes (the query) with `load`. While a new
 * query loads nothing of the old one is shown: a bar of the old figures would drill down with
 * the new filters.
 */
export function useReport<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>, failure: string): ReportState<T> {
  const [state, setState] = useState<{ key: string | null; value: ReportState<T> }>({ key: null, value: { status: 'loading' } });
  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, value: { status: 'ready', data } });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          key,
          value: {
            status: 'error',
            message: isApiRequestError(error) ? error.message : failure,
            statusCode: isApiRequestError(error) ? error.statusCode : 0,
          },
        });
      },
    );
    return () => controller.abort();
    // `load` follows `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state.key === key ? state.value : { status: 'loading' };
}
