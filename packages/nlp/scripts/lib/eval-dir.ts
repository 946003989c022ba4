import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the labelled data lives: `EARSHOT_EVAL_DIR`, else `<repo>/../shared/eval`
 * (the repository is cloned beside `shared/`). Scripts run from `dist-scripts/scripts/`.
 */
export function resolveEvalDir(): string {
  const fromEnv = process.env['EARSHOT_EVAL_DIR'];
  if (fromEnv) return path.resolve(fromEnv);
  const here = path.dirname(fileURLToPath(import.meta.url));
  const packageRoot = findPackageRoot(here);
  return path.resolve(packageRoot, '..', '..', '..', 'shared', 'eval');
}

export function requireEvalDir(): string {
  const dir = resolveEvalDir();
  if (!existsSync(path.join(dir, 'airline-tweets', 'dev.csv'))) {
    throw new Error(
      `Labelled data not found at ${dir}. Clone the repository beside shared/ (so that ../shared/eval exists) or set EARSHOT_EVAL_DIR to the eval folder.`,
    );
  }
  return dir;
}

/** Walks up to the folder holding packages/nlp/package.json. */
function findPackageRoot(start: string): string {
  let dir = start;
  for (let i = 0; i < 6; i += 1) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'tsconfig.scripts.json'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`cannot find packages/nlp above ${start}`);
}
