import type { CorrectionField, Mention, MentionCorrection } from '@earshot/contracts';
import { formatRelativeTime } from '../../../shared/format/format-relative-time';

const FIELD_NAMES: Record<CorrectionField, string> = { sentiment: 'sentiment', intent: 'intent', category: 'category', urgency: 'urgency' };

/** The fields of a mention the team corrected, in the order they are listed. */
export function correctedFields(mention: Mention): CorrectionField[] {
  const c = mention.corrected ?? {};
  return (Object.keys(FIELD_NAMES) as CorrectionField[]).filter((f) => c[f] !== undefined);
}

/** "Corrected by Ana, 2 min ago" for `field`, from the newest correction of it (or a plain sentence when the history is not loaded). */
export function correctedTitle(field: CorrectionField, corrections: readonly MentionCorrection[] | undefined, now: Date): string {
  const last = corrections?.find((c) => c.field === field);
  if (!last) return `The team corrected the ${FIELD_NAMES[field]}`;
  const verb = last.confirmed ? 'Confirmed' : 'Corrected';
  const at = Date.parse(last.createdAt);
  return `${verb} by ${last.user.name}, ${formatRelativeTime(last.createdAt, new Date(Math.max(now.getTime(), Number.isNaN(at) ? 0 : at)))}`;
}

/** A small mark beside a field the team corrected; who and when on hover and for screen readers. */
export function CorrectedMark({
  mention,
  field,
  corrections,
  now,
}: {
  mention: Mention;
  field: CorrectionField;
  corrections: readonly MentionCorrection[] | undefined;
  now: Date;
}) {
  if (mention.corrected?.[field] === undefined) return null;
  const title = correctedTitle(field, corrections, now);
  return (
    <span className="corrected-mark" title={title} data-testid={`corrected-${field}`}>
      <span aria-hidden="true">✎</span>
      <span className="visually-hidden">{title}</span>
    </span>
  );
}

/** The queue row's marker: the team corrected this mention's scores (which ones on hover). */
export function CorrectedRowMarker({ mention }: { mention: Mention }) {
  const fields = correctedFields(mention);
  if (fields.length === 0) return null;
  const title = `Corrected by the team: ${fields.map((f) => FIELD_NAMES[f]).join(', ')}`;
  return (
    <span className="corrected-marker" title={title} data-testid="corrected-marker">
      Corrected
      <span className="visually-hidden">: {fields.map((f) => FIELD_NAMES[f]).join(', ')}</span>
    </span>
  );
}
