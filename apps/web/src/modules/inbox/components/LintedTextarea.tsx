import { useRef, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import type { LintFinding, TextSpan } from '@earshot/contracts';

interface LintedTextareaProps {
  id: string;
  value: string;
  findings: readonly LintFinding[];
  onChange(value: string, caret: number): void;
  onKeyDown?(event: KeyboardEvent<HTMLTextAreaElement>): void;
  describedBy?: string;
  textareaRef?: Ref<HTMLTextAreaElement>;
  label: string;
}

interface Piece {
  text: string;
  severity: 'block' | 'warn' | null;
}

/**
 * Cuts the text at every finding's edges; a piece covered by a blocking finding is marked
 * `block`, one covered only by warnings `warn`. Overlapping spans are fine.
 */
export function markPieces(text: string, findings: readonly LintFinding[]): Piece[] {
  const spans = findings
    .filter((f): f is LintFinding & { span: TextSpan } => f.span !== null && f.span.end > f.span.start && f.span.start < text.length)
    .map((f) => ({ start: f.span.start, end: Math.min(f.span.end, text.length), severity: f.severity }));
  const cuts = new Set<number>([0, text.length]);
  spans.forEach((s) => {
    cuts.add(s.start);
    cuts.add(s.end);
  });
  const edges = [...cuts].sort((a, b) => a - b);
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < edges.length; i += 1) {
    const start = edges[i]!;
    const end = edges[i + 1]!;
    const covering = spans.filter((s) => s.start <= start && s.end >= end);
    const severity = covering.length === 0 ? null : covering.some((s) => s.severity === 'block') ? 'block' : 'warn';
    pieces.push({ text: text.slice(start, end), severity });
  }
  return pieces;
}

/**
 * A textarea with the linter's findings underlined: a mirrored backdrop with the same font,
 * padding and wrapping sits behind the transparent textarea, and draws marks at the finding
 * spans. The backdrop is hidden from assistive technology (the findings list says the same in words).
 */
export function LintedTextarea({ id, value, findings, onChange, onKeyDown, describedBy, textareaRef, label }: LintedTextareaProps) {
  const backdrop = useRef<HTMLDivElement>(null);
  const pieces = markPieces(value, findings);
  const content: ReactNode[] = pieces.map((p, i) =>
    p.severity ? (
      <mark key={i} className={`linted__mark linted__mark--${p.severity}`} data-severity={p.severity}>
        {p.text}
      </mark>
    ) : (
      <span key={i}>{p.text}</span>
    ),
  );

  return (
    <div className="linted">
      <div className="linted__backdrop field__input" ref={backdrop} aria-hidden="true" data-testid="lint-backdrop">
        {content}
        {/* A trailing newline in a textarea opens a line; the mirror needs a character there to match. */}
        {value.endsWith('\n') ? ' ' : null}
      </div>
      <textarea
        id={id}
        ref={textareaRef}
        className="linted__input field__input"
        rows={5}
        value={value}
        aria-label={label}
        aria-describedby={describedBy}
        spellCheck
        onChange={(event) => onChange(event.target.value, event.target.selectionStart)}
        onKeyDown={onKeyDown}
        onScroll={(event) => {
          if (backdrop.current) backdrop.current.scrollTop = event.currentTarget.scrollTop;
        }}
      />
    </div>
  );
}
