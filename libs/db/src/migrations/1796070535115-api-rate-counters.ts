import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 14: one API rate budget per key (and per address for failed authentications), shared by every API replica. */
export class ApiRateCounters1796070535115 implements MigrationInterface {
  name = 'ApiRateCounters1796070535115';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE api_rate_counters (
      bucket text PRIMARY KEY,
      hits int NOT NULL,
      window_ends_at timestamptz NOT NULL)`);
    // The sweep of ended windows.
    await q.query(`CREATE INDEX api_rate_counters_window_ends_at_idx ON api_rate_counters (window_ends_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_rate_counters`);
  }
}
