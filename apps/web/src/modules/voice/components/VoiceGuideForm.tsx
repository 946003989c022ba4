import { useMemo, useState, type FormEvent } from 'react';
import type { Brand, User, VoiceGuide, VoiceGuideBody } from '@earshot/contracts';
import { isApiRequestError } from '../../../shared/http';
import { asSentence } from '../../../shared/format/as-sentence';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { ConfirmAction } from '../../../shared/ui/ConfirmAction';
import { TextField } from '../../../shared/ui/TextField';
import { putVoiceGuide, resetVoiceGuide } from '../api/voice.api';
import {
  checkDraft,
  draftFromGuide,
  issuesToGuideErrors,
  LIMIT_LABELS,
  LIMIT_RANGES,
  NO_GUIDE_ERRORS,
  type GuideDraft,
  type GuideErrors,
  type LimitField,
  type Section,
} from '../voice-guide-draft';
import { BannedPhrasesEditor } from './BannedPhrasesEditor';
import { PhraseListField } from './PhraseListField';
import { RequiredElementsEditor } from './RequiredElementsEditor';
import { RuleSettingsTable } from './RuleSettingsTable';
import { TryDraft } from './TryDraft';

interface VoiceGuideFormProps {
  brand: Brand;
  guide: VoiceGuide;
  canEdit: boolean;
  agent: Pick<User, 'firstName' | 'signature'>;
  /** After a save or a reset, with what the api answered. */
  onSaved(guide: VoiceGuide): void;
}

const LIMITS: readonly { field: LimitField; hint: string }[] = [
  { field: 'maxExclamations', hint: 'At most, per reply.' },
  { field: 'maxEmoji', hint: 'At most, per reply.' },
  { field: 'maxCapsWords', hint: 'Three letters or more; allowed acronyms do not count.' },
  { field: 'readingGradeMax', hint: 'Flesch-Kincaid grade ceiling; empty: not checked.' },
];

function SectionErrors({ errors, section }: { errors: GuideErrors; section: Section }) {
  const list = errors.sections[section];
  return list ? (
    <>
      {list.map((e) => (
        <p key={e} className="field__error">
          {e}
        </p>
      ))}
    </>
  ) : null;
}

