import {
  ListeningQueryListSchema,
  ListeningQuerySchema,
  ValidateQueryResponseSchema,
  type CreateListeningQueryRequest,
  type ListeningQuery,
  type UpdateListeningQueryRequest,
  type ValidateQueryResponse,
} from '@earshot/contracts';
import { http } from '../../../shared/http';

const path = (id: string) => `/api/listening-queries/${encodeURIComponent(id)}`;

export async function listQueries(signal?: AbortSignal): Promise<ListeningQuery[]> {
  const list = await http.get('/api/listening-queries', ListeningQueryListSchema, signal ? { signal } : {});
  return list.items;
}

/** Checks a query's syntax: valid, or the problem and its 0-based character position. */
export function validateQuery(query: string, signal?: AbortSignal): Promise<ValidateQueryResponse> {
  return http.post('/api/listening-queries/validate', { query }, ValidateQueryResponseSchema, signal ? { signal } : {});
}

export function createQuery(request: CreateListeningQueryRequest): Promise<ListeningQuery> {
  return http.post('/api/listening-queries', request, ListeningQuerySchema);
}

export function updateQuery(id: string, change: UpdateListeningQueryRequest): Promise<ListeningQuery> {
  return http.patch(path(id), change, ListeningQuerySchema);
}

export function deleteQuery(id: string): Promise<void> {
  return http.send('DELETE', path(id));
}
