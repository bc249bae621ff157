import { DateTime } from 'luxon';

/** An account's warm-up: when its ramp began (null: none), how many days it lasts, the first day's cap. */
export interface WarmupPlan {
  startedAt: Date | null;
  days: number;
  startCap: number;
}

/** Where a ramp stands today: day `day` of `days` (1-based), over at `endsAt`. */
export interface WarmupStage {
  day: number;
  days: number;
  startedAt: Date;
  endsAt: Date;
}

const DAY_MS = 86_400_000;

/**
 * The ramp's day today, or null when there is no ramp or it is over. Days are UTC calendar days, like
 * the daily quota window: a ramp started at 23:00 is on day 2 an hour later.
 */
export function warmupStage(plan: WarmupPlan, now: Date): WarmupStage | null {
  if (!plan.startedAt || plan.days <= 0) return null;
  const first = DateTime.fromJSDate(plan.startedAt, { zone: 'utc' }).startOf('day');
  const day = Math.floor((DateTime.fromJSDate(now, { zone: 'utc' }).startOf('day').toMillis() - first.toMillis()) / DAY_MS) + 1;
  if (day > plan.days) return null;
  // A start in the future (set by hand) counts as day 1.
  return { day: Math.max(1, day), days: plan.days, startedAt: plan.startedAt, endsAt: first.plus({ days: plan.days }).toJSDate() };
}

/** The daily cap on a ramp's day: `startCap` on day 1, rising in equal steps to `fullCap` the day after the last. */
export function warmupCap(fullCap: number, startCap: number, stage: WarmupStage | null): number {
  if (!stage) return fullCap;
  const start = Math.min(startCap, fullCap);
  return Math.floor(start + ((fullCap - start) * (stage.day - 1)) / stage.days);
}
