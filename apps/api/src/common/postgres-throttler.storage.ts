import type { ThrottlerStorage } from '@nestjs/throttler';
import type { RateCountersService } from '@threadline/core';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * The throttler's counters in Postgres, so every API replica spends from one budget: one UPSERT per
 * request, fixed windows of the throttler's ttl (blocked until the window ends).
 */
export class PostgresThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly counters: RateCountersService) {}

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const { hits, resetInMs } = await this.counters.hit(key, ttl);
    const seconds = Math.max(1, Math.ceil(resetInMs / 1000));
    const isBlocked = hits > limit;
    return { totalHits: hits, timeToExpire: seconds, isBlocked, timeToBlockExpire: isBlocked ? seconds : 0 };
  }
}
