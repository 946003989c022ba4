import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** The department that owns a complaint category in a workspace: where the board's figures and the weekly digest go. */
@Entity('category_owner')
@Index('category_owner_category_uq', ['workspaceId', 'category'], { unique: true })
export class CategoryOwnerEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'varchar', length: 64 })
  category!: string;

  @Column({ type: 'varchar', length: 120 })
  department!: string;

  /** Exactly one address (checked before it is stored and again before a mail is sent). */
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  /** https (http only to an allowed private host); status changes are POSTed here through the guarded fetch. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  webhookUrl!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
