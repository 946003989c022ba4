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
export const UpdateWorkspaceRequestSchema = z
  .strictObject({
    /** Charts, reports and analytics buckets use this zone (posted times are stored as instants). */
    timeZone: TimeZoneSchema.optional(),
    /** The weekly report's first weekday: 0 = Sunday … 6 = Saturday (default 1 = Monday). */
    reportWeekStart: z
      .number({ message: 'must be a weekday number 0–6 (0 = Sunday, 1 = Monday)' })
      .int({ message: 'must be a weekday number 0–6 (0 = Sunday, 1 = Monday)' })
      .min(0, { message: 'must be a weekday number 0–6 (0 = Sunday, 1 = Monday)' })
      .max(6, { message: 'must be a weekday number 0–6 (0 = Sunday, 1 = Monday)' })
      .optional(),
  })
  .refine((b) => b.timeZone !== undefined || b.reportWeekStart !== undefined, {
    message: 'must set timeZone or reportWeekStart',
  });
export type UpdateWorkspaceRequest = z.input<typeof UpdateWorkspaceRequestSchema>;
