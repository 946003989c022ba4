import { SetRootCauseStatusRequestSchema, type RootCauseStatus, type RootCauseStatusValue, type SetRootCauseStatusRequest } from '@earshot/contracts';

export interface StatusDraft {
  status: RootCauseStatusValue;
  note: string;
  /** `YYYY-MM-DD`, or '' when not picked. */
  fixShippedAt: string;
}

export type StatusField = 'status' | 'note' | 'fixShippedAt';
export const STATUS_FIELD_LABELS: Record<StatusField, string> = { status: 'Status', note: 'Note', fixShippedAt: 'Fix shipped on' };

export type StatusValidation = { ok: true; request: SetRootCauseStatusRequest } | { ok: false; errors: Partial<Record<StatusField, string>> };

/** The form starts from the current status. */
export function draftFrom(status: RootCauseStatus): StatusDraft {
  return { status: status.status, note: status.note ?? '', fixShippedAt: status.fixShippedAt ?? '' };
}

/**
 * Checks a draft the way the api will (the contracts schema) plus the day not being in
 * the future, and builds the request: the fix day only for "fix shipped", an empty note left out.
 */
export function validateStatusDraft(draft: StatusDraft, today: string): StatusValidation {
  const note = draft.note.trim();
  const request: SetRootCauseStatusRequest = {
    status: draft.status,
    ...(note ? { note } : {}),
    ...(draft.status === 'fix_shipped' && draft.fixShippedAt ? { fixShippedAt: draft.fixShippedAt } : {}),
  };
  const errors: Partial<Record<StatusField, string>> = {};
  if (draft.status === 'fix_shipped' && !draft.fixShippedAt) errors.fixShippedAt = 'Pick the day the fix went out.';
  else if (draft.status === 'fix_shipped' && draft.fixShippedAt > today) errors.fixShippedAt = 'The fix day must not be in the future.';
  const parsed = SetRootCauseStatusRequestSchema.safeParse(request);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'status') as StatusField;
      errors[field] ??= `${STATUS_FIELD_LABELS[field] ?? 'Status'} ${issue.message}.`;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, request };
}
