import type { DataSource, EntityManager } from 'typeorm';

/**
 * The base of every repository whose service runs several statements as one unit (a change,
 * its change sequence number and its audit event commit together). The service opens the
 * transaction here and hands its manager to each statement.
 */
export abstract class TransactionalRepository {
  protected constructor(protected readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction; the repository's writes take its manager. */
  transaction<R>(work: (tx: EntityManager) => Promise<R>): Promise<R> {
    return this.dataSource.transaction(work);
  }
}
