/**
 * The Docker files are checked statically here (this kind of machine has no Docker engine):
 * the image must carry every workspace package the api loads at run time, the build context
 * must never receive secrets or local data, and compose must take its secrets from an env file
 * shared by every replica.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './repo-root.js';

const read = (p: string): string => readFileSync(path.join(REPO_ROOT, p), 'utf8');
const pkg = (dir: string): { name: string; dependencies?: Record<string, string> } => JSON.parse(read(`${dir}/package.json`));

/** Workspace folders by package name (apps/* and packages/*). */
function workspaces(): Map<string, string> {
  const out = new Map<string, string>();
  for (const dir of [
    'apps/api',
    'apps/web',
    'apps/social-sim',
    'apps/e2e',
    ...['contracts', 'connectors', 'nlp', 'query', 'voice'].map((p) => `packages/${p}`),
  ]) {
    out.set(pkg(dir).name, dir);
  }
  return out;
}

/** The api's run-time (non-dev) workspace dependencies, transitively. */
function runtimeWorkspaceDeps(): string[] {
  const ws = workspaces();
  const seen = new Set<string>();
  const visit = (dir: string): void => {
    for (const dep of Object.keys(pkg(dir).dependencies ?? {})) {
      const depDir = ws.get(dep);
      if (depDir && !seen.has(depDir)) {
        seen.add(depDir);
        visit(depDir);
      }
    }
  };
  visit('apps/api');
  return [...seen].sort();
}

describe('docker/Dockerfile', () => {
  const dockerfile = read('docker/Dockerfile');
  const [buildStage, runtimeStage] = dockerfile.split(/^FROM .* AS runtime$/m);

  it('copies every workspace manifest before npm ci (npm ci needs them all)', () => {
    const listed = new Set([...workspaces().values()]);
    const before = buildStage!.slice(0, buildStage!.indexOf('RUN npm ci'));
    for (const dir of listed) expect(before).toContain(`COPY ${dir}/package.json ${dir}/`);
  });

  it('ships the manifest and build of every workspace package the api imports at run time', () => {
    const deps = runtimeWorkspaceDeps();
    expect(deps).toEqual(expect.arrayContaining(['packages/connectors', 'packages/contracts', 'packages/nlp', 'packages/query', 'packages/voice']));
    for (const dir of [...deps, 'apps/api']) {
      expect(runtimeStage).toContain(`/src/${dir}/package.json ${dir}/`);
      expect(runtimeStage).toContain(`/src/${dir}/dist ${dir}/dist`);
    }
    expect(runtimeStage).toContain('/src/apps/web/dist apps/web/dist');
    expect(runtimeStage).toMatch(/^USER node$/m);
  });
});

describe('.dockerignore', () => {
  const patterns = read('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it.each([
    ['node_modules', '**/node_modules'],
    ['the local data folder (embedded database, generated key)', '.earshot'],
    ['.env files', '.env'],
    ['compose secrets', 'docker/*.env'],
    ['reports', 'reports'],
    ['git history', '.git'],
  ])('keeps %s out of the build context', (_what, pattern) => {
    expect(patterns).toContain(pattern);
  });

  it('keeps the documented example env file (no secrets in it)', () => {
    expect(patterns).toContain('!.env.example');
    expect(read('.env.example')).not.toMatch(/^EARSHOT_SECRET_KEY=\S/m);
  });
});

describe('docker/compose.yaml', () => {
  const compose = read('docker/compose.yaml');
  const service = (name: string): string => {
    const m = new RegExp(`^  ${name}:\\n((?:    .*\\n|\\s*\\n)+)`, 'm').exec(compose);
    if (!m) throw new Error(`service ${name} not found in docker/compose.yaml`);
    return m[1]!;
  };

  it('requires the credentials key from the env file, so every replica shares one key', () => {
    expect(service('earshot')).toMatch(/EARSHOT_SECRET_KEY: \$\{EARSHOT_SECRET_KEY:\?[^}]+\}/);
  });

  it('keeps the api data folder on a named volume', () => {
    expect(service('earshot')).toMatch(/^\s+- earshot-data:\/data$/m);
    expect(compose).toMatch(/^volumes:\n(?:  \S+:\n)*  earshot-data:$/m);
  });

  it('runs Redis with a password and gives the api that password', () => {
    const redis = service('redis');
    expect(redis).toMatch(/REDIS_PASSWORD: \$\{REDIS_PASSWORD:\?[^}]+\}/);
    expect(redis).toContain('--requirepass');
    expect(service('earshot')).toContain('REDIS_URL: redis://:${REDIS_PASSWORD}@redis:6379');
  });

  it('has no secret written into the file itself', () => {
    for (const line of compose.split('\n')) {
      const m = /^\s+(\w*(?:PASSWORD|SECRET|KEY)\w*): (.*)$/.exec(line);
      if (m) expect(m[2]).toMatch(/^\$\{|^$/);
    }
  });

  it('has an example env file naming every secret compose requires', () => {
    const example = read('docker/earshot.env.example');
    for (const name of compose.matchAll(/\$\{(\w+):\?/g)) expect(example).toMatch(new RegExp(`^${name[1]}=`, 'm'));
  });
});
