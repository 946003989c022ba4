import { QuerySyntaxError } from './ast.js';

export type Token =
  | { kind: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'minus'; start: number; end: number }
  | { kind: 'word'; value: string; start: number; end: number }
  | { kind: 'phrase'; value: string; start: number; end: number };

const BREAK = /[\s()"]/;

/** Splits a query into tokens; AND/OR/NOT are operators only in capitals. */
export function tokenize(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      out.push({ kind: c === '(' ? 'lparen' : 'rparen', start: i, end: i + 1 });
      i++;
    } else if (c === '"' || c === '“' || c === '”') {
      const close = input.slice(i + 1).search(/["“”]/);
      if (close < 0) throw new QuerySyntaxError('This quote is never closed: add a closing "', i);
      out.push({ kind: 'phrase', value: input.slice(i + 1, i + 1 + close), start: i, end: i + close + 2 });
      i += close + 2;
    } else if (c === '-' && i + 1 < input.length && !/\s/.test(input[i + 1]!) && (i === 0 || /[\s(]/.test(input[i - 1]!))) {
      out.push({ kind: 'minus', start: i, end: i + 1 });
      i++;
    } else {
      let j = i;
      while (j < input.length && !BREAK.test(input[j]!)) j++;
      const value = input.slice(i, j);
      const kind = value === 'AND' ? 'and' : value === 'OR' ? 'or' : value === 'NOT' ? 'not' : null;
      out.push(kind ? { kind, start: i, end: j } : { kind: 'word', value, start: i, end: j });
      i = j;
    }
  }
  return out;
}
