import { useCallback, useEffect, useRef, useState } from 'react';
import type { LearningState } from '@earshot/contracts';
import { isApiRequestError } from '../../../shared/http';
import { getLearningState } from '../api/learning.api';

export type LearningLoad = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: LearningState };

/** While a version trains, the list is read again this often until it has finished. */
export const TRAINING_POLL_MS = 3_000;

/** Settings › Learning's model list: loaded on mount, again on reload(), and polled while a version trains. */
export function useLearning() {
  const [state, setState] = useState<LearningLoad>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    getLearningState(controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        setState({ status: 'ready', data });
        if (data.items.some((m) => m.status === 'training')) timer.current = setTimeout(() => setAttempt((n) => n + 1), TRAINING_POLL_MS);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((current) =>
          current.status === 'ready'
            ? current
            : { status: 'error', message: isApiRequestError(error) ? error.message : 'The model versions could not be loaded. Try again in a moment.' },
        );
      },
    );
    return () => {
      controller.abort();
      clearTimeout(timer.current);
    };
  }, [attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  /** The api's answer to an activation or a rollback is the new state: shown at once. */
  const replace = useCallback((data: LearningState) => setState({ status: 'ready', data }), []);
  return { state, reload, replace };
}
