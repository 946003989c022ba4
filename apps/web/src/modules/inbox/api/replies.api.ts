import { ReplyListSchema, ReplySchema, type CreateReplyRequest, type Reply, type ReplyStatus } from '@earshot/contracts';
import { http } from '../../../shared/http';

const path = (id: string) => `/api/replies/${encodeURIComponent(id)}`;
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

/**
 * Submits a composed reply. The same `clientKey` again (a double click, a retry after a lost
 * answer) returns the first reply instead of making a second one.
 */
export function createReply(mentionId: string, request: CreateReplyRequest): Promise<Reply> {
  return http.post(`/api/mentions/${encodeURIComponent(mentionId)}/replies`, request, ReplySchema);
}

/** Replies by status (`pending_approval` for the approval queue) and/or for one mention. */
export async function listReplies(query: { status?: readonly ReplyStatus[]; mentionId?: string }, signal?: AbortSignal): Promise<Reply[]> {
  const params = new URLSearchParams();
  if (query.status?.length) params.set('status', query.status.join(','));
  if (query.mentionId) params.set('mentionId', query.mentionId);
  const qs = params.toString();
  const list = await http.get(qs ? `/api/replies?${qs}` : '/api/replies', ReplyListSchema, opts(signal));
  return list.items;
}

export function approveReply(id: string, comment?: string): Promise<Reply> {
  return http.post(`${path(id)}/approve`, comment ? { comment } : {}, ReplySchema);
}

/** A comment is required: it tells the agent what to change. */
export function rejectReply(id: string, comment: string): Promise<Reply> {
  return http.post(`${path(id)}/reject`, { comment }, ReplySchema);
}

/**
 * A failed reply goes back to the outbox (same idempotency key); an unconfirmed one is checked
 * with the platform before anything is sent again. 409 in words when a retry cannot help.
 */
export function retryReply(id: string): Promise<Reply> {
  return http.post(`${path(id)}/retry`, {}, ReplySchema);
}

/** Gives up on a failed or unconfirmed reply (e.g. posted by hand): it is never sent. */
export function dismissReply(id: string, note?: string): Promise<Reply> {
  return http.post(`${path(id)}/dismiss`, note ? { note } : {}, ReplySchema);
}
