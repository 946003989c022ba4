import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type MentionStatus = 'new' | 'open' | 'pending' | 'resolved' | 'ignored';

/** One platform post that matched a listening query. Unique per (workspace, platform, external id). */
@Entity('mention')
@Index('mention_workspace_platform_external_uq', ['workspaceId', 'platform', 'externalId'], { unique: true })
@Index('mention_workspace_created_idx', ['workspaceId', 'createdAt'])
@Index('mention_workspace_status_urgency_idx', ['workspaceId', 'status', 'urgencyScore'])
/** An author's history, newest first; also counts their posts of the last 24 h at ingest. */
@Index('mention_author_posted_idx', ['authorId', 'postedAt'])
export class MentionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'varchar', length: 16 })
  platform!: string;

  @Column({ type: 'varchar', length: 255 })
  externalId!: string;

  @Index('mention_source_idx')
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

  @Column({ type: 'jsonb', nullable: true })
  raw!: unknown;

  @Column({ type: 'varchar', length: 16, default: 'new' })
  status!: MentionStatus;

  @Column({ type: 'real', nullable: true })
  sentimentScore!: number | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  sentimentLabel!: string | null;

  @Column({ type: 'real', nullable: true })
  sentimentConfidence!: number | null;

  @Column({ type: 'smallint', nullable: true })
  urgencyScore!: number | null;

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

  @Column({ type: 'timestamptz', nullable: true })
  slaDueAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  firstResponseAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  tags!: string[];

  /** When Earshot stored it. */
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
