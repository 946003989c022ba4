import {
  BulkUpdateMentionsResponseSchema,
  ClaimSchema,
  CreateCorrectionResponseSchema,
  MentionChangesSchema,
  MentionDetailSchema,
  MentionNoteSchema,
  MentionPageSchema,
  MentionSchema,
  type BulkUpdateMentionsRequest,
  type BulkUpdateMentionsResponse,
  type Claim,
  type CreateCorrectionRequest,
  type CreateCorrectionResponse,
  type Mention,
  type MentionChanges,
  type MentionDetail,
  type MentionNote,
  type MentionPage,
  type UpdateMentionRequest,
} from '@earshot/contracts';
import { http } from '../../../shared/http';

const path = (id: string) => `/api/mentions/${encodeURIComponent(id)}`;
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export function listMentions(query: URLSearchParams, signal?: AbortSignal): Promise<MentionPage> {
  const qs = query.toString();
  return http.get(qs ? `/api/mentions?${qs}` : '/api/mentions', MentionPageSchema, opts(signal));
}

/** Mentions changed after `since` (one batch; ask again from `seq` while `hasMore`). */
export function listChanges(since: number, signal?: AbortSignal): Promise<MentionChanges> {
  return http.get(`/api/mentions/changes?since=${since}&limit=500`, MentionChangesSchema, opts(signal));
}

export function getMention(id: string, signal?: AbortSignal): Promise<MentionDetail> {
  return http.get(path(id), MentionDetailSchema, opts(signal));
}

export function updateMention(id: string, change: UpdateMentionRequest): Promise<Mention> {
  return http.patch(path(id), change, MentionSchema);
}

export function bulkUpdateMentions(request: BulkUpdateMentionsRequest): Promise<BulkUpdateMentionsResponse> {
  return http.post('/api/mentions/bulk', request, BulkUpdateMentionsResponseSchema);
}

export function addNote(id: string, body: string): Promise<MentionNote> {
  return http.post(`${path(id)}/notes`, { body }, MentionNoteSchema);
}

/** Claims (or renews a claim on) a mention to reply; 409 `claimed` when someone else holds it. */
export function claimMention(id: string, takeOver = false): Promise<Claim> {
  return http.post(`${path(id)}/claim`, { takeOver }, ClaimSchema);
}

export function releaseClaim(id: string): Promise<void> {
  return http.send('DELETE', `${path(id)}/claim`);
}

/** Sets the team's values for one or more of sentiment, intent, category and urgency level in one action. */
export function correctMention(id: string, correction: CreateCorrectionRequest): Promise<CreateCorrectionResponse> {
  return http.post(`${path(id)}/corrections`, correction, CreateCorrectionResponseSchema);
}