/** The whole voice guide of one brand as a form; read-only for roles that may not change it. */
export function VoiceGuideForm({ brand, guide, canEdit, agent, onSaved }: VoiceGuideFormProps) {
  const [draft, setDraft] = useState<GuideDraft>(() => draftFromGuide(guide));
  const [errors, setErrors] = useState<GuideErrors>(NO_GUIDE_ERRORS);
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmingReset, setConfirmingReset] = useState(false);
  const disabled = !canEdit || busy;

  // The last version of the draft the schema accepts: what "Try a draft" lints against.
  const checked = useMemo(() => checkDraft(draft), [draft]);
  const [lastValid, setLastValid] = useState<VoiceGuideBody>(guide);
  if (checked.ok && checked.body !== lastValid) setLastValid(checked.body);

  function change(patch: Partial<GuideDraft>) {
    setDraft((current) => ({ ...current, ...patch }));
    setDone(null);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    setFormError(null);
    const result = checkDraft(draft);
    if (!result.ok) {
      setErrors(issuesToGuideErrors(result.issues, draft));
      setFormError('The guide was not saved: fix the problems marked below.');
      return;
    }
    setErrors(NO_GUIDE_ERRORS);
    setBusy(true);
    try {
      const saved = await putVoiceGuide(brand.id, result.body);
      onSaved(saved);
      setDraft(draftFromGuide(saved));
      setDone(`Saved. Replies for ${brand.name} are checked against this guide from now on.`);
    } catch (error) {
      if (isApiRequestError(error) && error.issues.length > 0) {
        const mapped = issuesToGuideErrors(error.issues, draft);
        setErrors(mapped);
        setFormError(mapped.other.length > 0 ? mapped.other.map(asSentence).join(' ') : 'The guide was not saved: fix the problems marked below.');
      } else {
        setFormError(isApiRequestError(error) ? asSentence(error.message) : 'Something went wrong. Try again in a moment.');
      }
    } finally {
      setBusy(false);
    }
  }

  async function reset() {
    setBusy(true);
    setDone(null);
    setFormError(null);
    try {
      const fresh = await resetVoiceGuide(brand.id);
      onSaved(fresh);
      setDraft(draftFromGuide(fresh));
      setErrors(NO_GUIDE_ERRORS);
      setDone(`${brand.name} uses the default guide again.`);
    } catch (error) {
      setFormError(`The guide could not be reset: ${isApiRequestError(error) ? asSentence(error.message) : 'Something went wrong. Try again in a moment.'}`);
    } finally {
      setBusy(false);
      setConfirmingReset(false);
    }
  }

  return (
    <div className="voice-guide">
      <form className="stack" noValidate aria-label={`Voice guide of ${brand.name}`} onSubmit={(e) => void handleSubmit(e)}>
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        {done ? <Alert tone="success">{done}</Alert> : null}

        <section className="panel form" aria-labelledby="voice-banned">
          <h3 className="panel__title" id="voice-banned">
            Banned phrases
          </h3>
          <p className="panel__note">Words and phrases the brand never uses. The suggestion is offered to the agent as the fix.</p>
          <BannedPhrasesEditor
            rows={draft.bannedPhrases}
            rowErrors={errors.bannedRows}
            disabled={disabled}
            onChange={(bannedPhrases) => change({ bannedPhrases })}
          />
          <SectionErrors errors={errors} section="bannedPhrases" />
        </section>

        <section className="panel form" aria-labelledby="voice-phrases">
          <h3 className="panel__title" id="voice-phrases">
            Blame, promises and excuses
          </h3>
          <div className="voice-guide__lists">
            <PhraseListField
              label="Blame phrases"
              hint="One a line. Language that puts the fault on the customer (“you should have”)."
              value={draft.blamePhrases}
              errors={errors.sections.blamePhrases}
              disabled={disabled}
              onChange={(blamePhrases) => change({ blamePhrases })}
            />
            <PhraseListField
              label="Promise phrases"
              hint="One a line. Promises only a manager may make: a reply with one needs approval."
              value={draft.promisePhrases}
              errors={errors.sections.promisePhrases}
              disabled={disabled}
              onChange={(promisePhrases) => change({ promisePhrases })}
            />
            <PhraseListField
              label="Excuse phrases"
              hint="One a line. Excuses that take an apology back (“but”, “however”)."
              value={draft.excusePhrases}
              errors={errors.sections.excusePhrases}
              disabled={disabled}
              onChange={(excusePhrases) => change({ excusePhrases })}
            />
          </div>
        </section>

        <section className="panel form" aria-labelledby="voice-required">
          <h3 className="panel__title" id="voice-required">
            Required elements
          </h3>
          <p className="panel__note">What a reply must contain, by the intent of the mention it answers.</p>
          <RequiredElementsEditor value={draft.requiredElements} disabled={disabled} onChange={(requiredElements) => change({ requiredElements })} />
          <SectionErrors errors={errors} section="requiredElements" />
        </section>

        <section className="panel form" aria-labelledby="voice-style">
          <h3 className="panel__title" id="voice-style">
            Sign-off and limits
          </h3>
          <div className="form__grid">
            <TextField
              label="Sign-off (optional)"
              name="signOff"
              spellCheck={false}
              hint="How every reply ends, e.g. ^{{agent.signature}}. Empty: no sign-off required."
              value={draft.signOff}
              disabled={disabled}
              onChange={(e) => change({ signOff: e.target.value })}
              error={errors.sections.signOff?.join(' ')}
            />
          </div>
          <div className="form__grid voice-guide__limits">
            {LIMITS.map((limit) => (
              <TextField
                key={limit.field}
                label={LIMIT_LABELS[limit.field]}
                name={limit.field}
                type="number"
                inputMode="numeric"
                min={LIMIT_RANGES[limit.field].min}
                max={LIMIT_RANGES[limit.field].max}
                hint={limit.hint}
                value={draft.limits[limit.field]}
                disabled={disabled}
                onChange={(e) => change({ limits: { ...draft.limits, [limit.field]: e.target.value } })}
                error={errors.limits[limit.field]}
              />
            ))}
          </div>
          <SectionErrors errors={errors} section="limits" />
          <PhraseListField
            label="Allowed acronyms"
            hint="One a line, or separated by commas: capitals that are not shouting (FAQ, UPS)."
            value={draft.allowedAcronyms}
            errors={errors.sections.allowedAcronyms}
            disabled={disabled}
            rows={3}
            onChange={(allowedAcronyms) => change({ allowedAcronyms })}
          />
        </section>

        <section className="panel form" aria-labelledby="voice-rules">
          <h3 className="panel__title" id="voice-rules">
            Rules
          </h3>
          <p className="panel__note">Each check the linter makes. A rule that blocks stops the reply from being sent; one that warns lets the agent decide.</p>
          <RuleSettingsTable value={draft.rules} disabled={disabled} onChange={(rules) => change({ rules })} />
          <SectionErrors errors={errors} section="rules" />
        </section>

        {canEdit ? (
          <div className="form__actions voice-guide__actions">
            <Button type="submit" variant="primary" busy={busy && !confirmingReset}>
              {busy && !confirmingReset ? 'Saving…' : 'Save voice guide'}
            </Button>
            {guide.customised && !confirmingReset ? (
              <Button variant="ghost" disabled={busy} onClick={() => setConfirmingReset(true)}>
                Reset to the default
              </Button>
            ) : null}
          </div>
        ) : null}
        {confirmingReset ? (
          <ConfirmAction
            title={`Reset the voice guide of ${brand.name} to the default?`}
            confirmLabel="Reset to the default"
            busy={busy}
            onConfirm={() => void reset()}
            onCancel={() => setConfirmingReset(false)}
          >
            <p>The brand’s own phrases, limits and rule settings are replaced by Earshot’s default guide.</p>
          </ConfirmAction>
        ) : null}
      </form>
      <TryDraft guide={checked.ok ? checked.body : lastValid} stale={!checked.ok} agent={agent} brandName={brand.name} />
    </div>
  );
}
