import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Longest function (lines, signature to closing brace) allowed without a reason. */
const MAX_LINES = 80;
/** A longer function says why in the comment above it, with these words. */
const REASON = /kept whole:/i;

/** `file:line name (n lines)` of every function over MAX_LINES whose leading comment gives no reason. */
function longFunctions(root: string): string[] {
  const found: string[] = [];
  const check = (file: string): void => {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const first = sf.getLineAndCharacterOfPosition(node.getStart()).line;
        const lines = sf.getLineAndCharacterOfPosition(node.end).line - first + 1;
        const holder = ts.isVariableDeclaration(node.parent) ? node.parent.parent.parent : node;
        const comments = (ts.getLeadingCommentRanges(text, holder.pos) ?? []).map((c) => text.slice(c.pos, c.end)).join('\n');
        if (lines > MAX_LINES && !REASON.test(comments)) found.push(`${path.relative(root, file)}:${first + 1} ${node.name?.getText() ?? '(anonymous)'} (${lines} lines)`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  };
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts') && !p.endsWith('.spec.ts') && !p.endsWith('.data.ts')) check(p);
    }
  };
  walk(root);
  return found;
}

describe('packages/nlp source and scripts', () => {
  it(`has no function over ${MAX_LINES} lines without a "kept whole:" reason in its comment`, () => {
    const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    expect([...longFunctions(path.join(pkg, 'src')), ...longFunctions(path.join(pkg, 'scripts'))]).toEqual([]);
  });
});
