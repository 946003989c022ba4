import type { LintFinding, Platform, TextSpan } from '@earshot/contracts';

/**
 * An author's incident reply as the api builds it (incidents module, `addressedReply`): the
 * rendered statement, on X addressed to `@handle` when it does not name them already, and the
 * author's reference before the sign-off (or at the end), so no two authors get the same text.
 * Kept in step with the api by the incident view's spec.
 */
export function addressedReply(rendered: string, author: { platform: Platform; handle: string }, ref: string, signOff: string | null): string {
  let text = rendered.trim();
  const handle = `@${author.handle.replace(/^@/, '')}`;
  if (author.platform === 'x' && !text.toLowerCase().includes(handle.toLowerCase())) text = `${handle} ${text}`;
  const reference = `(ref ${ref})`;
  if (signOff && text.endsWith(signOff)) {
    const body = text.slice(0, text.length - signOff.length).trimEnd();
    return `${body} ${reference} ${signOff}`;
  }
  return `${text} ${reference}`;
}

/** Where `preview`'s span is in `body` (the same words; the first place they occur), or null. */
function spanIn(body: string, preview: string, span: TextSpan): TextSpan | null {
  const words = preview.slice(span.start, span.end);
  if (!words) return null;
  const at = body.indexOf(words);
  return at < 0 ? null : { start: at, end: at + words.length };
}

/**
 * The linter checks what an author gets (the statement rendered and addressed); the manager
 * edits the statement. Each finding's marks and fix move to where the same words are in the
 * statement; a finding whose words are not there (they came from a variable) is about the whole text.
 */
export function findingsInBody(body: string, preview: string, findings: readonly LintFinding[]): LintFinding[] {
  if (body === preview) return [...findings];
  return findings.map((f) => {
    const span = f.span ? spanIn(body, preview, f.span) : null;
    const fixSpan = f.fix ? spanIn(body, preview, f.fix.span) : null;
    return { ...f, span, fix: f.fix && fixSpan ? { span: fixSpan, replacement: f.fix.replacement } : null };
  });
}
