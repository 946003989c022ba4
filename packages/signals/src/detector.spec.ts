import { createDetector, detectorFromJSON, type DetectorEvent, type DetectorOptions } from './detector.js';
import { feedStream, simulateStream, type SimulatedStreamOptions } from './simulated-stream.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function run(o: SimulatedStreamOptions, options: DetectorOptions = {}): { events: DetectorEvent[]; surge: { startMs: number; endMs: number } | null } {
  const stream = simulateStream(o);
  const detector = createDetector({ stepMs: stream.stepMs, ...options });
  return { events: feedStream(stream, (b, t, n) => detector.observe(b, t, n)), surge: stream.surge };
}

const kinds = (events: DetectorEvent[]): string[] => events.map((e) => `${e.kind}:${e.metric}`);

describe('createDetector on simulated streams (the social-sim rate model with a daily and weekly rhythm)', () => {
  it.each([1, 2, 3])('a steady simulated month raises no alert (seed %i)', (seed) => {
    const live = run({ seed, days: 30 });
    const demo = run({ seed, days: 30, intervalMs: 576_000 });
    const demo5 = run({ seed, days: 30, intervalMs: 576_000, stepMs: 5 * MINUTE });
    const falseAlerts = [...live.events, ...demo.events, ...demo5.events].filter((e) => e.kind === 'raised').length;
    console.log(`seed ${seed}: false-alerts: ${falseAlerts}`);
    expect(falseAlerts).toBe(0);
  });

  it('follows the local rhythm across a daylight-saving change (Europe/Paris, October 2026): no false alert, then one crisis alert', () => {
    const startMs = Date.UTC(2026, 9, 5); // Monday 5 October; clocks go back on Sunday 25 October
    const options = { timeZone: 'Europe/Paris' };
    const steady = run({ seed: 11, days: 30, startMs, timeZone: 'Europe/Paris' }, options);
    expect(steady.events).toEqual([]);
    const crisis = run({ seed: 11, days: 30, startMs, timeZone: 'Europe/Paris', crisis: { atMs: 27 * DAY + 9 * 60 * MINUTE } }, options);
    expect(kinds(crisis.events)).toEqual(['raised:volume', 'cleared:volume']);
  });

  it('is fast: a month of 1-minute buckets in under a second', () => {
    const stream = simulateStream({ seed: 9, days: 30 });
    const detector = createDetector();
    const t0 = performance.now();
    feedStream(stream, (b, t, n) => detector.observe(b, t, n));
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it.each([1, 2, 3])('the crisis scenario raises exactly one alert within five minutes, and clears once (seed %i)', (seed) => {
    const atMs = 21 * DAY + ((seed * 7919) % 1440) * MINUTE + 17_000;
    const { events, surge } = run({ seed, days: 23, crisis: { atMs } });
    expect(kinds(events)).toEqual(['raised:volume', 'cleared:volume']);
    const [raised, cleared] = events as [DetectorEvent, DetectorEvent];
    const delay = (raised.at.getTime() - (surge?.startMs ?? 0)) / MINUTE;
    console.log(
      `seed ${seed}: alert-delay: ${delay.toFixed(2)} min (${raised.observed} posts vs ${raised.expected} expected, ×${raised.ratio}, z ${raised.zScore})`,
    );
    expect(delay).toBeGreaterThan(0);
    expect(delay).toBeLessThanOrEqual(5);
    expect(raised.ratio).toBeGreaterThan(1.8);
    expect(cleared.at.getTime()).toBeGreaterThan(surge?.endMs ?? 0);
  });

  it('a history-style incident (3 hours at 3× the rate, mostly complaints) is one alert and one clear', () => {
    const { events, surge } = run({ seed: 4, days: 22, incident: { atMs: 21 * DAY + 13 * 60 * MINUTE, durationMs: 3 * 60 * MINUTE, multiplier: 3 } });
    expect(events.map((e) => e.kind)).toEqual(['raised', 'cleared']);
    const [raised, cleared] = events as [DetectorEvent, DetectorEvent];
    expect(raised.at.getTime() - (surge?.startMs ?? 0)).toBeLessThanOrEqual(5 * MINUTE);
    // Not learned while raised: it clears only once the surge is over.
    expect(cleared.at.getTime()).toBeGreaterThan(surge?.endMs ?? 0);
    expect(cleared.at.getTime()).toBeLessThan((surge?.endMs ?? 0) + 90 * MINUTE);
  });

  it('a negative-share surge at steady volume raises a negative_share alert', () => {
    const { events, surge } = run({ seed: 5, days: 22, shareShift: { atMs: 21 * DAY + 11 * 60 * MINUTE, durationMs: 2 * 60 * MINUTE, negativeShare: 0.8 } });
    expect(kinds(events)).toEqual(['raised:negative_share', 'cleared:negative_share']);
    const raised = events[0] as DetectorEvent;
    expect(raised.observed).toBeGreaterThan(raised.expected);
    expect(raised.at.getTime() - (surge?.startMs ?? 0)).toBeLessThanOrEqual(15 * MINUTE);
  });

  it('serialisation round-trip gives identical decisions', () => {
    const stream = simulateStream({ seed: 6, days: 23, crisis: { atMs: 22 * DAY + 14 * 60 * MINUTE } });
    const original = createDetector();
    const half = 22 * 24 * 60;
    feedStream(stream, (b, t, n) => original.observe(b, t, n), 0, half);
    const restored = detectorFromJSON(JSON.stringify(original.toJSON()));
    const a = feedStream(stream, (b, t, n) => original.observe(b, t, n), half);
    const b = feedStream(stream, (b2, t, n) => restored.observe(b2, t, n), half);
    expect(a.length).toBe(2);
    expect(b).toEqual(a);
    expect(JSON.stringify(restored.toJSON())).toBe(JSON.stringify(original.toJSON()));
  });
});

describe('createDetector rules', () => {
  const step = MINUTE;
  const t0 = Date.UTC(2026, 10, 2);
  /** Constant 10 posts a minute (3 negative) for `days`, then `extra` applied per minute offset. */
  function flat(days: number, tail: (minute: number) => [number, number], options: DetectorOptions = {}): DetectorEvent[] {
    const d = createDetector({ warmupMs: 2 * DAY, ...options });
    const events: DetectorEvent[] = [];
    const warm = days * 24 * 60;
    for (let i = 0; i < warm; i++) events.push(...d.observe(new Date(t0 + i * step), 10, 3));
    for (let m = 0; m < 600; m++) {
      const [total, negative] = tail(m);
      events.push(...d.observe(new Date(t0 + (warm + m) * step), total, negative));
    }
    return events;
  }

  it('raises nothing during warm-up', () => {
    const d = createDetector();
    const events = [];
    for (let i = 0; i < 3 * 24 * 60; i++) events.push(...d.observe(new Date(t0 + i * step), i === 3000 ? 500 : 10, 3));
    expect(events).toEqual([]);
  });

  it('hysteresis: a surge that dips between the clear and raise thresholds stays one incident', () => {
    // 60/min for 20 min, then 20/min (z ≈ 2.8 on one bucket: between clearZ 2 and raiseZ 5) for 40 min, then normal.
    const events = flat(8, (m) => (m < 20 ? [60, 18] : m < 60 ? [20, 6] : [10, 3]));
    expect(events.map((e) => e.kind)).toEqual(['raised', 'cleared']);
    expect((events[1] as DetectorEvent).at.getTime()).toBeGreaterThan(t0 + (8 * 24 * 60 + 60) * step);
  });

  it('clears only after N quiet buckets in a row', () => {
    const events = flat(8, (m) => (m < 5 ? [60, 18] : [10, 3]), { clearAfterBuckets: 10, windowsMs: [MINUTE] });
    const cleared = events.find((e) => e.kind === 'cleared');
    // Quiet from minute 5; the 10th quiet bucket is minute 14, decided at its end.
    expect(cleared?.at.getTime()).toBe(t0 + (8 * 24 * 60 + 15) * step);
  });

  it('cooldown: a second surge soon after the first clears raises nothing; after the cooldown it raises again', () => {
    const burst = (m: number): [number, number] => (m < 5 || (m >= 40 && m < 45) || (m >= 200 && m < 205) ? [60, 18] : [10, 3]);
    const events = flat(8, burst, { cooldownMs: 60 * MINUTE });
    expect(events.map((e) => e.kind)).toEqual(['raised', 'cleared', 'raised', 'cleared']);
    expect((events[2] as DetectorEvent).at.getTime()).toBe(t0 + (8 * 24 * 60 + 201) * step);
  });

  it('a back-dated bucket (at or before the last one fed) is ignored and counted', () => {
    const d = createDetector();
    d.observe(new Date(t0 + 5 * step), 1, 0);
    expect(d.observe(new Date(t0 + 2 * step), 50, 50)).toEqual([]);
    expect(d.lateBuckets).toBe(1);
    expect(d.nextBucket?.getTime()).toBe(t0 + 6 * step);
    expect(() => d.observe(new Date(t0 + 6 * step + 1), 1, 0)).toThrow(RangeError);
    expect(() => d.observe(new Date(t0 + 7 * step), 1, 2)).toThrow(RangeError);
  });

  it('learns the rhythm in the workspace time zone', () => {
    const d = createDetector({ timeZone: 'Europe/Paris' });
    // 14 days: 20 posts a minute from 09:00 to 17:00 Paris time, 2 otherwise.
    for (let i = 0; i < 14 * 24 * 60; i++) {
      const at = new Date(t0 + i * step);
      const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: 'numeric' }).format(at));
      d.observe(at, hour >= 9 && hour < 17 ? 20 : 2, 0);
    }
    expect(d.expectedAt(new Date(Date.UTC(2026, 10, 17, 12)))).toBeCloseTo(20, 0); // 13:00 in Paris
    expect(d.expectedAt(new Date(Date.UTC(2026, 10, 17, 2)))).toBeCloseTo(2, 0); // 03:00 in Paris
  });
});
