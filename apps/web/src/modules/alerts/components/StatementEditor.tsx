import { useId } from 'react';
import type { LintReport } from '@earshot/contracts';
import { applyFix } from '@earshot/voice';
import { LintedTextarea } from '../../inbox/components/LintedTextarea';
import { LintFindingsList } from '../../inbox/components/LintFindingsList';

const UNIT_LABELS = { chars: 'characters', graphemes: 'characters', weighted: 'weighted characters' } as const;

interface StatementEditorProps {
  label: string;
  text: string;
  report: LintReport | null;
  onChange(text: string): void;
  /** Read-only: the text as text, with the linter's findings (no fixes). */
  readOnly?: boolean;
  describedBy?: string;
}

/** A statement with the voice linter's marks, its length on the platform and its findings, as the reply composer shows them. */
export function StatementEditor({ label, text, report, onChange, readOnly = false, describedBy }: StatementEditorProps) {
  const ids = { text: useId(), findings: useId() };
  const length = report?.length;
  const over = length ? length.used > length.max : false;
  return (
    <div className="composer statement-editor">
      {readOnly ? (
        <blockquote className="statement-editor__text" aria-label={label}>
          {text}
        </blockquote>
      ) : (
        <LintedTextarea
          id={ids.text}
          label={label}
          value={text}
          findings={report?.findings ?? []}
          onChange={(value) => onChange(value)}
          describedBy={[ids.findings, describedBy].filter(Boolean).join(' ')}
        />
      )}
      {length ? (
        <p className="composer__meta">
          <span className={`composer__length${over ? ' composer__length--over' : ''}`}>
            {length.used} / {length.max} {UNIT_LABELS[length.unit]}
          </span>
        </p>
      ) : null}
      <LintFindingsList
        id={ids.findings}
        text={text}
        findings={report?.findings ?? []}
        onFix={(finding) => {
          if (!readOnly && finding.fix) onChange(applyFix(text, finding.fix));
        }}
      />
    </div>
  );
}
