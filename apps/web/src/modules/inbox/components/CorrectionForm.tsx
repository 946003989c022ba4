import { useEffect, useRef, useState } from 'react';
import {
  INTENTS,
  SENTIMENT_LABELS as SENTIMENTS,
  URGENCY_LEVELS,
  type CreateCorrectionRequest,
  type Intent,
  type Mention,
  type SentimentLabel,
  type UrgencyLevel,
} from '@earshot/contracts';
import { useFormSubmit } from '../../../shared/forms/useFormSubmit';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { SelectField } from '../../../shared/ui/SelectField';
import { COMPLAINT_CATEGORIES } from '../../templates/complaint-categories';
import { INTENT_LABELS, SENTIMENT_LABELS, URGENCY_LABELS } from '../mention-labels';

type Field = 'sentiment' | 'intent' | 'category' | 'urgencyLevel';
const LABELS: Record<Field, string> = { sentiment: 'Sentiment', intent: 'Intent', category: 'Category', urgencyLevel: 'Urgency' };
interface Values {
  sentiment: SentimentLabel | '';
  intent: Intent | '';
  category: string;
  urgencyLevel: UrgencyLevel | '';
}

function currentValues(m: Mention): Values {
  return { sentiment: m.sentiment?.label ?? '', intent: m.intent ?? '', category: m.category ?? '', urgencyLevel: m.urgency?.level ?? '' };
}

/**
 * The request for `values`: only the fields changed from the mention's values; with nothing changed,
 * every field that has a value (a confirmation that the scores are right: the model learns from it).
 */
export function correctionRequest(mention: Mention, values: Values): CreateCorrectionRequest | null {
  const before = currentValues(mention);
  const fields = (Object.keys(LABELS) as Field[]).filter((f) => values[f] !== '');
  const changed = fields.filter((f) => values[f] !== before[f]);
  const send = changed.length > 0 ? changed : fields;
  if (send.length === 0) return null;
  return Object.fromEntries(send.map((f) => [f, values[f]])) as CreateCorrectionRequest;
}

interface CorrectionFormProps {
  mention: Mention;
  onCorrect(correction: CreateCorrectionRequest): Promise<Mention>;
  onDone(mention: Mention): void;
  onCancel(): void;
}

/**
 * The "Correct" form of the open mention: its sentiment, intent, complaint category and urgency
 * level, prefilled with the current values, saved in one action. Escape or Cancel closes it.
 */
export function CorrectionForm({ mention, onCorrect, onDone, onCancel }: CorrectionFormProps) {
  const [values, setValues] = useState<Values>(() => currentValues(mention));
  const { errors, busy, submit } = useFormSubmit<Field>();
  const first = useRef<HTMLDivElement>(null);
  useEffect(() => {
    first.current?.querySelector('select')?.focus();
  }, []);
  const request = correctionRequest(mention, values);
  const confirming = request !== null && (Object.keys(LABELS) as Field[]).every((f) => values[f] === currentValues(mention)[f]);
  const set = (field: Field) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));
  const withEmpty = (options: { value: string; label: string }[], value: string) => (value === '' ? [{ value: '', label: 'Not set' }, ...options] : options);
  const categories = COMPLAINT_CATEGORIES.map((c) => ({ value: c.id, label: c.label }));
  if (values.category !== '' && !categories.some((c) => c.value === values.category)) categories.push({ value: values.category, label: values.category });

  return (
    <form
      className="correction-form"
      aria-label="Correct the scores"
      data-testid="correction-form"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
      onSubmit={(e) => {
        e.preventDefault();
        if (request) void submit(() => onCorrect(request), onDone, LABELS);
      }}
    >
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <div className="correction-form__fields" ref={first}>
        <SelectField
          label={LABELS.sentiment}
          value={values.sentiment}
          onChange={set('sentiment')}
          error={errors.fields.sentiment}
          options={withEmpty(
            SENTIMENTS.map((s) => ({ value: s, label: SENTIMENT_LABELS[s] })),
            values.sentiment,
          )}
        />
        <SelectField
          label={LABELS.intent}
          value={values.intent}
          onChange={set('intent')}
          error={errors.fields.intent}
          options={withEmpty(
            INTENTS.map((i) => ({ value: i, label: INTENT_LABELS[i] })),
            values.intent,
          )}
        />
        <SelectField
          label={LABELS.category}
          value={values.category}
          onChange={set('category')}
          error={errors.fields.category}
          options={withEmpty(categories, values.category)}
        />
        <SelectField
          label={LABELS.urgencyLevel}
          value={values.urgencyLevel}
          onChange={set('urgencyLevel')}
          error={errors.fields.urgencyLevel}
          options={withEmpty(
            URGENCY_LEVELS.map((u) => ({ value: u, label: URGENCY_LABELS[u] })),
            values.urgencyLevel,
          )}
        />
      </div>
      <p className="muted correction-form__hint">
        {confirming
          ? 'Nothing changed: saving confirms these values are right (Earshot learns from it).'
          : 'Your values replace the model’s for everyone and are kept when mentions are scored again.'}
      </p>
      <div className="form__actions">
        <Button type="submit" size="sm" variant="primary" busy={busy} disabled={request === null}>
          {confirming ? 'Confirm values' : 'Save correction'}
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
