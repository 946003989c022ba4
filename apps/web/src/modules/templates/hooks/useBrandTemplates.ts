import { useCallback } from 'react';
import type { CreateTemplateRequest, UpdateTemplateRequest } from '@earshot/contracts';
import { useResourceList } from '../../../shared/hooks/useResourceList';
import * as templatesApi from '../api/templates.api';

/** One brand's templates, in step with what the api answers to each change. */
export function useBrandTemplates(brandId: string) {
  const load = useCallback((signal: AbortSignal) => templatesApi.listTemplates(brandId, signal), [brandId]);
  const list = useResourceList(load, { failureMessage: 'The templates could not be loaded.' });
  const { upsert, remove: drop } = list;

  const create = useCallback(
    async (request: CreateTemplateRequest) => {
      const template = await templatesApi.createTemplate(request);
      upsert(template);
      return template;
    },
    [upsert],
  );

  const update = useCallback(
    async (id: string, change: UpdateTemplateRequest) => {
      const template = await templatesApi.updateTemplate(id, change);
      upsert(template);
      return template;
    },
    [upsert],
  );

  const remove = useCallback(
    async (id: string) => {
      await templatesApi.deleteTemplate(id);
      drop(id);
    },
    [drop],
  );

  return { state: list.state, reload: list.reload, create, update, remove };
}
