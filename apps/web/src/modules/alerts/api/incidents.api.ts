import { http } from '../../../shared/http';
import { IncidentRepliesResultSchema, IncidentSchema, StatusPostSchema, type Incident, type IncidentRepliesResult, type StatusPost } from './alert-schemas';

const enc = encodeURIComponent;

export function getIncident(alertId: string, signal?: AbortSignal): Promise<Incident> {
  return http.get(`/api/alerts/${enc(alertId)}/incident`, IncidentSchema, signal ? { signal } : {});
}

/** One reply per affected author, through the reply outbox; the same `clientKey` again queues nothing twice. */
export function answerAuthors(alertId: string, body: { body: string; clientKey: string }): Promise<IncidentRepliesResult> {
  return http.post(`/api/alerts/${enc(alertId)}/replies`, body, IncidentRepliesResultSchema);
}

/** One public status post (not a reply), exactly once per `clientKey`. */
export function postStatusUpdate(alertId: string, body: { body: string; sourceId?: string; clientKey: string }): Promise<StatusPost> {
  return http.post(`/api/alerts/${enc(alertId)}/status-post`, body, StatusPostSchema);
}
