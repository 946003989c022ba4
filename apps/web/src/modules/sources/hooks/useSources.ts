import { useCallback, useEffect, useRef, useState } from 'react';
import type { CreateSourceRequest, Source, UpdateSourceRequest } from '@earshot/contracts';
import { isApiRequestError } from '../../../shared/http';
import * as sourcesApi from '../api/sources.api';

/** How often the list is fetched again while the page is open: health changes on its own. */
export const SOURCES_REFRESH_MS = 10_000;

export type SourcesState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  /** `stale`: the last refresh failed, so this is what the api said before. */
  | { status: 'ready'; sources: Source[]; stale: boolean };

/**
 * The workspace's sources, fetched again every `refreshMs` until the component using it
 * unmounts, and kept in step with what the api answers to each change.
 */
export function useSources(refreshMs: number = SOURCES_REFRESH_MS) {
  const [state, setState] = useState<SourcesState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // Bumped by every local change: a refresh that started before it must not undo it.
  const changes = useRef(0);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;

    function load() {
      const seen = changes.current;
      sourcesApi.listSources(controller.signal).then(
        (sources) => {
          if (controller.signal.aborted) return;
          if (seen === changes.current) setState({ status: 'ready', sources, stale: false });
          timer = setTimeout(load, refreshMs);
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setState((current) =>
            current.status === 'ready'
              ? { ...current, stale: true }
              : { status: 'error', message: isApiRequestError(error) ? error.message : 'The list of sources could not be loaded.' },
          );
          timer = setTimeout(load, refreshMs);
        },
      );
    }

    load();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [attempt, refreshMs]);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const apply = useCallback((change: (sources: Source[]) => Source[]) => {
    changes.current += 1;
    setState((current) => (current.status === 'ready' ? { ...current, sources: change(current.sources) } : current));
  }, []);

  const replace = useCallback(
    (source: Source) =>
      apply((sources) => (sources.some((s) => s.id === source.id) ? sources.map((s) => (s.id === source.id ? source : s)) : [...sources, source])),
    [apply],
  );

  const createSource = useCallback(
    async (request: CreateSourceRequest) => {
      const source = await sourcesApi.createSource(request);
      replace(source);
      return source;
    },
    [replace],
  );

  const updateSource = useCallback(
    async (id: string, change: UpdateSourceRequest) => {
      const source = await sourcesApi.updateSource(id, change);
      replace(source);
      return source;
    },
    [replace],
  );

  const pollNow = useCallback(
    async (id: string) => {
      const source = await sourcesApi.pollSourceNow(id);
      replace(source);
      return source;
    },
    [replace],
  );

  const deleteSource = useCallback(
    async (id: string) => {
      await sourcesApi.deleteSource(id);
      apply((sources) => sources.filter((s) => s.id !== id));
    },
    [apply],
  );

  return { state, reload, createSource, updateSource, pollNow, deleteSource };
}
