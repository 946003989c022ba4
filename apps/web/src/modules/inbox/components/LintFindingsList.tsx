import type { LintFinding } from '@earshot/contracts';
import { Button } from '../../../shared/ui/Button';

interface LintFindingsListProps {
  id: string;
  text: string;
  findings: readonly LintFinding[];
  onFix(finding: LintFinding): void;
}

function fixLabel(text: string, finding: LintFinding): string {
  const fix = finding.fix!;
  const current = text.slice(fix.span.start, fix.span.end);
  if (!current) return `Add “${fix.replacement.trim()}”`;
  if (!fix.replacement) return `Remove “${current}”`;
  return `Replace “${current}” with “${fix.replacement}”`;
}

/** The linter's findings in plain words, blocking ones first, each with its one-click fix where there is one. */
export function LintFindingsList({ id, text, findings, onFix }: LintFindingsListProps) {
  if (findings.length === 0) return null;
  const ordered = [...findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'block' ? -1 : 1));
  return (
    <ul className="lint" id={id} aria-label="Problems in the reply">
      {ordered.map((finding, i) => (
        <li key={`${finding.ruleId}-${finding.span?.start ?? 'all'}-${i}`} className={`lint__finding lint__finding--${finding.severity}`}>
          <span className="lint__severity">{finding.severity === 'block' ? 'Must fix' : finding.requiresApproval ? 'Needs approval' : 'Check'}</span>
          <span className="lint__message">{finding.message}</span>
          {finding.fix ? (
            <Button size="sm" variant="ghost" onClick={() => onFix(finding)}>
              {fixLabel(text, finding)}
            </Button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
