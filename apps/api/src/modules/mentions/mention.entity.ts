import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ReplySummary } from '@earshot/contracts';

export type MentionStatus = 'new' | 'open' | 'pending' | 'resolved' | 'ignored';

/** One platform post that matched a listening query. Unique per (workspace, platform, external id). */
@Entity('mention')
@Index('mention_workspace_platform_external_uq', ['workspaceId', 'platform', 'externalId'], { unique: true })
/** Queue "newest" and "longest waiting", and the received-at time range. */
@Index('mention_workspace_created_idx', ['workspaceId', 'createdAt', 'id'])
/** The default queue: open work, most urgent first (keyset on urgency, received, id). */
@Index('mention_open_urgency_idx', ['workspaceId', 'urgencyScore', 'createdAt', 'id'], { where: `status IN ('new', 'open', 'pending')` })
/** Queue "SLA due" and the breach check (a range of due times per workspace). */
@Index('mention_open_sla_idx', ['workspaceId', 'slaDueAt', 'id'], { where: `status IN ('new', 'open', 'pending')` })
/** "My queue": only assigned mentions are in it, so ingest never writes to it. */
@Index('mention_assignee_idx', ['workspaceId', 'assigneeId', 'urgencyScore'], { where: `assignee_id IS NOT NULL` })
/** Expired claims are swept from here; only claimed mentions are in it. */
@Index('mention_claim_expiry_idx', ['claimExpiresAt'], { where: `claimed_by_id IS NOT NULL` })
/** Catch-up after a reconnect: everything changed after a sequence number. */
@Index('mention_workspace_seq_idx', ['workspaceId', 'changeSeq'])
/** Full-text search: GIN over `search_vector`, created in the migration by hand (TypeORM cannot express GIN). */
@Index('mention_search_idx', { synchronize: false })
/** An author's history, newest first; also counts their posts of the last 24 h at ingest. */
@Index('mention_author_posted_idx', ['authorId', 'postedAt'])
/** Analytics and the early-warning detector: a workspace's mentions by posted time. */
@Index('mention_workspace_posted_idx', ['workspaceId', 'postedAt'])
/** Team performance: a range's mentions with a sent reply (covering and partial, created in the migration: TypeORM cannot express INCLUDE). */
@Index('mention_team_replied_idx', { synchronize: false })
export class MentionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'varchar', length: 16 })
  platform!: string;

  @Column({ type: 'varchar', length: 255 })
  externalId!: string;

  @Column({ type: 'uuid', nullable: true })
  sourceId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  brandId!: string | null;

  /** Ids of every listening query that matched, and their topics. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  queryIds!: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  topics!: string[];

  @Column({ type: 'uuid' })
  authorId!: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  url!: string | null;

  @Column({ type: 'text' })
  text!: string;

  /**
   * The text's search terms, computed by PostgreSQL when the row is written. Stored (not an
   * expression index) so that a search walking the queue's index filters rows with a cheap
   * `@@` instead of re-parsing each post's text: 60 ms → 5 ms on a million mentions.
   */
  @Column({ type: 'tsvector', select: false, insert: false, update: false, generatedType: 'STORED', asExpression: `to_tsvector('english', text)` })
  searchVector!: string;

  /** Language the platform reported. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  platformLang!: string | null;

  @Column({ type: 'timestamptz' })
  postedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  editedAt!: Date | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  threadRootId!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  parentId!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  engagement!: Record<string, number | null>;

  @Column({ type: 'jsonb' })
  replyTarget!: Record<string, unknown>;

  // The platform's raw object lives in `mention_raw` (MentionRawEntity), outside this hot row.

  @Column({ type: 'varchar', length: 16, default: 'new' })
  status!: MentionStatus;

  @Column({ type: 'real', nullable: true })
  sentimentScore!: number | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  sentimentLabel!: string | null;

  @Column({ type: 'real', nullable: true })
  sentimentConfidence!: number | null;

  /** 0-100; never null so the queue's keyset order has no NULL holes. */
  @Column({ type: 'smallint', default: 0 })
  urgencyScore!: number;

  @Column({ type: 'varchar', length: 16, nullable: true })
  urgencyLevel!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  urgencyReasons!: unknown[];

  @Column({ type: 'varchar', length: 32, nullable: true })
  intent!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  category!: string | null;

  /** Detected language (ISO 639-1). */
  @Column({ type: 'varchar', length: 8, nullable: true })
  language!: string | null;

  @Column({ type: 'boolean', default: false })
  spam!: boolean;

  @Column({ type: 'uuid', nullable: true })
  assigneeId!: string | null;

  /** The agent replying to it; the claim lapses at `claimExpiresAt` unless renewed. */
  @Column({ type: 'uuid', nullable: true })
  claimedById!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  claimExpiresAt!: Date | null;

  /** The workspace change sequence number of the latest change (see WorkspaceEntity.changeSeq). */
  @Column({ type: 'bigint' })
  changeSeq!: string;

  @Column({ type: 'timestamptz', nullable: true })
  slaDueAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  slaBreachedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  firstResponseAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  tags!: string[];

  /**
   * The team's current values for the fields it corrected (`{"sentiment":"neutral","urgency":"high"}`,
   * only fields the team set). Every write of model scores to an existing mention keeps them:
   * see CORRECTED_AWARE_SET in mention-corrections.repository.ts.
   */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  corrected!: Partial<Record<'sentiment' | 'intent' | 'category' | 'urgency', string>>;

  /**
   * The team's replies at a glance (ReplySummary), kept in the transaction of every reply status change.
   * The default's keys are in jsonb's own order (shorter first), so the schema-drift check reads it back unchanged.
   */
  @Column({ type: 'jsonb', default: () => `'{"sent": 0, "total": 0, "inFlight": 0, "lastStatus": null, "needsAttention": 0, "awaitingApproval": 0}'` })
  replySummary!: ReplySummary;

  /**
   * The team's work on it, for team performance; written only by database triggers on reply and
   * audit_event (migration MentionTeamWork), never by the app: the authors of its sent replies, first
   * sent first; the first sent reply that resolved it; the first change to `resolved` and the latest to
   * an open status in the audit log.
   */
  @Column({ type: 'uuid', array: true, nullable: true, select: false, insert: false, update: false })
  sentReplyAuthors!: string[] | null;

  @Column({ type: 'timestamptz', nullable: true, select: false, insert: false, update: false })
  firstReplyResolvedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true, select: false, insert: false, update: false })
  firstStatusResolvedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true, select: false, insert: false, update: false })
  lastStatusOpenAt!: Date | null;

  /** When Earshot stored it. */
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
