import { useId, useMemo, useState } from 'react';
import { INTENTS, PLATFORM_TABLE, PLATFORMS, type Intent, type SourcePlatform, type User, type VoiceGuideBody } from '@earshot/contracts';
import { lintReply } from '@earshot/voice';
import { SelectField } from '../../../shared/ui/SelectField';
import { INTENT_LABELS } from '../../inbox/mention-labels';
import { sampleMention } from '../../templates/sample-mention';
import { LintFindings, MarkedDraft } from './LintFindings';

interface TryDraftProps {
  /** The guide as edited so far (unsaved changes included). */
  guide: VoiceGuideBody;
  /** True when the form has errors and `guide` is the last version without them. */
  stale: boolean;
  agent: Pick<User, 'firstName' | 'signature'>;
  brandName: string;
}

const INTENT_OPTIONS = INTENTS.map((i) => ({ value: i, label: INTENT_LABELS[i] }));
const PLATFORM_OPTIONS = PLATFORMS.map((p) => ({ value: p, label: PLATFORM_TABLE[p].label }));

/** "Try a draft": a sample reply linted live against the guide being edited, as the composer would. */
export function TryDraft({ guide, stale, agent, brandName }: TryDraftProps) {
  const [draft, setDraft] = useState('');
  const [intent, setIntent] = useState<Intent>('complaint');
  const [platform, setPlatform] = useState<SourcePlatform>('mastodon');
  const id = useId();
  const sample = useMemo(() => sampleMention({ intents: [intent], categories: [], platform }), [intent, platform]);
  const report = useMemo(
    () =>
      draft.trim()
        ? lintReply(draft, guide, {
            platform,
            intent,
            category: sample.category,
            mentionText: sample.text,
            authorHandle: sample.authorHandle,
            agent: { firstName: agent.firstName, signature: agent.signature },
            brandName,
          })
        : null,
    [draft, guide, platform, intent, sample, agent.firstName, agent.signature, brandName],
  );

  return (
    <section className="panel try-draft" aria-labelledby={`${id}-title`}>
      <h3 className="panel__title" id={`${id}-title`}>
        Try a draft
      </h3>
      <p className="panel__note">Write a reply as an agent would: it is checked against the guide as edited here, before you save.</p>
      <div className="form__grid">
        <SelectField label="Replying to a" value={intent} options={INTENT_OPTIONS} onChange={(e) => setIntent(e.target.value as Intent)} />
        <SelectField label="On" value={platform} options={PLATFORM_OPTIONS} onChange={(e) => setPlatform(e.target.value as SourcePlatform)} />
      </div>
      <blockquote className="template-preview__mention">{sample.text}</blockquote>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-draft`}>
          Sample reply
        </label>
        <textarea id={`${id}-draft`} className="field__input" rows={4} value={draft} onChange={(e) => setDraft(e.target.value)} />
      </div>
      {stale ? <p className="muted">The guide has errors: the draft is checked against its last valid version.</p> : null}
      {report ? (
        <div aria-live="polite">
          <MarkedDraft text={draft} findings={report.findings} />
          <LintFindings text={draft} report={report} label="Findings for the sample reply" />
        </div>
      ) : null}
    </section>
  );
}
