import type { FixVerdict, NotifySkipReason, RootCauseStatusValue } from '@earshot/contracts';

export const STATUS_LABELS: Record<RootCauseStatusValue, string> = { open: 'Open', investigating: 'Investigating', fix_shipped: 'Fix shipped' };
export const STATUS_TONES: Record<RootCauseStatusValue, 'warning' | 'accent' | 'success'> = {
  open: 'warning',
  investigating: 'accent',
  fix_shipped: 'success',
};

export const VERDICT_TONES: Record<FixVerdict, 'success' | 'danger' | 'warning' | 'muted'> = {
  worked: 'success',
  not_fallen: 'danger',
  mixed: 'warning',
  too_early: 'muted',
  no_data: 'muted',
};
export const VERDICT_LABELS: Record<FixVerdict, string> = {
  worked: 'Fix worked',
  not_fallen: 'Not fallen',
  mixed: 'Mixed',
  too_early: 'Too early',
  no_data: 'No data',
};

export const SKIP_REASON_LABELS: Record<NotifySkipReason, string> = {
  not_replyable: 'cannot be answered on their platform',
  already_notified: 'already told',
  refused: 'refused by the reply checks',
};

/** 0.4231 -> "42 %"; null -> "–". */
export function formatShare(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)} %`;
}
