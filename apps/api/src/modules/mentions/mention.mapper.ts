import type { CorrectedValues, ReplySummary, Mention, MentionNote, SourcePlatform, UrgencyReason } from '@earshot/contracts';

/** One row of MENTION_SELECT. */
export interface MentionRow {
  id: string;
  change_seq: string;
  platform: string;
  external_id: string;
  url: string | null;
  text: string;
  language: string | null;
  platform_lang: string | null;
  posted_at: Date;
  created_at: Date;
  updated_at: Date;
  brand_id: string | null;
  topics: string[];
  thread_root_id: string | null;
  parent_id: string | null;
  engagement: Record<string, number | null> | null;
  sentiment_score: number | null;
  sentiment_label: string | null;
  sentiment_confidence: number | null;
  urgency_score: number;
  urgency_level: string | null;
  urgency_reasons: UrgencyReason[] | null;
  intent: string | null;
  category: string | null;
  spam: boolean;
  status: string;
  tags: string[];
  assignee_id: string | null;
  assignee_name: string | null;
  claimed_by_id: string | null;
  claimer_name: string | null;
  claimed_at: Date | null;
  claim_expires_at: Date | null;
  sla_due_at: Date | null;
  sla_breached_at: Date | null;
  first_response_at: Date | null;
  resolved_at: Date | null;
  reply_summary: ReplySummary;
  corrected: CorrectedValues | null;
  a_id: string;
  a_platform: string;
  a_handle: string;
  a_display_name: string | null;
  a_followers: number | null;
  a_verified: boolean;
  a_bot: boolean;
  a_avatar_url: string | null;
}

/** Every column a Mention DTO needs (never `raw`), with author, assignee and claimer names. */
export const MENTION_COLUMNS = `m.id, m.change_seq, m.platform, m.external_id, m.url, m.text, m.language, m.platform_lang, m.posted_at, m.created_at, m.updated_at,
    m.brand_id, m.topics, m.thread_root_id, m.parent_id, m.engagement, m.sentiment_score, m.sentiment_label, m.sentiment_confidence,
    m.urgency_score, m.urgency_level, m.urgency_reasons, m.intent, m.category, m.spam, m.status, m.tags,
    m.assignee_id, asg.name AS assignee_name, m.claimed_by_id, clm.name AS claimer_name, m.claimed_at, m.claim_expires_at,
    m.sla_due_at, m.sla_breached_at, m.first_response_at, m.resolved_at, m.reply_summary, m.corrected,
    a.id AS a_id, a.platform AS a_platform, a.handle AS a_handle, a.display_name AS a_display_name, a.followers AS a_followers,
    a.verified AS a_verified, a.bot AS a_bot, a.avatar_url AS a_avatar_url`;

export const MENTION_FROM = `  FROM mention m
  JOIN author a ON a.id = m.author_id
  LEFT JOIN "user" asg ON asg.id = m.assignee_id
  LEFT JOIN "user" clm ON clm.id = m.claimed_by_id`;

export const MENTION_SELECT = `SELECT ${MENTION_COLUMNS}\n${MENTION_FROM}`;

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Row → wire shape. A claim past its expiry is shown as no claim. */
export function toMentionDto(r: MentionRow, now = new Date()): Mention {
  // A claim whose holder's reply awaits approval is pinned: it does not lapse (see CLAIM_PINNED_SQL).
  const pinned = (r.reply_summary?.awaitingApproval ?? 0) > 0;
  const claimLive = r.claimed_by_id !== null && r.claim_expires_at !== null && (pinned || new Date(r.claim_expires_at) > now);
  const e = r.engagement ?? {};
  return {
    id: r.id,
    seq: Number(r.change_seq),
    platform: r.platform as SourcePlatform,
    externalId: r.external_id,
    url: r.url,
    text: r.text,
    language: r.language ?? r.platform_lang,
    postedAt: iso(r.posted_at)!,
    receivedAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    brandId: r.brand_id,
    topics: r.topics ?? [],
    author: {
      id: r.a_id,
      platform: r.a_platform as SourcePlatform,
      handle: r.a_handle,
      displayName: r.a_display_name,
      followers: r.a_followers,
      verified: r.a_verified,
      bot: r.a_bot,
      avatarUrl: r.a_avatar_url,
    },
    thread: { rootId: r.thread_root_id, parentId: r.parent_id },
    engagement: { replies: num(e.replies), reposts: num(e.reposts), likes: num(e.likes) },
    sentiment:
      r.sentiment_label === null
        ? null
        : { score: r.sentiment_score ?? 0, label: r.sentiment_label as NonNullable<Mention['sentiment']>['label'], confidence: r.sentiment_confidence ?? 0 },
    urgency:
      r.urgency_level === null
        ? null
        : { score: r.urgency_score, level: r.urgency_level as NonNullable<Mention['urgency']>['level'], reasons: r.urgency_reasons ?? [] },
    intent: r.intent as Mention['intent'],
    category: r.category,
    spam: r.spam,
    status: r.status as Mention['status'],
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? 'former user' } : null,
    tags: r.tags ?? [],
    replies: r.reply_summary,
    corrected: r.corrected ?? {},
    claim: claimLive
      ? {
          user: { id: r.claimed_by_id!, name: r.claimer_name ?? 'former user' },
          claimedAt: iso(r.claimed_at ?? r.claim_expires_at)!,
          expiresAt: iso(r.claim_expires_at)!,
          reason: pinned ? 'awaiting_approval' : 'replying',
        }
      : null,
    sla: { dueAt: iso(r.sla_due_at), breachedAt: iso(r.sla_breached_at), firstResponseAt: iso(r.first_response_at), resolvedAt: iso(r.resolved_at) },
  };
}

export interface NoteRow {
  id: string;
  mention_id: string;
  author_user_id: string;
  author_name: string | null;
  body: string;
  created_at: Date;
}

export function toNoteDto(r: NoteRow): MentionNote {
  return {
    id: r.id,
    mentionId: r.mention_id,
    author: { id: r.author_user_id, name: r.author_name ?? 'former user' },
    body: r.body,
    createdAt: iso(r.created_at)!,
  };
}
