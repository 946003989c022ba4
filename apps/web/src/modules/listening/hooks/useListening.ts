import { useCallback, useEffect, useState } from 'react';
import type { Brand, CreateBrandRequest, CreateListeningQueryRequest, ListeningQuery, UpdateBrandRequest, UpdateListeningQueryRequest } from '@earshot/contracts';
import { isApiRequestError } from '../../../shared/http';
import * as brandsApi from '../api/brands.api';
import * as queriesApi from '../api/listening-queries.api';

export type ListeningState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; brands: Brand[]; queries: ListeningQuery[] };

function upsert<T extends { id: string }>(items: T[], item: T): T[] {
  return items.some((i) => i.id === item.id) ? items.map((i) => (i.id === item.id ? item : i)) : [...items, item];
}

/** Brands and their listening queries, kept in step with what the api answers to each change. */
export function useListening() {
  const [state, setState] = useState<ListeningState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([brandsApi.listBrands(controller.signal), queriesApi.listQueries(controller.signal)]).then(
      ([brands, queries]) => setState({ status: 'ready', brands, queries }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'error', message: isApiRequestError(error) ? error.message : 'Brands and queries could not be loaded.' });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const update = useCallback((change: (ready: Extract<ListeningState, { status: 'ready' }>) => Partial<Extract<ListeningState, { status: 'ready' }>>) => {
    setState((current) => (current.status === 'ready' ? { ...current, ...change(current) } : current));
  }, []);

  const createBrand = useCallback(
    async (request: CreateBrandRequest) => {
      const brand = await brandsApi.createBrand(request);
      update(({ brands }) => ({ brands: upsert(brands, brand) }));
      return brand;
    },
    [update],
  );

  const updateBrand = useCallback(
    async (id: string, change: UpdateBrandRequest) => {
      const brand = await brandsApi.updateBrand(id, change);
      update(({ brands }) => ({ brands: upsert(brands, brand) }));
      return brand;
    },
    [update],
  );

  const deleteBrand = useCallback(
    async (id: string) => {
      await brandsApi.deleteBrand(id);
      // The api deletes the brand's queries with it.
      update(({ brands, queries }) => ({ brands: brands.filter((b) => b.id !== id), queries: queries.filter((q) => q.brandId !== id) }));
    },
    [update],
  );

  const createQuery = useCallback(
    async (request: CreateListeningQueryRequest) => {
      const query = await queriesApi.createQuery(request);
      update(({ queries }) => ({ queries: upsert(queries, query) }));
      return query;
    },
    [update],
  );

  const updateQuery = useCallback(
    async (id: string, change: UpdateListeningQueryRequest) => {
      const query = await queriesApi.updateQuery(id, change);
      update(({ queries }) => ({ queries: upsert(queries, query) }));
      return query;
    },
    [update],
  );

  const deleteQuery = useCallback(
    async (id: string) => {
      await queriesApi.deleteQuery(id);
      update(({ queries }) => ({ queries: queries.filter((q) => q.id !== id) }));
    },
    [update],
  );

  return { state, reload, createBrand, updateBrand, deleteBrand, createQuery, updateQuery, deleteQuery };
}
