import { useCallback } from 'react';
import type { RootCauseBoardQuery } from '@earshot/contracts';
import * as rootCausesApi from '../api/root-causes.api';
import { useAsyncResource } from './useAsyncResource';

/** The board for a period: one row per category, by volume. */
export function useRootCauseBoard(query: RootCauseBoardQuery) {
  const { from, to } = query;
  const load = useCallback((signal: AbortSignal) => rootCausesApi.getBoard({ from, to }, signal), [from, to]);
  return useAsyncResource(load, 'The root causes could not be loaded.');
}

/** One category with its history and, after a fix, the outcome. */
export function useRootCauseDetail(category: string, query: RootCauseBoardQuery) {
  const { from, to } = query;
  const load = useCallback((signal: AbortSignal) => rootCausesApi.getDetail(category, { from, to }, signal), [category, from, to]);
  return useAsyncResource(load, 'This category could not be loaded.');
}
