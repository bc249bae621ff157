import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../scripts/embedded-postgres';
import { freePort } from '../../scripts/stack';

declare global {
  var __THREADLINE_INTEGRATION_PG__: { pg: EmbeddedPostgresHandle; dataDir: string } | undefined;
}

/**
 * One Postgres for the integration tier: an embedded real Postgres started here (jest loads the ES-module
 * package only outside test files), or the server at TEST_DATABASE_URL. Each spec makes its own database on it.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;
  const dataDir = mkdtempSync(join(tmpdir(), 'threadline-integration-'));
  chmodSync(dataDir, 0o755); // embedded Postgres runs as the postgres user when we are root
  const pg = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), port: await freePort(), log: (line) => console.warn(`[integration] ${line}`) });
  globalThis.__THREADLINE_INTEGRATION_PG__ = { pg, dataDir };
  process.env.TEST_DATABASE_URL = pg.url;
}
