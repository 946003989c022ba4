import { QueryFailedError } from 'typeorm';

/** True for PostgreSQL's unique_violation (23505), which services turn into a 409. */
export function isUniqueViolation(e: unknown): boolean {
  return e instanceof QueryFailedError && (e.driverError as { code?: string } | undefined)?.code === '23505';
}
