import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The mention fields an agent may correct (the model's scores). */
export type CorrectionField = 'sentiment' | 'intent' | 'category' | 'urgency';

/**
 * One field of one correction: who set a mention's sentiment, intent, complaint category or
 * urgency level, from what to what, and when. A value equal to the old one is kept too (a
 * confirmation: a label on purpose). The mention's `corrected` column holds the latest values;
 * these rows are the history and the learning engine's labels.
 */
@Entity('mention_correction')
/** The workspace's labelled posts in time order (GET /api/corrections, training since a time). */
@Index('mention_correction_workspace_created_idx', ['workspaceId', 'createdAt'])
/** A mention's history. */
@Index('mention_correction_mention_idx', ['mentionId'])
export class MentionCorrectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'uuid' })
  mentionId!: string;

  /** Who corrected it (kept when the user is later removed: the name then reads "former user"). */
  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 16 })
  field!: CorrectionField;

  /** The value before (the model's or an earlier correction's); null when the mention had none. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  oldValue!: string | null;

  @Column({ type: 'varchar', length: 64 })
  newValue!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
