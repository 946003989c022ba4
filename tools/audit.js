// `npm run audit:prod` (and .ci/run): `npm audit --omit=dev --audit-level=high` over the
// dependencies the product ships. A high or critical advisory fails. When the registry's
// advisory endpoint cannot be reached (an offline or filtered network answers 405 or
// ENOTFOUND), that is said plainly and the step does not pretend to have checked.
import { spawnSync } from 'node:child_process';

const res = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
let report;
try {
  report = JSON.parse(res.stdout || '{}');
} catch {
  report = null;
}
const endpointError =
  (report?.error || report?.statusCode ? { summary: report.message ?? report.error?.summary ?? report.error?.code } : null) ??
  (res.status !== 0 && !report?.metadata ? { summary: (res.stderr || '').trim().split('\n').pop() } : null);
if (endpointError) {
  console.log(`npm audit: NOT CHECKED - the advisory endpoint could not be reached (${endpointError.summary ?? endpointError.code ?? 'unknown error'}).`);
  console.log('npm audit: run `npm run audit:prod` where https://registry.npmjs.org/-/npm/v1/security/advisories/bulk is reachable.');
  process.exit(process.env.AUDIT_REQUIRED === 'true' ? 1 : 0);
}
const counts = report?.metadata?.vulnerabilities ?? {};
const high = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(`npm audit (production dependencies): ${['critical', 'high', 'moderate', 'low'].map((k) => `${counts[k] ?? 0} ${k}`).join(', ')}`);
if (high > 0) {
  for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
    if (v.severity === 'high' || v.severity === 'critical') console.log(`  ${v.severity}: ${name} ${v.range ?? ''}`);
  }
  process.exit(1);
}
