import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One sign-in limiter counter (see LoginThrottleService): shared by every api instance, so
 * several instances enforce one limit. `key` names what is counted (an account, an account
 * from one IP, an IP, a trusted device), never a password. Rows whose window has ended are
 * pruned now and then.
 */
@Entity('login_throttle')
export class LoginThrottleEntity {
  @PrimaryColumn({ type: 'varchar', length: 320, primaryKeyConstraintName: 'PK_login_throttle_key' })
  key!: string;

  @Index('login_throttle_window_start_idx')
  @Column({ type: 'timestamptz' })
  windowStart!: Date;

  @Column({ type: 'integer' })
  count!: number;

  /** Set once the count passes the key's limit: attempts are refused until then, uncounted. */
  @Column({ type: 'timestamptz', nullable: true })
  blockedUntil!: Date | null;
}
