// Sums the per-project results written by totals-reporter.js and prints `N passed, N failed`.
// A project with a test script but no results (its run crashed) counts as one failure.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(root, 'reports/jest');
const results = new Map();
if (fs.existsSync(dir)) {
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const r = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    results.set(r.project, r);
  }
}
let passed = 0;
let failed = 0;
for (const group of ['apps', 'packages']) {
  for (const name of fs.readdirSync(path.join(root, group))) {
    const pkgFile = path.join(root, group, name, 'package.json');
    if (!fs.existsSync(pkgFile) || !JSON.parse(fs.readFileSync(pkgFile, 'utf8')).scripts?.test) continue;
    const r = results.get(name);
    if (!r) {
      console.error(`no test results from ${group}/${name}`);
      failed += 1;
      continue;
    }
    passed += r.passed;
    failed += r.failed;
  }
}
// Where the time went (stderr: the totals stay the only line on stdout), to keep CI under its budget.
const projects = [...results.values()].filter((r) => typeof r.seconds === 'number').sort((a, b) => b.seconds - a.seconds);
if (projects.length) {
  console.error(`test time by project: ${projects.map((r) => `${r.project} ${r.seconds} s`).join(', ')}`);
  const files = projects.flatMap((r) => r.files ?? []).sort((a, b) => b.seconds - a.seconds);
  console.error(
    `slowest test files:\n${files
      .slice(0, 15)
      .map((f) => `  ${f.seconds} s  ${f.file}`)
      .join('\n')}`,
  );
}
console.log(`${passed} passed, ${failed} failed`);
