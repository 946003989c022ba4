import type { MentionCorrection } from '@earshot/contracts';
import type { CorrectionRow } from './mention-corrections.repository.js';

/** Row → wire shape; a correction to the value the mention already had is a confirmation. */
export function toCorrectionDto(r: CorrectionRow): MentionCorrection {
  return {
    id: r.id,
    mentionId: r.mention_id,
    field: r.field,
    oldValue: r.old_value,
    newValue: r.new_value,
    confirmed: r.old_value === r.new_value,
    user: { id: r.user_id, name: r.user_name ?? 'former user' },
    createdAt: new Date(r.created_at).toISOString(),
  };
}
