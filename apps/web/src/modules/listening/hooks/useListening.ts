import { useCallback, useMemo } from 'react';
import type {
  Brand,
  CreateBrandRequest,
  CreateListeningQueryRequest,
  ListeningQuery,
  UpdateBrandRequest,
  UpdateListeningQueryRequest,
} from '@earshot/contracts';
import { useResourceList } from '../../../shared/hooks/useResourceList';
import * as brandsApi from '../api/brands.api';
import * as queriesApi from '../api/listening-queries.api';

export type ListeningState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; brands: Brand[]; queries: ListeningQuery[] };

const FAILURE_MESSAGE = 'Brands and queries could not be loaded.';

/** Brands and their listening queries, kept in step with what the api answers to each change. */
export function useListening() {
  const brands = useResourceList(brandsApi.listBrands, { failureMessage: FAILURE_MESSAGE });
  const queries = useResourceList(queriesApi.listQueries, { failureMessage: FAILURE_MESSAGE });
  const { reload: reloadBrands, upsert: upsertBrand, remove: removeBrand } = brands;
  const { reload: reloadQueries, upsert: upsertQuery, remove: removeQuery, change: changeQueries } = queries;

  // One state for the page: an error in either list is the page's error; it is ready when both are.
  const state = useMemo<ListeningState>(() => {
    const [b, q] = [brands.state, queries.state];
    if (b.status === 'error') return b;
    if (q.status === 'error') return q;
    if (b.status === 'loading' || q.status === 'loading') return { status: 'loading' };
    return { status: 'ready', brands: b.items, queries: q.items };
  }, [brands.state, queries.state]);

  const reload = useCallback(() => {
    reloadBrands();
    reloadQueries();
  }, [reloadBrands, reloadQueries]);

  const createBrand = useCallback(
    async (request: CreateBrandRequest) => {
      const brand = await brandsApi.createBrand(request);
      upsertBrand(brand);
      return brand;
    },
    [upsertBrand],
  );

  const updateBrand = useCallback(
    async (id: string, change: UpdateBrandRequest) => {
      const brand = await brandsApi.updateBrand(id, change);
      upsertBrand(brand);
      return brand;
    },
    [upsertBrand],
  );

  const deleteBrand = useCallback(
    async (id: string) => {
      await brandsApi.deleteBrand(id);
      removeBrand(id);
      // The api deletes the brand's queries with it.
      changeQueries((items) => items.filter((q) => q.brandId !== id));
    },
    [removeBrand, changeQueries],
  );

  const createQuery = useCallback(
    async (request: CreateListeningQueryRequest) => {
      const query = await queriesApi.createQuery(request);
      upsertQuery(query);
      return query;
    },
    [upsertQuery],
  );

  const updateQuery = useCallback(
    async (id: string, change: UpdateListeningQueryRequest) => {
      const query = await queriesApi.updateQuery(id, change);
      upsertQuery(query);
      return query;
    },
    [upsertQuery],
  );

  const deleteQuery = useCallback(
    async (id: string) => {
      await queriesApi.deleteQuery(id);
      removeQuery(id);
    },
    [removeQuery],
  );

  return { state, reload, createBrand, updateBrand, deleteBrand, createQuery, updateQuery, deleteQuery };
}
