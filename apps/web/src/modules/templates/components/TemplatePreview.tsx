import { useMemo, useState } from 'react';
import type { Intent, SourcePlatform, User, VoiceGuideBody } from '@earshot/contracts';
import { PLATFORM_TABLE } from '@earshot/contracts';
import { CheckboxField } from '../../../shared/ui/CheckboxField';
import { LintFindings } from '../../voice/components/LintFindings';
import { sampleMention } from '../sample-mention';
import { previewTemplate } from '../template-preview';

interface TemplatePreviewProps {
  body: string;
  fit: { intents: readonly Intent[]; categories: readonly string[]; platform: SourcePlatform | null };
  agent: Pick<User, 'firstName' | 'signature'>;
  brandName: string;
  /** The brand's voice guide; null while it loads (the preview then shows no findings). */
  guide: VoiceGuideBody | null;
}

/**
 * The reply a sample author would get from this template, sent by the signed-in agent, and the
 * voice linter's findings for it. Everything is shown as text: a template may contain markup-like
 * text and a real author's name is attacker-controlled.
 */
export function TemplatePreviewPanel({ body, fit, agent, brandName, guide }: TemplatePreviewProps) {
  const [withName, setWithName] = useState(true);
  // The linter takes well under 2 ms for a reply: the preview follows every keystroke.
  const typed = body;
  const sample = useMemo(() => sampleMention(fit, withName), [fit, withName]);
  const preview = useMemo(
    () => (guide && typed.trim() ? previewTemplate(typed, sample, agent, brandName, guide) : null),
    [typed, sample, agent, brandName, guide],
  );

  return (
    <section className="template-preview" aria-label="Preview">
      <h3 className="template-preview__title">Preview</h3>
      <figure className="template-preview__sample">
        <figcaption>
          Replying to {sample.authorName ?? 'an author without a display name'} (@{sample.authorHandle}) on {PLATFORM_TABLE[sample.platform].label}
          {sample.intent ? `, a ${sample.intent}` : ''}:
        </figcaption>
        <blockquote className="template-preview__mention">{sample.text}</blockquote>
      </figure>
      <CheckboxField
        label="The author has a display name"
        hint="Untick to try the fallbacks."
        checked={withName}
        onChange={(e) => setWithName(e.target.checked)}
      />
      {!typed.trim() ? <p className="muted">Write the body to see the reply.</p> : null}
      {guide === null && typed.trim() ? <p className="muted">Loading the voice guide…</p> : null}
      {preview && !preview.ok ? (
        <div className="template-preview__problems">
          <p className="field__error">This template cannot be sent to this author as it is:</p>
          <ul>
            {preview.problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {preview?.ok ? (
        <>
          <p className="template-preview__reply" data-testid="template-preview-text">
            {preview.text}
          </p>
          <LintFindings text={preview.text} report={preview.report} label="Voice guide findings" />
        </>
      ) : null}
    </section>
  );
}
