import type { ConnectionStatus } from './realtime-connection';

const LABELS: Record<ConnectionStatus, { text: string; hint: string }> = {
  connecting: { text: 'Connecting…', hint: 'Opening the live connection.' },
  connected: { text: 'Live', hint: 'New mentions and changes arrive as they happen.' },
  reconnecting: { text: 'Reconnecting…', hint: 'The live connection dropped. Earshot retries and catches up on what it missed.' },
  offline: { text: 'Offline', hint: 'No live updates. Reload the page; if that does not help, sign in again.' },
};

/** The live connection's state in words, with a coloured dot. */
export function ConnectionStatusBadge({ status }: { status: ConnectionStatus }) {
  const label = LABELS[status];
  return (
    <span className={`connection connection--${status}`} data-testid="connection-status" data-status={status} role="status" title={label.hint}>
      <span className="connection__dot" aria-hidden="true" />
      {label.text}
    </span>
  );
}
