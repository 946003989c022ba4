import type { ReactNode } from 'react';
import type { LintFinding, LintReport } from '@earshot/contracts';
import { isRuleId, ruleInfo } from '@earshot/voice';
import { Badge } from '../../../shared/ui/Badge';

function ruleTitle(ruleId: string): string {
  return isRuleId(ruleId) ? ruleInfo(ruleId).title : ruleId;
}

/** The draft with each finding's span marked; all of it text (a draft may quote a customer). */
export function MarkedDraft({ text, findings }: { text: string; findings: readonly LintFinding[] }) {
  const spans = findings.flatMap((f) => (f.span && f.span.end > f.span.start ? [{ ...f.span, severity: f.severity }] : [])).sort((a, b) => a.start - b.start);
  const parts: ReactNode[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue; // overlapping spans: the first one marked wins
    parts.push(text.slice(at, span.start));
    parts.push(
      <mark key={span.start} className={`lint-mark lint-mark--${span.severity}`}>
        {text.slice(span.start, span.end)}
      </mark>,
    );
    at = span.end;
  }
  parts.push(text.slice(at));
  return <p className="marked-draft">{parts}</p>;
}

/** What the voice linter found in a reply: each finding with its rule, severity, the text concerned and the fix. */
export function LintFindings({ text, report, label }: { text: string; report: LintReport; label: string }) {
  const { findings, length } = report;
  return (
    <div className="lint-findings">
      <p className="lint-findings__summary">
        {findings.length === 0 ? 'No findings: this reply follows the voice guide.' : null}
        {findings.length > 0 && report.blocked ? 'Blocked: an agent could not send this reply as it is. ' : null}
        {findings.length > 0 && !report.blocked && report.requiresApproval ? 'Needs a manager’s approval before it is sent. ' : null}
        <span className="lint-findings__length">
          {length.used} of {length.max} {length.unit === 'graphemes' ? 'characters (as the platform counts them)' : 'characters'}
        </span>
      </p>
      {findings.length > 0 ? (
        <ul className="lint-findings__list" aria-label={label}>
          {findings.map((finding, index) => (
            <li key={`${finding.ruleId}-${index}`} className={`lint-finding lint-finding--${finding.severity}`}>
              <div className="lint-finding__head">
                <Badge tone={finding.severity === 'block' ? 'danger' : 'warning'}>{finding.severity === 'block' ? 'Blocks' : 'Warning'}</Badge>
                <span className="lint-finding__rule">{ruleTitle(finding.ruleId)}</span>
                {finding.requiresApproval ? <Badge tone="accent">Needs approval</Badge> : null}
              </div>
              <p className="lint-finding__message">{finding.message}</p>
              {finding.span && finding.span.end > finding.span.start ? (
                <p className="lint-finding__quote">
                  “<span className="lint-finding__text">{text.slice(finding.span.start, finding.span.end)}</span>”
                  {finding.fix ? (
                    <>
                      {' '}
                      → <span className="lint-finding__fix">{finding.fix.replacement === '' ? '(remove it)' : `“${finding.fix.replacement.trim()}”`}</span>
                    </>
                  ) : null}
                </p>
              ) : finding.fix ? (
                <p className="lint-finding__quote">
                  Fix: <span className="lint-finding__fix">“{finding.fix.replacement.trim()}”</span>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
