/** Field labels of the source forms; the api's issue paths are these keys. */
export const SOURCE_LABELS = {
  name: 'Name',
  platform: 'Platform',
  baseUrl: 'Base URL',
  streamKind: 'Stream',
  streamQuery: 'Stream query',
  credentials: 'Credentials',
  enabled: 'Enabled',
  pollIntervalSeconds: 'Poll interval',
} as const;
export type SourceField = keyof typeof SOURCE_LABELS;

export const MIN_POLL_SECONDS = 5;
export const MAX_POLL_SECONDS = 86_400;

/** The poll interval typed in, or an error sentence. */
export function parsePollInterval(text: string): { seconds: number } | { error: string } {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value) || value < MIN_POLL_SECONDS || value > MAX_POLL_SECONDS) {
    return { error: `Poll interval must be a whole number of seconds from ${MIN_POLL_SECONDS} to ${MAX_POLL_SECONDS}` };
  }
  return { seconds: value };
}
