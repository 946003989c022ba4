import { useId } from 'react';
import type { LintFinding, LintReport } from '@earshot/contracts';
import { applyFix } from '@earshot/voice';
import { LintedTextarea } from '../../inbox/components/LintedTextarea';
import { LintFindingsList } from '../../inbox/components/LintFindingsList';

const UNIT_LABELS = { chars: 'characters', graphemes: 'characters', weighted: 'weighted characters' } as const;

interface StatementEditorProps {
  label: string;
  text: string;
  /** The linter's report (its length and limit are shown). */
  report: LintReport | null;
  /** Its findings, placed in `text` (marks and fixes). */
  findings: readonly LintFinding[];
  onChange(text: string): void;
  /** Read-only: the text as text with the findings in words, no fixes. */
  readOnly?: boolean;
}

/** A statement with the voice linter's marks, its length on the platform and its findings, as the reply composer shows them. */
export function StatementEditor({ label, text, report, findings, onChange, readOnly = false }: StatementEditorProps) {
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
        <LintedTextarea id={ids.text} label={label} value={text} findings={findings} onChange={(value) => onChange(value)} describedBy={ids.findings} />
      )}
      {length ? (
        <p className="composer__meta">
          <span className={`composer__length${over ? ' composer__length--over' : ''}`} data-testid="statement-length">
            {length.used} / {length.max} {UNIT_LABELS[length.unit]}
          </span>
        </p>
      ) : null}
      <LintFindingsList
        id={ids.findings}
        text={text}
        findings={readOnly ? findings.map((f) => ({ ...f, fix: null })) : findings}
        onFix={(finding) => {
          if (!readOnly && finding.fix) onChange(applyFix(text, finding.fix));
        }}
      />
    </div>
  );
}
