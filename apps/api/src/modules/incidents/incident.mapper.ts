import type { StatusPost } from '@earshot/contracts';
import { safeHttpUrl, type ReplyRow } from '../replies/reply.mapper.js';

const iso = (d: Date | string): string => new Date(d).toISOString();

/** A status post (a reply row of kind `post`) → wire shape; never the lease, idempotency key or client key. */
export function toStatusPostDto(r: ReplyRow): StatusPost {
  return {
    id: r.id,
    sourceId: r.source_id,
    platform: r.platform,
    text: r.text,
    status: r.status,
    author: { id: r.author_user_id, name: r.author_name ?? 'former user' },
    attempts: Number(r.attempts),
    lastError: r.last_error,
    externalId: r.external_id,
    externalUrl: safeHttpUrl(r.external_url),
    createdAt: iso(r.created_at),
    sentAt: r.sent_at ? iso(r.sent_at) : null,
    failure: r.status === 'failed' || r.status === 'unknown' ? (r.failure_kind ?? null) : null,
    dismissedAt: r.dismissed_at ? iso(r.dismissed_at) : null,
  };
}
