import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest folder above this file with nx.json (works from sources and from dist-bench). */
function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'nx.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root (nx.json) not found');
    dir = up;
  }
  return dir;
}

export const REPO_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
