import type { SourceStatus } from '@earshot/contracts';

export interface HealthInfo {
  label: string;
  tone: 'success' | 'warning' | 'danger' | 'muted' | 'neutral';
  /** One sentence on what the state means and what to do. */
  description: string;
  /** Needs an admin: the last error is shown prominently. */
  needsAction: boolean;
}

export const HEALTH: Record<SourceStatus, HealthInfo> = {
  ok: { label: 'Healthy', tone: 'success', description: 'Polling normally.', needsAction: false },
  throttled: {
    label: 'Waiting for rate limit',
    tone: 'warning',
    description: 'The platform asked us to slow down; polling resumes when its limit resets.',
    needsAction: false,
  },
  failing: { label: 'Retrying', tone: 'warning', description: 'The last polls failed; Earshot keeps retrying with longer pauses.', needsAction: false },
  auth_required: {
    label: 'Reconnect needed',
    tone: 'danger',
    description: 'The platform rejected the stored credentials. An admin must replace them.',
    needsAction: true,
  },
  error: {
    label: 'Error',
    tone: 'danger',
    description: 'The platform refused the request as configured. Check the address and stream.',
    needsAction: true,
  },
  idle: { label: 'Not polled yet', tone: 'neutral', description: 'The first poll is on its way.', needsAction: false },
  disabled: { label: 'Disabled', tone: 'muted', description: 'Not polled until it is enabled again.', needsAction: false },
};
