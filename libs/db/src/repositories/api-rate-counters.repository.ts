import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Where a bucket stands after a hit. */
export interface RateCounterHit {
  /** Hits in the current window, this one included. */
  hits: number;
  /** Milliseconds until the current window ends. */
  resetInMs: number;
  /** When the current window ends, on Postgres's clock (epoch ms): tells one window from the next. */
  windowEndsAt: number;
}

@Injectable()
export class ApiRateCountersRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Counts `count` hits in a fixed window of `windowMs`, atomically (one UPSERT, Postgres's clock): the
   * first hit after a window ended starts a new one.
   */
  async hit(bucket: string, windowMs: number, count = 1): Promise<RateCounterHit> {
    const [row] = await this.ds.query(
      `INSERT INTO api_rate_counters AS c (bucket, hits, window_ends_at)
       VALUES ($1, $3, now() + $2 * interval '1 millisecond')
       ON CONFLICT (bucket) DO UPDATE SET
         hits = CASE WHEN c.window_ends_at <= now() THEN EXCLUDED.hits ELSE c.hits + EXCLUDED.hits END,
         window_ends_at = CASE WHEN c.window_ends_at <= now() THEN EXCLUDED.window_ends_at ELSE c.window_ends_at END
       RETURNING hits, GREATEST(0, ceil(extract(epoch FROM c.window_ends_at - now()) * 1000))::int AS reset_in_ms,
         (extract(epoch FROM c.window_ends_at) * 1000)::float8 AS window_ends_at`,
      [bucket, windowMs, count],
    );
    return { hits: row.hits, resetInMs: row.reset_in_ms, windowEndsAt: Number(row.window_ends_at) };
  }

  /** Drops counters whose window ended before `before`; they would start afresh anyway. */
  async deleteExpired(before: Date): Promise<number> {
    const [, affected] = await this.ds.query('DELETE FROM api_rate_counters WHERE window_ends_at < $1', [before]);
    return affected ?? 0;
  }
}
