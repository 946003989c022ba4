const CONTEXT = 40;

/** The line around `position`, cut to a window, with the column of the caret in it. */
export function excerptAround(query: string, position: number): { before: string; at: string; after: string; column: number } {
  const pos = Math.min(Math.max(0, position), query.length);
  const lineStart = query.lastIndexOf('\n', pos - 1) + 1;
  const newline = query.indexOf('\n', pos);
  const lineEnd = newline === -1 ? query.length : newline;
  const start = Math.max(lineStart, pos - CONTEXT);
  const end = Math.min(lineEnd, pos + 1 + CONTEXT);
  const lead = start > lineStart ? '…' : '';
  const tail = end < lineEnd ? '…' : '';
  const flat = (text: string) => text.replace(/\t/g, ' ');
  const at = pos < lineEnd ? flat(query.charAt(pos)) : ' ';
  return {
    before: lead + flat(query.slice(start, pos)),
    at,
    after: flat(query.slice(Math.min(pos + 1, lineEnd), end)) + tail,
    column: lead.length + (pos - start),
  };
}

interface QueryErrorPointerProps {
  id: string;
  query: string;
  message: string;
  /** 0-based character offset of the problem. */
  position: number;
  onShow(): void;
}

/** The problem in a query, and where it is: the message, the spot marked under the text, and a way to jump there. */
export function QueryErrorPointer({ id, query, message, position, onShow }: QueryErrorPointerProps) {
  const { before, at, after, column } = excerptAround(query, position);
  return (
    <div className="query-error">
      <p className="field__error" id={id}>
        {message}{' '}
        <span className="query-error__where">
          (at character {Math.min(position, query.length) + 1}
          {at.trim() ? <>, “{at}”</> : null})
        </span>
      </p>
      <pre className="query-error__excerpt" aria-hidden="true" data-testid="query-error-excerpt">
        {before}
        <mark className="query-error__mark">{at}</mark>
        {after}
        {'\n'}
        <span className="query-error__caret">{`${' '.repeat(column)}^`}</span>
      </pre>
      <button type="button" className="link-button" onClick={onShow}>
        Show in the query
      </button>
    </div>
  );
}
