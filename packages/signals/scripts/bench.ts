import { createDetector, type DetectorEvent } from '../src/index.js';
import { feedStream, simulateStream, type SimulatedStreamOptions } from '../src/simulated-stream.js';

// `npm run bench -w @earshot/signals`: the detector over simulated streams (the social-sim rate model with a
// daily and weekly rhythm), several seeds. Prints the crisis alert delay and the false alerts of steady months.
const seeds = (process.env['SIGNALS_BENCH_SEEDS'] ?? '1,2,3,4,5').split(',').map(Number);
const DAY = 86_400_000;

function run(o: SimulatedStreamOptions): { events: DetectorEvent[]; ms: number; surge: { startMs: number; endMs: number } | null } {
  const stream = simulateStream(o);
  const detector = createDetector({ stepMs: stream.stepMs });
  const t0 = performance.now();
  const events = feedStream(stream, (b, t, n) => detector.observe(b, t, n));
  return { events, ms: performance.now() - t0, surge: stream.surge };
}

let falseAlerts = 0;
const delays: number[] = [];
let crisisAlerts = 0;
let maxMonthMs = 0;
for (const seed of seeds) {
  for (const variant of [
    { name: 'live rate (15/min)', intervalMs: 4000, stepMs: 60_000 },
    { name: 'demo rate (~150/day)', intervalMs: 576_000, stepMs: 60_000 },
    { name: 'demo rate, 5-min buckets', intervalMs: 576_000, stepMs: 300_000 },
  ]) {
    const steady = run({ seed, days: 30, intervalMs: variant.intervalMs, stepMs: variant.stepMs });
    maxMonthMs = Math.max(maxMonthMs, steady.ms);
    const raised = steady.events.filter((e) => e.kind === 'raised');
    falseAlerts += raised.length;
    for (const e of raised) console.log(`  false alert (seed ${seed}, ${variant.name}): ${JSON.stringify(e)}`);
  }
  // The crisis scenario after three weeks of steady history, at a seed-dependent time of day.
  const atMs = 21 * DAY + Math.floor(((seed * 7919) % 1440) * 60_000) + 17_000;
  const crisis = run({ seed, days: 23, crisis: { atMs } });
  const raised = crisis.events.filter((e) => e.kind === 'raised');
  crisisAlerts += raised.length;
  const first = raised[0];
  if (first && crisis.surge) {
    const delay = (first.at.getTime() - crisis.surge.startMs) / 60_000;
    delays.push(delay);
    console.log(
      `  crisis seed ${seed}: raised ${raised.length}, cleared ${crisis.events.filter((e) => e.kind === 'cleared').length}, delay ${delay.toFixed(2)} min (${first.metric}, ${first.observed} vs ${first.expected} expected, z ${first.zScore})`,
    );
  } else console.log(`  crisis seed ${seed}: NOT raised`);
}
const maxDelay = delays.length ? Math.max(...delays) : Number.NaN;
console.log(`seeds: ${seeds.join(',')}; crisis alerts: ${crisisAlerts} for ${seeds.length} crises; a month of 1-minute buckets: ${maxMonthMs.toFixed(0)} ms`);
console.log(`alert-delay: ${delays.length === seeds.length ? maxDelay.toFixed(1) : 'n/a (a crisis was missed)'} min`);
console.log(`false-alerts: ${falseAlerts}`);
