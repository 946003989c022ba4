import { useCallback, useMemo } from 'react';
import type { CreateSourceRequest, Source, UpdateSourceRequest } from '@earshot/contracts';
import { useResourceList } from '../../../shared/hooks/useResourceList';
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
  const list = useResourceList(sourcesApi.listSources, { failureMessage: 'The list of sources could not be loaded.', refreshMs });
  const { reload, upsert, remove } = list;

  const state = useMemo<SourcesState>(
    () => (list.state.status === 'ready' ? { status: 'ready', sources: list.state.items, stale: list.state.stale } : list.state),
    [list.state],
  );

  const createSource = useCallback(
    async (request: CreateSourceRequest) => {
      const source = await sourcesApi.createSource(request);
      upsert(source);
      return source;
    },
    [upsert],
  );

  const updateSource = useCallback(
    async (id: string, change: UpdateSourceRequest) => {
      const source = await sourcesApi.updateSource(id, change);
      upsert(source);
      return source;
    },
    [upsert],
  );

  const pollNow = useCallback(
    async (id: string) => {
      const source = await sourcesApi.pollSourceNow(id);
      upsert(source);
      return source;
    },
    [upsert],
  );

  const deleteSource = useCallback(
    async (id: string) => {
      await sourcesApi.deleteSource(id);
      remove(id);
    },
    [remove],
  );

  return { state, reload, createSource, updateSource, pollNow, deleteSource };
}
