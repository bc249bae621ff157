import { MigrationConfig, loadConfig } from '@threadline/core';
import { runMigrations } from '@threadline/db';

/** `node dist/scripts/migrate.js`: applies pending migrations to DATABASE_URL (docker-compose, deployments). */
async function main(): Promise<void> {
  const config = loadConfig(MigrationConfig);
  const applied = await runMigrations(config.DATABASE_URL);
  console.warn(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database is up to date');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
