export * from './ast.js';
export { parseQuery, QUERY_PLATFORMS } from './parse.js';
export { matches, prepareMention, type MatchInput, type MatchableMention } from './match.js';
export { describeQueryError, compileQuery, type CompiledQuery } from './compile.js';
