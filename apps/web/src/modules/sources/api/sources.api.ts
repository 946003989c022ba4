import { SourceListSchema, SourceSchema, type CreateSourceRequest, type Source, type UpdateSourceRequest } from '@earshot/contracts';
import { http } from '../../../shared/http';

const path = (id: string) => `/api/sources/${encodeURIComponent(id)}`;

export async function listSources(signal?: AbortSignal): Promise<Source[]> {
  const list = await http.get('/api/sources', SourceListSchema, signal ? { signal } : {});
  return list.items;
}

export function createSource(request: CreateSourceRequest): Promise<Source> {
  return http.post('/api/sources', request, SourceSchema);
}

export function updateSource(id: string, change: UpdateSourceRequest): Promise<Source> {
  return http.patch(path(id), change, SourceSchema);
}

/** Asks the poller to poll the source at its next tick (202). */
export function pollSourceNow(id: string): Promise<Source> {
  return http.post(`${path(id)}/poll`, undefined, SourceSchema);
}

export function deleteSource(id: string): Promise<void> {
  return http.send('DELETE', path(id));
}
