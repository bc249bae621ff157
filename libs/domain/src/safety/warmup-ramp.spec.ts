import { warmupCap, warmupStage } from './warmup-ramp';

const at = (iso: string) => new Date(iso);
const plan = { startedAt: at('2026-03-02T15:00:00Z'), days: 14, startCap: 10 };

describe('warmupStage and warmupCap', () => {
  it('does ramp from the start cap on day 1 to the full cap the day after the last, one UTC day at a time', () => {
    const caps: number[] = [];
    for (let d = 0; d < 16; d++) caps.push(warmupCap(100, plan.startCap, warmupStage(plan, new Date(Date.parse('2026-03-02T20:00:00Z') + d * 86_400_000))));
    expect(caps).toEqual([10, 16, 22, 29, 35, 42, 48, 55, 61, 67, 74, 80, 87, 93, 100, 100]);
    expect(caps.every((c, i) => i === 0 || c >= caps[i - 1]!)).toBe(true);
  });

  it('does count days as UTC calendar days, like the daily quota', () => {
    expect(warmupStage(plan, at('2026-03-02T23:59:59Z'))?.day).toBe(1);
    expect(warmupStage(plan, at('2026-03-03T00:00:00Z'))?.day).toBe(2);
    expect(warmupStage(plan, at('2026-03-15T23:59:59Z'))).toMatchObject({ day: 14, days: 14, endsAt: at('2026-03-16T00:00:00Z') });
    expect(warmupStage(plan, at('2026-03-16T00:00:00Z'))).toBeNull();
  });

  it('does have no ramp without a start, with 0 days, or for a start cap above the full cap', () => {
    expect(warmupStage({ ...plan, startedAt: null }, at('2026-03-02T20:00:00Z'))).toBeNull();
    expect(warmupStage({ ...plan, days: 0 }, at('2026-03-02T20:00:00Z'))).toBeNull();
    expect(warmupCap(5, 10, warmupStage(plan, at('2026-03-02T20:00:00Z')))).toBe(5);
  });

  it('does treat a start set in the future as day 1', () => {
    expect(warmupStage(plan, at('2026-03-01T10:00:00Z'))?.day).toBe(1);
  });
});
