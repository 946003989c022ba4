import { useId, useMemo } from 'react';
import type { Mention, ReplyTemplate } from '@earshot/contracts';
import { rankTemplates } from '@earshot/voice';

interface TemplatePickerProps {
  mention: Mention;
  templates: readonly ReplyTemplate[];
  onPick(template: ReplyTemplate): void;
}

/**
 * The brand's templates, those that fit the mention's intent, category, platform and
 * language first. A native select: keyboard and screen readers work as everywhere else.
 */
export function TemplatePicker({ mention, templates, onPick }: TemplatePickerProps) {
  const id = useId();
  const { fitting, others } = useMemo(() => {
    const ranked = rankTemplates(templates, { intent: mention.intent, category: mention.category, platform: mention.platform, language: mention.language });
    return { fitting: ranked.filter((r) => r.fits).map((r) => r.template), others: ranked.filter((r) => !r.fits).map((r) => r.template) };
  }, [templates, mention.intent, mention.category, mention.platform, mention.language]);

  if (templates.length === 0) return <p className="muted reply__hint">No templates for this brand yet (managers add them in Settings › Templates).</p>;
  const option = (t: ReplyTemplate) => (
    <option key={t.id} value={t.id}>
      {t.title}
      {t.shortcut ? ` (/${t.shortcut})` : ''}
    </option>
  );
  return (
    <div className="reply__templates">
      <label className="field__label" htmlFor={id}>
        Template
      </label>
      <select
        id={id}
        className="field__input field__select"
        value=""
        onChange={(event) => {
          const chosen = templates.find((t) => t.id === event.target.value);
          if (chosen) onPick(chosen);
        }}
      >
        <option value="">Insert a template…</option>
        {fitting.length ? <optgroup label="Fits this mention">{fitting.map(option)}</optgroup> : null}
        {others.length ? <optgroup label={fitting.length ? 'Other templates' : 'Templates'}>{others.map(option)}</optgroup> : null}
      </select>
    </div>
  );
}
