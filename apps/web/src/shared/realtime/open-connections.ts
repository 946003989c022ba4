/** What sign-out needs of a live connection. */
export interface Closable {
  close(): Promise<void>;
}

const open = new Set<Closable>();

export function trackOpen(connection: Closable): void {
  open.add(connection);
}

export function trackClosed(connection: Closable): void {
  open.delete(connection);
}

/**
 * Closes every live socket of this page and resolves when their goodbyes are sent. Call it
 * before ending the session (sign-out): a socket still open when the server ends its session
 * has requests in flight that the server no longer knows.
 */
export async function closeRealtimeConnections(): Promise<void> {
  await Promise.all([...open].map((connection) => connection.close()));
}
