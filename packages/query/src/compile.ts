import { QuerySyntaxError, type QueryNode } from './ast.js';
import { matches, type MatchInput } from './match.js';
import { parseQuery } from './parse.js';

export interface CompiledQuery {
  source: string;
  ast: QueryNode;
  test(m: MatchInput): boolean;
}

/** Parses once; `test` is then a pure, allocation-free walk. */
export function compileQuery(source: string): CompiledQuery {
  const ast = parseQuery(source);
  return { source, ast, test: (m) => matches(ast, m) };
}

/** For forms: the message and position of a bad query, or null when it parses. */
export function describeQueryError(source: string): { message: string; position: number } | null {
  try {
    parseQuery(source);
    return null;
  } catch (e) {
    if (e instanceof QuerySyntaxError) return { message: e.message, position: e.position };
    throw e;
  }
}
