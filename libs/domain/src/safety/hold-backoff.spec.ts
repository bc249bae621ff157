import { holdDurationMs } from './hold-backoff';

const bounds = { minMs: 60_000, maxMs: 21_600_000 };

describe('holdDurationMs', () => {
  it('does double the hold with each throttle since the last delivered send, up to the cap', () => {
    expect([0, 1, 2, 3, 8, 9, 50].map((n) => holdDurationMs(n, bounds))).toEqual([60_000, 120_000, 240_000, 480_000, 15_360_000, 21_600_000, 21_600_000]);
  });

  it('does keep LinkedIn\'s hint as a lower bound, never shorter than the exponential hold', () => {
    expect(holdDurationMs(0, bounds, 5_000)).toBe(60_000);
    expect(holdDurationMs(0, bounds, 900_000)).toBe(900_000);
    expect(holdDurationMs(3, bounds, 60_000)).toBe(480_000);
    // A hint past the cap is honoured: LinkedIn asked for it.
    expect(holdDurationMs(0, bounds, 30_000_000)).toBe(30_000_000);
  });
});
