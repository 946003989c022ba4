import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { queueFiltersFromSearch, queueFiltersToSearch, type QueueFilters } from '../queue-filters';

/**
 * The inbox's filters live in the address: read on every change of it (a link, back and
 * forward), written on every change of a filter. A new choice is a new history entry;
 * `replace` (typing in the search box) rewrites the current one instead.
 */
export function useQueueUrl() {
  const location = useLocation();
  const navigate = useNavigate();
  const { filters, problems } = useMemo(() => queueFiltersFromSearch(location.search), [location.search]);

  const setFilters = useCallback(
    (next: QueueFilters, options: { replace?: boolean } = {}) => {
      const search = queueFiltersToSearch(next);
      if (search === queueFiltersToSearch(filters) && problems.length === 0) return;
      void navigate({ pathname: location.pathname, search }, { replace: options.replace ?? false });
    },
    [filters, problems.length, location.pathname, navigate],
  );

  /** An inbox path (`/inbox`, `/inbox/<id>`) with the current filters. */
  const withFilters = useCallback((pathname: string) => `${pathname}${location.search}`, [location.search]);

  return { filters, problems, setFilters, withFilters };
}
