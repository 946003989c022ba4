import { backoffMs } from './backoff.util.js';

describe('backoffMs', () => {
  it('doubles per failure from the base, between half and all of the step', () => {
    expect(backoffMs(1, 30_000, () => 0)).toBe(15_000);
    expect(backoffMs(1, 30_000, () => 1)).toBe(30_000);
    expect(backoffMs(2, 30_000, () => 1)).toBe(60_000);
    expect(backoffMs(3, 30_000, () => 0.5)).toBe(90_000);
  });

  it('never waits more than 15 minutes', () => {
    expect(backoffMs(50, 30_000, () => 1)).toBe(15 * 60_000);
  });
});
