import type { WorkspaceModelStatus } from '@earshot/contracts';
import type { WorkspaceModelData, WorkspaceModelMetrics } from '@earshot/nlp';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { WorkspaceEntity } from '../workspaces/workspace.entity.js';

/** Held-out figures of the model in use before and of this one, on the same posts. */
export interface StoredModelMetrics {
  before: WorkspaceModelMetrics;
  after: WorkspaceModelMetrics;
  better: boolean;
  /** What it learned from, per head (WorkspaceModelData.trainedOn), kept here so the list need not read the model. */
  trainedOn: WorkspaceModelData['trainedOn'];
}

/**
 * One trained version of a workspace's model (Settings › Learning). Versions count 1, 2, 3…
 * per workspace; at most one is active and at most one is training (partial unique indexes:
 * the second instance or request that tries to start a run fails on the index, not on a race).
 */
@Entity('workspace_model')
@Index('workspace_model_version_uq', ['workspaceId', 'version'], { unique: true })
@Index('workspace_model_active_uq', ['workspaceId'], { unique: true, where: `"status" = 'active'` })
@Index('workspace_model_training_uq', ['workspaceId'], { unique: true, where: `"status" = 'training'` })
@Check('workspace_model_status_check', `"status" IN ('training', 'ready', 'active', 'rejected', 'retired', 'failed')`)
export class WorkspaceModelEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'workspace_model_workspace_fk' })
  workspace?: Relation<WorkspaceEntity>;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: WorkspaceModelStatus;

  /** The trained model (null while training or when it failed). Sent to the scorer's worker thread as is. */
  @Column({ type: 'jsonb', nullable: true })
  data!: WorkspaceModelData | null;

  @Column({ type: 'jsonb', nullable: true })
  metrics!: StoredModelMetrics | null;

  /** How many labelled posts the run learned from. */
  @Column({ type: 'int', default: 0 })
  trainedFromPosts!: number;

  /** The newest correction among them: the nightly run trains again only when newer ones exist. */
  @Column({ type: 'timestamptz', nullable: true })
  trainedUpTo!: Date | null;

  /** null: the nightly run. */
  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  activatedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
