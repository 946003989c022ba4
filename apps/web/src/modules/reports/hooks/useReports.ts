import { useCallback } from 'react';
import * as reportsApi from '../api/reports.api';
import { useAsyncResource } from '../../root-causes/hooks/useAsyncResource';

/** The workspace's weeks, newest first. */
export function useReportList() {
  const load = useCallback((signal: AbortSignal) => reportsApi.listReports(signal), []);
  return useAsyncResource(load, 'The reports could not be loaded.');
}

/** One report's stored snapshot. */
export function useReportDetail(id: string) {
  const load = useCallback((signal: AbortSignal) => reportsApi.getReport(id, signal), [id]);
  return useAsyncResource(load, 'This report could not be loaded.');
}
