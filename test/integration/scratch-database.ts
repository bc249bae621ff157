import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@threadline/db';

export interface ScratchDatabase {
  url: string;
  /** Migrated to HEAD with the committed migrations, as production is. */
  dataSource: DataSource;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run integration specs through jest --selectProjects integration, whose global setup starts Postgres.');
  return url;
}

async function admin<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh database of its own for one spec, migrated with the committed migrations; drop() removes it. */
export async function createScratchDatabase(opts: { migrate?: boolean } = {}): Promise<ScratchDatabase> {
  const name = `threadline_it_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  const dataSource = new DataSource(dataSourceOptions(url.toString()));
  await dataSource.initialize();
  if (opts.migrate !== false) await dataSource.runMigrations({ transaction: 'each' });
  return {
    url: url.toString(),
    dataSource,
    drop: async () => {
      await dataSource.destroy();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Undoes migrations down to and including `name` (later ones come off first), so a migration spec sees the schema just before it. */
export async function undoMigrationsThrough(ds: ScratchDatabase['dataSource'], name: string): Promise<void> {
  for (;;) {
    const [last]: Array<{ name: string } | undefined> = await ds.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`);
    if (!last) throw new Error(`migration ${name} is not applied`);
    await ds.undoLastMigration({ transaction: 'each' });
    if (last.name === name) return;
  }
}
