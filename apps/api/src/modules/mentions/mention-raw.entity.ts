import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The platform's own object for a mention (`Mention.raw` from the connector), kept for
 * re-normalisation and debugging. Written by ingest in the same statement as the mention;
 * read by nothing on the hot paths, so it lives outside the `mention` row: the queue reads
 * narrower rows, and a mention row stays small enough that PostgreSQL never has to compress
 * it on insert. `json` (not `jsonb`): stored as received, never queried inside.
 */
@Entity('mention_raw')
export class MentionRawEntity {
  @PrimaryColumn({ type: 'uuid' })
  mentionId!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'json' })
  raw!: unknown;
}
