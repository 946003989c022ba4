import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiRequestError } from '../http';

export type ResourceListState<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  /** `stale`: the last refresh failed, so this is what the api said before. */
  | { status: 'ready'; items: T[]; stale: boolean };

export interface ResourceListOptions {
  /** Shown when the first load fails with something other than an api error (which says why itself). */
  failureMessage: string;
  /** When set, the list is fetched again this often until the component unmounts. */
  refreshMs?: number;
}

/** `items` with `item` in place of the one with its id, or added at the end. */
export function upsertById<T extends { id: string }>(items: readonly T[], item: T): T[] {
  return items.some((i) => i.id === item.id) ? items.map((i) => (i.id === item.id ? item : i)) : [...items, item];
}

/**
 * A list the api owns (users, sources, brands…): loaded on mount, loaded again on
 * `reload()` (and every `refreshMs` if given), and kept in step with what the api answers
 * to each change through `upsert`, `remove` and `change`. Pass a stable `load` (an api
 * module's function): a new function loads the list again.
 */
export function useResourceList<T extends { id: string }>(load: (signal: AbortSignal) => Promise<T[]>, { failureMessage, refreshMs }: ResourceListOptions) {
  const [state, setState] = useState<ResourceListState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // Bumped by every local change: a refresh that started before it must not undo it.
  const changes = useRef(0);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const again = () => {
      if (refreshMs !== undefined) timer = setTimeout(run, refreshMs);
    };

    function run() {
      const seen = changes.current;
      load(controller.signal).then(
        (items) => {
          if (controller.signal.aborted) return;
          const overtaken = seen !== changes.current;
          // A list that is not shown yet has no local change to lose.
          setState((current) => (overtaken && current.status === 'ready' ? current : { status: 'ready', items, stale: false }));
          again();
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const message = isApiRequestError(error) ? error.message : failureMessage;
          setState((current) => (current.status === 'ready' ? { ...current, stale: true } : { status: 'error', message }));
          again();
        },
      );
    }

    run();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [attempt, refreshMs, load, failureMessage]);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  /** Applies `edit` to the loaded list; nothing happens before the list is loaded. */
  const change = useCallback((edit: (items: T[]) => T[]) => {
    changes.current += 1;
    setState((current) => (current.status === 'ready' ? { ...current, items: edit(current.items) } : current));
  }, []);

  const upsert = useCallback((item: T) => change((items) => upsertById(items, item)), [change]);
  const remove = useCallback((id: string) => change((items) => items.filter((i) => i.id !== id)), [change]);

  return { state, reload, upsert, remove, change };
}
