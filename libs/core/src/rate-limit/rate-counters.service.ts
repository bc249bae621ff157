import { Injectable } from '@nestjs/common';
import { ApiRateCountersRepository, type RateCounterHit } from '@threadline/db';

/** How often a process sweeps ended windows out of the table (one DELETE, off the request path). */
const SWEEP_EVERY_MS = 5 * 60_000;

/** Fixed-window request counters in Postgres, so every API replica spends from one budget. */
@Injectable()
export class RateCountersService {
  private lastSweep = Date.now();

  constructor(private readonly counters: ApiRateCountersRepository) {}

  /** Counts `count` hits of `bucket` in a fixed window of `windowMs` (one UPSERT, Postgres's clock). */
  hit(bucket: string, windowMs: number, count = 1): Promise<RateCounterHit> {
    this.sweepNowAndThen();
    return this.counters.hit(bucket, windowMs, count);
  }

  private sweepNowAndThen(): void {
    if (Date.now() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = Date.now();
    // Best effort: a failed sweep leaves rows the next one removes.
    this.counters.deleteExpired(new Date()).catch(() => undefined);
  }
}
