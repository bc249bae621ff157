import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ApiRateCountersRepository } from '@threadline/db';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** How often a process sweeps ended windows out of the table (one DELETE, off the request path). */
const SWEEP_EVERY_MS = 5 * 60_000;

/**
 * Rate-limit counters in Postgres, so every API replica spends from one budget: one UPSERT per
 * request, fixed windows of the throttler's ttl (blocked until the window ends).
 */
export class PostgresThrottlerStorage implements ThrottlerStorage {
  private lastSweep = Date.now();

  constructor(private readonly counters: ApiRateCountersRepository) {}

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    this.sweepNowAndThen();
    const { hits, resetInMs } = await this.counters.hit(key, ttl);
    const seconds = Math.max(1, Math.ceil(resetInMs / 1000));
    const isBlocked = hits > limit;
    return { totalHits: hits, timeToExpire: seconds, isBlocked, timeToBlockExpire: isBlocked ? seconds : 0 };
  }

  private sweepNowAndThen(): void {
    if (Date.now() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = Date.now();
    // Best effort: a failed sweep leaves rows the next one removes.
    this.counters.deleteExpired(new Date()).catch(() => undefined);
  }
}
