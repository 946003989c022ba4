import { useId, useRef } from 'react';
import { excerptAround } from '../../listening/components/QueryErrorPointer';
import { insertAt, variableToken } from '../template-variables';
import type { TemplateProblem } from '../template-preview';
import { VariablesMenu } from './VariablesMenu';

interface TemplateBodyFieldProps {
  value: string;
  onChange(value: string): void;
  /** Problems `parseTemplate` finds as the body is typed, each at its position. */
  problems: readonly TemplateProblem[];
  /** What the api said about the body on save, when the live check has nothing to show. */
  serverError?: string | undefined;
}

/** One template problem: the message and the spot in the body, marked under an excerpt, with a way to jump there. */
function ProblemPointer({ body, problem, onShow }: { body: string; problem: TemplateProblem; onShow(): void }) {
  const { before, at, after, column } = excerptAround(body, problem.position);
  return (
    <li className="query-error">
      <p className="field__error">
        {problem.message} <span className="query-error__where">(at character {Math.min(problem.position, body.length) + 1})</span>
      </p>
      <pre className="query-error__excerpt" aria-hidden="true">
        {before}
        <mark className="query-error__mark">{at}</mark>
        {after}
        {'\n'}
        <span className="query-error__caret">{`${' '.repeat(column)}^`}</span>
      </pre>
      <button type="button" className="link-button" onClick={onShow}>
        Show in the body
      </button>
    </li>
  );
}

/** The template body: a text box with a variables menu that inserts at the caret, and its problems pointed at. */
export function TemplateBodyField({ value, onChange, problems, serverError }: TemplateBodyFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const invalid = problems.length > 0 || Boolean(serverError);

  function select(start: number, end: number) {
    const input = inputRef.current;
    if (!input) return;
    input.focus();
    input.setSelectionRange(start, end);
  }

  return (
    <div className={['field', 'template-body', invalid ? 'field--invalid' : ''].filter(Boolean).join(' ')}>
      <div className="template-body__label-row">
        <label className="field__label" htmlFor={id}>
          Body
        </label>
        <VariablesMenu
          onPick={(info) => {
            const input = inputRef.current;
            const start = input?.selectionStart ?? value.length;
            const end = input?.selectionEnd ?? start;
            const next = insertAt(value, variableToken(info), start, end);
            onChange(next.text);
            // After React has put the new text in the box.
            requestAnimationFrame(() => select(next.caret, next.caret));
          }}
        />
      </div>
      <textarea
        ref={inputRef}
        id={id}
        name="body"
        className="field__input template-body__input"
        rows={6}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={[hintId, invalid ? errorId : null].filter(Boolean).join(' ')}
      />
      <p className="field__hint" id={hintId}>
        Variables are filled in when an agent uses the template; a fallback after | is used when the value is unknown, e.g. {'{{author.name | "there"}}'}.
      </p>
      <div id={errorId} aria-live="polite">
        {problems.length > 0 ? (
          <ul className="template-body__problems" aria-label="Problems in the body">
            {problems.map((problem, index) => (
              <ProblemPointer
                key={`${problem.position}-${index}`}
                body={value}
                problem={problem}
                onShow={() => select(problem.position, problem.position + 1)}
              />
            ))}
          </ul>
        ) : serverError ? (
          <p className="field__error">{serverError}</p>
        ) : null}
      </div>
    </div>
  );
}
