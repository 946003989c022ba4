import type { Role } from '@earshot/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { WorkspaceEntity } from '../workspaces/workspace.entity.js';

@Entity('user')
@Check('user_role_check', `"role" IN ('admin', 'manager', 'agent', 'trainee', 'viewer')`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('user_workspace_id_idx')
  @Column({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: Relation<WorkspaceEntity>;

  /** Stored lower-case; unique across the installation because it is the login name. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  /** For `{{agent.first_name}}`; null: the first word of `name`. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  firstName!: string | null;

  /** For `{{agent.signature}}`; null: the initials of `name`. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  signature!: string | null;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  /** argon2id PHC string. Never leaves this entity (see toUserDto). */
  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /**
   * Set on the first admin when its password was generated at first start: until the user
   * picks their own (POST /api/auth/password), every other route answers 403.
   */
  @Column({ type: 'boolean', default: false })
  mustChangePassword!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
