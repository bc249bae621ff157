import { rmSync } from 'node:fs';

/** Stops the tier's embedded Postgres and drops its files. */
export default async function globalTeardown(): Promise<void> {
  const started = globalThis.__THREADLINE_INTEGRATION_PG__;
  if (!started) return;
  await started.pg.stop();
  rmSync(started.dataDir, { recursive: true, force: true });
}
