import { createDetector, detectorFromJSON, type DetectorEvent, type DetectorJson } from './detector.js';
import { feedStream, simulateStream, type SimulatedStreamOptions } from './simulated-stream.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A shift that never ends within the stream: the brand's new normal. */
const FOR_GOOD = 1000 * DAY;

function run(o: SimulatedStreamOptions): {
  events: DetectorEvent[];
  surge: { startMs: number; endMs: number } | null;
  raised: boolean;
  expectedAt: (ms: number) => number;
} {
  const stream = simulateStream(o);
  const detector = createDetector({ stepMs: stream.stepMs });
  const events = feedStream(stream, (b, t, n) => detector.observe(b, t, n));
  return { events, surge: stream.surge, raised: detector.raised, expectedAt: (ms) => detector.expectedAt(new Date(ms)) };
}

const kinds = (events: DetectorEvent[]): string[] => events.map((e) => `${e.kind}:${e.metric}`);
const hours = (ms: number): string => (ms / HOUR).toFixed(1);

describe('a permanent level shift is one alert, then the new normal', () => {
  it.each([
    [1, 10],
    [2, 3],
    [3, 16],
  ])('live rate: the volume doubles for good (seed %i, from %i:00): one alert that clears within a day, then a week of silence', (seed, hour) => {
    const atMs = 21 * DAY + hour * HOUR;
    const { events, surge, raised, expectedAt } = run({ seed, days: 30, incident: { atMs, durationMs: FOR_GOOD, multiplier: 2, negativeShare: 0.4 } });
    const shiftAt = surge?.startMs ?? 0;
    console.log(`seed ${seed}: ${events.map((e) => `${e.kind} ${e.metric} +${hours(e.at.getTime() - shiftAt)} h`).join(', ')}`);
    expect(kinds(events)).toEqual(['raised:volume', 'cleared:volume']);
    const [first, cleared] = events as [DetectorEvent, DetectorEvent];
    // The shift is news the day it happens (a doubling at night shows only once the morning is busier than usual).
    expect(first.at.getTime() - shiftAt).toBeLessThanOrEqual(6 * HOUR);
    expect(cleared.at.getTime() - first.at.getTime()).toBeLessThanOrEqual(DAY);
    expect(raised).toBe(false);
    // The baseline is at the new level: the week after the shift is expected about twice as busy as the week before,
    // hour by hour. (Hours learned between the shift and the alert took some of it already and stay somewhat higher
    // until their averages catch up.)
    const unshifted = run({ seed, days: 21 });
    const ratios = Array.from({ length: 168 }, (_, h) => expectedAt(shiftAt + 7 * DAY + h * HOUR) / unshifted.expectedAt(shiftAt - 7 * DAY + h * HOUR));
    const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
    console.log(
      `seed ${seed}: the week after against the week before: ×${mean.toFixed(2)} on average, ×${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`,
    );
    expect(mean).toBeGreaterThan(1.8);
    expect(mean).toBeLessThan(2.2);
    expect(Math.min(...ratios)).toBeGreaterThan(1.6);
    expect(Math.max(...ratios)).toBeLessThan(2.6);
  });

  it.each([1, 2, 3])(
    'demo rate (~150 posts a day): the volume rises fivefold for good (seed %i): not an alert every afternoon peak, one chain that ends within a day',
    (seed) => {
      const atMs = 21 * DAY + [10, 3, 16][seed - 1]! * HOUR;
      const { events, surge, raised } = run({
        seed,
        days: 35,
        intervalMs: 576_000,
        incident: { atMs, durationMs: FOR_GOOD, multiplier: 5, negativeShare: 0.4 },
      });
      const shiftAt = surge?.startMs ?? 0;
      console.log(`seed ${seed}: ${events.map((e) => `${e.kind} ${e.metric} +${hours(e.at.getTime() - shiftAt)} h`).join(', ')}`);
      const raises = events.filter((e) => e.kind === 'raised');
      expect(raises.length).toBeGreaterThanOrEqual(1);
      expect(raises.length).toBeLessThanOrEqual(2);
      const first = raises[0] as DetectorEvent;
      const last = events[events.length - 1] as DetectorEvent;
      expect(last.kind).toBe('cleared');
      expect(last.at.getTime() - first.at.getTime()).toBeLessThanOrEqual(30 * HOUR);
      expect(raised).toBe(false);
    },
  );

  it.each([1, 2])('live rate: the negative share moves from 40 % to 80 % for good (seed %i): one alert that clears within a day', (seed) => {
    const { events, surge, raised } = run({ seed, days: 30, shareShift: { atMs: 21 * DAY + 10 * HOUR, durationMs: FOR_GOOD, negativeShare: 0.8 } });
    const shiftAt = surge?.startMs ?? 0;
    console.log(`seed ${seed}: ${events.map((e) => `${e.kind} ${e.metric} +${hours(e.at.getTime() - shiftAt)} h`).join(', ')}`);
    expect(kinds(events)).toEqual(['raised:negative_share', 'cleared:negative_share']);
    const [first, cleared] = events as [DetectorEvent, DetectorEvent];
    expect(first.at.getTime() - shiftAt).toBeLessThanOrEqual(15 * MINUTE);
    expect(cleared.at.getTime() - first.at.getTime()).toBeLessThanOrEqual(DAY);
    expect(raised).toBe(false);
  });

  it('a crisis two days after a level shift raises its own alert within five minutes (the new normal is the baseline)', () => {
    const shiftAt = 21 * DAY + 10 * HOUR;
    // 02:00: 40 posts in 30 s against the doubled night rate (the same burst at a doubled afternoon peak is under 1.8×).
    const crisisAt = shiftAt + 2 * DAY + 16 * HOUR + 17_000;
    const { events } = run({
      seed: 7,
      days: 25,
      incident: { atMs: shiftAt, durationMs: FOR_GOOD, multiplier: 2, negativeShare: 0.4 },
      crisis: { atMs: crisisAt },
    });
    const start = Date.UTC(2026, 10, 2);
    expect(kinds(events)).toEqual(['raised:volume', 'cleared:volume', 'raised:volume', 'cleared:volume']);
    const crisis = events[2] as DetectorEvent;
    expect(crisis.at.getTime() - (start + crisisAt)).toBeGreaterThan(0);
    expect(crisis.at.getTime() - (start + crisisAt)).toBeLessThanOrEqual(5 * MINUTE);
  });

  it.each([11, 18, 30])('a crisis of %i hours at three times the rate is one alert; once it is over the old level is the normal again', (durationHours) => {
    const atMs = 21 * DAY + 13 * HOUR;
    const { events, surge, expectedAt } = run({ seed: 4, days: 32, incident: { atMs, durationMs: durationHours * HOUR, multiplier: 3 } });
    expect(events.map((e) => e.kind)).toEqual(['raised', 'cleared']);
    expect((events[0] as DetectorEvent).at.getTime() - (surge?.startMs ?? 0)).toBeLessThanOrEqual(5 * MINUTE);
    // Taken for the new normal after 12 hours (the rule that ends a level shift's alert), then undone when it ended:
    // the last week is expected about as busy as the weeks before it (a little more: the hours learned meanwhile).
    const unshifted = run({ seed: 4, days: 21 });
    const start = Date.UTC(2026, 10, 2);
    let ratio = 0;
    for (let h = 0; h < 168; h++) ratio += expectedAt(start + 28 * DAY + h * HOUR) / unshifted.expectedAt(start + 14 * DAY + h * HOUR) / 168;
    console.log(
      `${durationHours} h crisis: ${events.map((e) => `${e.kind} +${hours(e.at.getTime() - (surge?.startMs ?? 0))} h`).join(', ')}; baseline after ×${ratio.toFixed(2)}`,
    );
    expect(ratio).toBeLessThan(1.2);
  });

  it('two separate incidents on consecutive days are two alerts: a chain of alerts is not taken for a level shift', () => {
    // Three hours at three times the rate at 13:00, twice: the day in between is normal.
    const stream = simulateStream({ seed: 4, days: 23, incident: { atMs: 21 * DAY + 13 * HOUR, durationMs: 3 * HOUR, multiplier: 3 } });
    const again = simulateStream({ seed: 5, days: 23, incident: { atMs: 22 * DAY + 13 * HOUR, durationMs: 3 * HOUR, multiplier: 3 } });
    const detector = createDetector();
    const day22 = 22 * 24 * 60;
    const events = [
      ...feedStream(stream, (b, t, n) => detector.observe(b, t, n), 0, day22),
      ...feedStream(again, (b, t, n) => detector.observe(b, t, n), day22),
    ];
    expect(events.map((e) => e.kind)).toEqual(['raised', 'cleared', 'raised', 'cleared']);
    const second = events[2] as DetectorEvent;
    expect(second.at.getTime() - (again.surge?.startMs ?? 0)).toBeLessThanOrEqual(5 * MINUTE);
    // The second incident was not learned as a new normal: it clears once it is over.
    expect((events[3] as DetectorEvent).at.getTime()).toBeGreaterThan(again.surge?.endMs ?? 0);
  });
});

