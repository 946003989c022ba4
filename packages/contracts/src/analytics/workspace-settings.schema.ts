import { z } from 'zod';

/**
 * True for an IANA zone name the runtime knows (`Europe/Berlin`, `America/New_York`, `UTC`).
 * Fixed offsets (`+01:00`, `UTC+1`) and POSIX strings are refused: PostgreSQL reads POSIX
 * offsets with the opposite sign, so only region names are stored.
 */
export function isIanaTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(zone) || /^(UTC|GMT)[+-]/i.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const TimeZoneSchema = z
  .string()
  .trim()
  .min(1, { message: 'must be an IANA time zone such as Europe/Berlin' })
  .max(64, { message: 'must be an IANA time zone such as Europe/Berlin' })
  .refine(isIanaTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin (not an offset or abbreviation)' });

/** `PATCH /api/workspace`: the workspace's settings admins and managers change. */
export const UpdateWorkspaceRequestSchema = z.strictObject({
  /** Charts, reports and analytics buckets use this zone (posted times are stored as instants). */
  timeZone: TimeZoneSchema,
});
export type UpdateWorkspaceRequest = z.input<typeof UpdateWorkspaceRequestSchema>;
