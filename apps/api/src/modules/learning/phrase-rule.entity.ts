import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { WorkspaceEntity } from '../workspaces/workspace.entity.js';

/** A workspace's rule for one phrase ("war zone" is neutral for a game brand); applies to posts scored after it is saved. */
@Entity('phrase_rule')
@Index('phrase_rule_phrase_uq', ['workspaceId', 'phraseKey'], { unique: true })
export class PhraseRuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'phrase_rule_workspace_fk' })
  workspace?: Relation<WorkspaceEntity>;

  @Column({ type: 'varchar', length: 80 })
  phrase!: string;

  /** The phrase lower-cased with its spaces collapsed: one rule per phrase, whatever its case. */
  @Column({ type: 'varchar', length: 80 })
  phraseKey!: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  sentiment!: 'negative' | 'neutral' | 'positive' | 'ignore' | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  urgency!: 'ignore' | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  category!: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
