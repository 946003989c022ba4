import { SlaTargetsSchema, type SlaTargets } from '@earshot/contracts';
import { http, request } from '../../../shared/http';

export function getSlaTargets(signal?: AbortSignal): Promise<SlaTargets> {
  return http.get('/api/workspace/sla', SlaTargetsSchema, signal ? { signal } : {});
}

export function putSlaTargets(targets: SlaTargets): Promise<SlaTargets> {
  return request('PUT', '/api/workspace/sla', { body: targets, schema: SlaTargetsSchema });
}
