import type { ApprovalReason, LintReport, Platform, Reply, ReplyFailure, ReplyStatus, TeamReply } from '@earshot/contracts';

/** One row of REPLY_SELECT (snake_case as PostgreSQL returns it). Lease columns are read by the sender only. */
export interface ReplyRow {
  id: string;
  workspace_id: string;
  /** Null only for a status post (kind `post`), which the reply lists leave out. */
  mention_id: string;
  kind: 'reply' | 'post';
  alert_id: string | null;
  source_id: string | null;
  platform: Platform;
  text: string;
  template_id: string | null;
  template_unedited: boolean;
  status: ReplyStatus;
  author_user_id: string;
  author_name: string | null;
  resolve_on_send: boolean;
  approval_required: boolean;
  approval_reasons: ApprovalReason[];
  decided_by_id: string | null;
  decider_name: string | null;
  decided_at: Date | null;
  decision_comment: string | null;
  lint_report: LintReport;
  idempotency_key: string;
  client_key: string;
  attempts: number;
  next_attempt_at: Date | null;
  first_attempt_at: Date | null;
  last_error: string | null;
  external_id: string | null;
  external_url: string | null;
  sent_at: Date | null;
  failure_kind: ReplyFailure | null;
  dismissed_at: Date | null;
  dismissed_by_id: string | null;
  dismisser_name: string | null;
  dismiss_note: string | null;
  created_at: Date;
  updated_at: Date;
}

/** Every column a Reply DTO needs, with the author's and the decider's names. */
export const REPLY_SELECT = `SELECT r.id, r.workspace_id, r.mention_id, r.kind, r.alert_id, r.source_id, r.platform, r.text, r.template_id, r.template_unedited, r.status,
    r.author_user_id, au.name AS author_name, r.resolve_on_send, r.approval_required, r.approval_reasons, r.decided_by_id, dc.name AS decider_name,
    r.decided_at, r.decision_comment, r.lint_report, r.idempotency_key, r.client_key, r.attempts, r.next_attempt_at, r.first_attempt_at,
    r.last_error, r.external_id, r.external_url, r.sent_at, r.failure_kind, r.dismissed_at, r.dismissed_by_id, ds.name AS dismisser_name, r.dismiss_note,
    r.created_at, r.updated_at
  FROM reply r
  LEFT JOIN "user" au ON au.id = r.author_user_id
  LEFT JOIN "user" dc ON dc.id = r.decided_by_id
  LEFT JOIN "user" ds ON ds.id = r.dismissed_by_id`;

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** Only an http(s) URL leaves the api (a platform could answer with `javascript:`). */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url || url.length > 2000) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/** Row → wire shape. Never the lease, the idempotency key or the client key. */
export function toReplyDto(r: ReplyRow): Reply {
  return {
    id: r.id,
    mentionId: r.mention_id,
    platform: r.platform,
    text: r.text,
    templateId: r.template_id,
    templateUnedited: r.template_unedited,
    status: r.status,
    author: { id: r.author_user_id, name: r.author_name ?? 'former user' },
    resolveOnSend: r.resolve_on_send,
    approval: {
      required: r.approval_required,
      reasons: r.approval_reasons ?? [],
      decidedBy: r.decided_by_id ? { id: r.decided_by_id, name: r.decider_name ?? 'former user' } : null,
      decidedAt: iso(r.decided_at),
      comment: r.decision_comment,
    },
    lint: r.lint_report,
    attempts: r.attempts,
    nextAttemptAt: iso(r.next_attempt_at),
    lastError: r.last_error,
    externalId: r.external_id,
    externalUrl: safeHttpUrl(r.external_url),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    sentAt: iso(r.sent_at),
    failure: r.status === 'failed' || r.status === 'unknown' ? (r.failure_kind ?? null) : null,
    dismissal:
      r.dismissed_at && r.dismissed_by_id
        ? { by: { id: r.dismissed_by_id, name: r.dismisser_name ?? 'former user' }, at: iso(r.dismissed_at)!, note: r.dismiss_note }
        : null,
  };
}

/** A sent reply as the author's history shows it. */
export function toTeamReplyDto(r: ReplyRow): TeamReply {
  return {
    replyId: r.id,
    mentionId: r.mention_id,
    text: r.text,
    author: { id: r.author_user_id, name: r.author_name ?? 'former user' },
    sentAt: iso(r.sent_at ?? r.updated_at)!,
    externalUrl: safeHttpUrl(r.external_url),
    templateId: r.template_id,
    templateUnedited: r.template_unedited,
  };
}
