import { ReplyTemplateListSchema, ReplyTemplateSchema, type CreateTemplateRequest, type ReplyTemplate, type UpdateTemplateRequest } from '@earshot/contracts';
import { http } from '../../../shared/http';

const path = (id: string) => `/api/templates/${encodeURIComponent(id)}`;

/** The workspace's reply templates; with a brand id, only that brand's. */
export async function listTemplates(brandId?: string, signal?: AbortSignal): Promise<ReplyTemplate[]> {
  const query = brandId ? `?brandId=${encodeURIComponent(brandId)}` : '';
  const list = await http.get(`/api/templates${query}`, ReplyTemplateListSchema, signal ? { signal } : {});
  return list.items;
}

export function createTemplate(request: CreateTemplateRequest): Promise<ReplyTemplate> {
  return http.post('/api/templates', request, ReplyTemplateSchema);
}

export function updateTemplate(id: string, change: UpdateTemplateRequest): Promise<ReplyTemplate> {
  return http.patch(path(id), change, ReplyTemplateSchema);
}

export function deleteTemplate(id: string): Promise<void> {
  return http.send('DELETE', path(id));
}

/** One object for callers that prefer `templatesApi.list(...)`. */
export const templatesApi = { list: listTemplates, create: createTemplate, update: updateTemplate, remove: deleteTemplate };
