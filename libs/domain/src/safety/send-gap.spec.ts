import fc from 'fast-check';
import { sendGapMs, sendGapSettings } from './send-gap';

// The deployment defaults: SEND_SPACING_SECONDS=45, SEND_GAP_MEAN_FACTOR=1.5, SEND_GAP_CV=0.4, SEND_GAP_MAX_FACTOR=4.
const DEFAULTS = sendGapSettings(45, 1.5, 0.4, 4);

function stats(xs: number[]): { mean: number; cv: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
  return { mean, cv: sd / mean };
}

describe('sendGapMs', () => {
  const gaps = Array.from({ length: 5_000 }, (_, i) => sendGapMs(`lead:c:l${i}:step-0`, DEFAULTS));

  it('does vary the gaps with a coefficient of variation of at least 0.25 at the defaults', () => {
    const { mean, cv } = stats(gaps);
    expect(cv).toBeGreaterThanOrEqual(0.25);
    // Clamping at the floor lifts the mean a little above the configured one.
    expect(mean).toBeGreaterThan(DEFAULTS.meanMs * 0.95);
    expect(mean).toBeLessThan(DEFAULTS.meanMs * 1.15);
  });

  it('does not repeat one gap for most sends (no robotic rhythm)', () => {
    expect(new Set(gaps).size).toBeGreaterThan(gaps.length * 0.7);
  });

  it('never draws below the minimum nor above the maximum, whatever the settings', () => {
    fc.assert(fc.property(
      fc.string(), fc.double({ min: 0.01, max: 3600, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }),
      (op, spacing, meanFactor, cv, maxFactor) => {
        const s = sendGapSettings(spacing, meanFactor, cv, maxFactor);
        const gap = sendGapMs(op, s);
        expect(gap).toBeGreaterThanOrEqual(Math.floor(s.minMs));
        expect(gap).toBeLessThanOrEqual(Math.ceil(Math.max(s.maxMs, s.minMs)));
      },
    ));
  });

  it('does draw the same gap for the same operation (a retried send keeps its gap) and different ones for others', () => {
    expect(sendGapMs('send:ws:key-1', DEFAULTS)).toBe(sendGapMs('send:ws:key-1', DEFAULTS));
    expect(new Set(['a', 'b', 'c', 'd'].map((k) => sendGapMs(`send:ws:${k}`, DEFAULTS))).size).toBeGreaterThan(1);
  });

  it('does draw exactly the mean when the spread is 0', () => {
    expect(sendGapMs('op', sendGapSettings(10, 2, 0, 4))).toBe(20_000);
  });
});
