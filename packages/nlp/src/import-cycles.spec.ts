import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Relative imports (type-only ones included) of every .ts file under a folder. */
function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) graph.set(p, []);
    }
  };
  walk(root);
  for (const [file, deps] of graph) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/(?:import|export)\s[^;]*?from\s+['"](\.[^'"]+)['"]/g)) {
      const target = path.resolve(path.dirname(file), m[1] ?? '').replace(/\.js$/, '.ts');
      if (existsSync(target)) deps.push(target);
    }
  }
  return graph;
}

/** Each cycle found by a depth-first walk, as the chain of files (relative to root) that closes it. */
function cycles(graph: Map<string, string[]>, root: string): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): void => {
    state.set(f, 'open');
    stack.push(f);
    for (const d of graph.get(f) ?? []) {
      if (state.get(d) === 'open') found.push([...stack.slice(stack.indexOf(d)), d].map((x) => path.relative(root, x)).join(' -> '));
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of graph.keys()) if (!state.has(f)) visit(f);
  return found;
}

describe('packages/nlp imports', () => {
  const here = path.dirname(fileURLToPath(import.meta.url));

  it('form no cycle, type-only imports included (shared types live in text/tokenized.ts and model/feature-vector.ts)', () => {
    const graph = importGraph(here);
    expect(graph.size).toBeGreaterThan(20);
    expect(cycles(graph, here)).toEqual([]);
  });
});