describe('detector state saved before level shifts were handled', () => {
  /** The state fields every saved detector has had since the first version. */
  const FIRST_STATE_KEYS = [
    'slotMean',
    'slotSamples',
    'phi',
    'negEwma',
    'totalEwma',
    'shareSamples',
    'phiShare',
    'firstBucket',
    'lastBucket',
    'recent',
    'incident',
    'lastClearedAt',
    'lateBuckets',
  ];
  /** `json` as the first version wrote it: only its state fields and options. */
  function asFirstVersion(json: DetectorJson): unknown {
    const state = Object.fromEntries(Object.entries(json.state).filter(([k]) => FIRST_STATE_KEYS.includes(k)));
    const { stepMs, timeZone, windowsMs, halfLifeWeeks, warmupMs, raiseZ, clearZ, clearAfterBuckets, cooldownMs } = json.options;
    const { minExcess, minRatio, relativeError, minShareCount, minShareLift, shareError, relearnAfterMs, metrics } = json.options;
    const options = { stepMs, timeZone, windowsMs, halfLifeWeeks, warmupMs, raiseZ, clearZ, clearAfterBuckets, cooldownMs };
    return { version: 1, options: { ...options, minExcess, minRatio, relativeError, minShareCount, minShareLift, shareError, relearnAfterMs, metrics }, state };
  }

  it('loads, and decides as the detector it was saved from (a crisis after three weeks)', () => {
    const stream = simulateStream({ seed: 6, days: 23, crisis: { atMs: 22 * DAY + 14 * HOUR } });
    const original = createDetector();
    const half = 22 * 24 * 60;
    feedStream(stream, (b, t, n) => original.observe(b, t, n), 0, half);
    const old = JSON.stringify(asFirstVersion(original.toJSON()));
    const restored = detectorFromJSON(old);
    expect(restored.expectedAt(new Date(stream.startMs + half * MINUTE))).toBe(original.expectedAt(new Date(stream.startMs + half * MINUTE)));
    const a = feedStream(stream, (b, t, n) => original.observe(b, t, n), half);
    const b = feedStream(stream, (b2, t, n) => restored.observe(b2, t, n), half);
    expect(kinds(a)).toEqual(['raised:volume', 'cleared:volume']);
    expect(b).toEqual(a);
  });

  it('an old state saved mid-incident of a level shift loads and the shift still becomes the new normal', () => {
    const stream = simulateStream({ seed: 1, days: 28, incident: { atMs: 21 * DAY + 10 * HOUR, durationMs: FOR_GOOD, multiplier: 2, negativeShare: 0.4 } });
    const original = createDetector();
    const cut = (21 * 24 + 11) * 60; // an hour into the shift: raised
    const before = feedStream(stream, (b, t, n) => original.observe(b, t, n), 0, cut);
    expect(kinds(before)).toEqual(['raised:volume']);
    const restored = detectorFromJSON(JSON.stringify(asFirstVersion(original.toJSON())));
    expect(restored.raised).toBe(true);
    const after = feedStream(stream, (b, t, n) => restored.observe(b, t, n), cut);
    expect(kinds(after)).toEqual(['cleared:volume']);
    expect((after[0] as DetectorEvent).at.getTime() - (before[0] as DetectorEvent).at.getTime()).toBeLessThanOrEqual(DAY);
  });
});
