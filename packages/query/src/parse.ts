import { QuerySyntaxError, type QueryNode } from './ast.js';
import { fold, words } from './normalize.util.js';
import { tokenize, type Token } from './tokenize.js';

/** Platforms a `platform:` filter may name. */
export const QUERY_PLATFORMS = ['mastodon', 'bluesky', 'reddit', 'x', 'rss'] as const;
const MAX_LENGTH = 2000;
const MAX_DEPTH = 32;

/**
 * Parses a listening query:
 *   "quoted phrase"  word  word*  @handle  #hashtag  lang:xx  platform:name
 *   a AND b   a OR b   NOT a   -a   ( … )   — adjacent terms mean AND; AND binds tighter than OR.
 * Throws QuerySyntaxError with the position of the problem and what to write instead.
 */
export function parseQuery(input: string): QueryNode {
  if (input.length > MAX_LENGTH) throw new QuerySyntaxError(`A query can be at most ${MAX_LENGTH} characters`, MAX_LENGTH);
  const tokens = tokenize(input);
  if (tokens.length === 0) throw new QuerySyntaxError('The query is empty: write at least one word, "phrase", @handle or #hashtag', 0);
  let pos = 0;
  let depth = 0;
  const peek = (): Token | undefined => tokens[pos];
  const at = (): number => peek()?.start ?? input.length;

  const parseOr = (): QueryNode => {
    const children = [parseAnd()];
    while (peek()?.kind === 'or') {
      const op = tokens[pos++]!;
      if (!startsOperand(peek())) throw new QuerySyntaxError('OR needs a term after it', peek()?.start ?? op.end);
      children.push(parseAnd());
    }
    return children.length === 1 ? children[0]! : { type: 'or', children };
  };

  const parseAnd = (): QueryNode => {
    const groupStart = at();
    const children = [parseUnary()];
    for (;;) {
      const t = peek();
      if (t?.kind === 'and') {
        pos++;
        if (!startsOperand(peek())) throw new QuerySyntaxError('AND needs a term after it', peek()?.start ?? t.end);
        children.push(parseUnary());
      } else if (startsOperand(t)) {
        children.push(parseUnary());
      } else break;
    }
    if (children.every((c) => c.type === 'not')) {
      throw new QuerySyntaxError('This part only excludes: add a term to look for, e.g. acme NOT job', groupStart);
    }
    return children.length === 1 ? children[0]! : { type: 'and', children };
  };

  const parseUnary = (): QueryNode => {
    const t = peek();
    if (t?.kind === 'not' || t?.kind === 'minus') {
      pos++;
      if (!startsOperand(peek()) || peek()?.kind === 'not' || peek()?.kind === 'minus') {
        throw new QuerySyntaxError(`${t.kind === 'not' ? 'NOT' : '-'} needs a term after it`, peek()?.start ?? t.end);
      }
      return { type: 'not', child: parsePrimary() };
    }
    return parsePrimary();
  };

  const parsePrimary = (): QueryNode => {
    const t = peek();
    if (!t) throw new QuerySyntaxError('The query ends too early: a term is missing', input.length);
    if (t.kind === 'lparen') {
      if (++depth > MAX_DEPTH) throw new QuerySyntaxError(`Too many nested parentheses (at most ${MAX_DEPTH})`, t.start);
      pos++;
      if (peek()?.kind === 'rparen') throw new QuerySyntaxError('Empty parentheses: put a term inside', t.start);
      const inner = parseOr();
      if (peek()?.kind !== 'rparen') throw new QuerySyntaxError('This parenthesis is never closed: add )', t.start);
      pos++;
      depth--;
      return inner;
    }
    if (t.kind === 'phrase') {
      pos++;
      const ws = words(t.value);
      if (ws.length === 0) throw new QuerySyntaxError('Empty phrase: put words between the quotes', t.start);
      return ws.length === 1
        ? { type: 'term', value: ws[0]!, prefix: false, start: t.start, end: t.end }
        : { type: 'phrase', words: ws, start: t.start, end: t.end };
    }
    if (t.kind === 'word') {
      pos++;
      return wordNode(t.value, t.start, t.end);
    }
    if (t.kind === 'rparen') throw new QuerySyntaxError('This ) has no matching (', t.start);
    throw new QuerySyntaxError(`${t.kind.toUpperCase()} needs a term before it`, t.start);
  };

  const result = parseOr();
  if (pos < tokens.length) {
    const t = tokens[pos]!;
    throw new QuerySyntaxError(t.kind === 'rparen' ? 'This ) has no matching (' : 'Unexpected text here', t.start);
  }
  return result;
}

function startsOperand(t: Token | undefined): boolean {
  return !!t && (t.kind === 'word' || t.kind === 'phrase' || t.kind === 'lparen' || t.kind === 'not' || t.kind === 'minus');
}

function wordNode(raw: string, start: number, end: number): QueryNode {
  const field = /^([A-Za-z]+):(.*)$/.exec(raw);
  if (field && !/^https?$/i.test(field[1]!)) {
    const name = field[1]!.toLowerCase();
    const value = fold(field[2]!);
    if (name === 'lang') {
      if (!/^[a-z]{2}$/.test(value)) throw new QuerySyntaxError('lang: takes a two-letter language code, e.g. lang:en', start + 5);
      return { type: 'field', field: 'lang', value, start, end };
    }
    if (name === 'platform') {
      if (!(QUERY_PLATFORMS as readonly string[]).includes(value))
        throw new QuerySyntaxError(`platform: takes one of ${QUERY_PLATFORMS.join(', ')}`, start + 9);
      return { type: 'field', field: 'platform', value, start, end };
    }
    throw new QuerySyntaxError(`Unknown filter "${field[1]}:": use lang: or platform:, or put the text in quotes`, start);
  }
  if (raw.startsWith('@')) {
    const v = fold(raw.slice(1)).replace(/[^\p{L}\p{N}_.@-]/gu, '');
    if (!v) throw new QuerySyntaxError('@ needs a handle after it, e.g. @acme', start);
    return { type: 'handle', value: v, start, end };
  }
  if (raw.startsWith('#')) {
    const v = fold(raw.slice(1)).replace(/[^\p{L}\p{N}_]/gu, '');
    if (!v) throw new QuerySyntaxError('# needs a tag after it, e.g. #acmefail', start);
    return { type: 'hashtag', value: v, start, end };
  }
  const prefix = raw.endsWith('*');
  const ws = words(prefix ? raw.slice(0, -1) : raw);
  if (ws.length === 0) throw new QuerySyntaxError(`"${raw}" has no letters or digits to look for`, start);
  if (ws.length > 1) return { type: 'phrase', words: ws, start, end };
  if (prefix && ws[0]!.length < 3) throw new QuerySyntaxError('A * prefix needs at least 3 letters before it', start);
  return { type: 'term', value: ws[0]!, prefix, start, end };
}
