import { http } from '../../../shared/http';
import {
  AlertEventSchema,
  AlertListSchema,
  AlertRuleListSchema,
  AlertRuleSchema,
  type AlertEvent,
  type AlertList,
  type AlertRule,
  type CreateAlertRuleRequest,
  type UpdateAlertRuleRequest,
} from './alert-schemas';

const enc = encodeURIComponent;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export interface AlertListQuery {
  /** Only alerts changed (raised or cleared) after this `seq` (the catch-up of a client that was away). */
  since?: number | null;
  status?: 'raised' | 'cleared' | 'all';
  limit?: number;
}

/** `GET /api/alerts`: newest first, with the workspace's highest `seq` (the next `since`). */
export function listAlerts(query: AlertListQuery, signal?: AbortSignal): Promise<AlertList> {
  const params = new URLSearchParams();
  if (query.since !== undefined && query.since !== null) params.set('since', String(query.since));
  if (query.status) params.set('status', query.status);
  if (query.limit) params.set('limit', String(query.limit));
  const text = params.toString();
  return http.get(`/api/alerts${text ? `?${text}` : ''}`, AlertListSchema, withSignal(signal));
}

export function getAlert(id: string, signal?: AbortSignal): Promise<AlertEvent> {
  return http.get(`/api/alerts/${enc(id)}`, AlertEventSchema, withSignal(signal));
}

export async function listAlertRules(signal?: AbortSignal): Promise<AlertRule[]> {
  return (await http.get('/api/alert-rules', AlertRuleListSchema, withSignal(signal))).items;
}

export function createAlertRule(body: CreateAlertRuleRequest): Promise<AlertRule> {
  return http.post('/api/alert-rules', body, AlertRuleSchema);
}

export function updateAlertRule(id: string, change: UpdateAlertRuleRequest): Promise<AlertRule> {
  return http.patch(`/api/alert-rules/${enc(id)}`, change, AlertRuleSchema);
}

export function deleteAlertRule(id: string): Promise<void> {
  return http.send('DELETE', `/api/alert-rules/${enc(id)}`);
}
