import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_KEYS } from '../libs/contracts/src/search-attributes';
import { runMigrations } from '../libs/db/src/data-source';
import { embeddedPostgresUrl, postgresDataDir, startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres';
import { ManagedProcess } from './managed-process';
import { findTemporalCli } from './temporal-cli';

export const NAMESPACE = 'threadline';
/** The CLI's spelling of a search attribute type: KEYWORD_LIST -> KeywordList. */
const cliType = (type: string) => type.toLowerCase().replace(/(^|_)(\w)/g, (_, _sep: string, c: string) => c.toUpperCase());

export interface StackOptions {
  rootDir: string;
  dataDir: string;
  /** workerMetrics and temporalMetrics: the worker's two metrics ports (free ports when absent, 0 turns one off). */
  ports: { api: number; emulator: number; temporal: number; temporalUi: number; postgres: number; workerMetrics?: number; temporalMetrics?: number };
  /** Keep Temporal's state in a SQLite file under dataDir (dev) or in memory (tests). */
  persistTemporal: boolean;
  /** Extra variables for the api and worker (tests shorten spacing, typing, waits). */
  env?: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /** Prefix child output on the console (dev) instead of writing it to log files (tests). */
  echo: boolean;
  /** Run the embedded Postgres as a child process, which a test can stop and start (jest cannot load the package in a test file). */
  postgresAsProcess?: boolean;
  /**
   * Ports of more emulators, each allowed as an account's `baseUrl`: parallel e2e gives every jest worker its
   * own LinkedIn, so specs running side by side share no emulator state (and, by the member key, no caps).
   */
  moreEmulators?: number[];
}

export interface Stack {
  apiUrl: string;
  emulatorUrl: string;
  /** The emulators of `moreEmulators`, in the same order. */
  moreEmulatorUrls: string[];
  temporalAddress: string;
  temporalUiUrl: string;
  databaseUrl: string;
  namespace: string;
  adminToken: string;
  /** The worker's /metrics, /health and /health/ready, and Temporal's SDK metrics (null when off). */
  workerMetricsUrl: string | null;
  temporalMetricsUrl: string | null;
  processes: { temporal?: ManagedProcess; emulator: ManagedProcess; worker: ManagedProcess; api: ManagedProcess };
  /** The embedded Postgres, when the stack started one (outage tests stop and start it). */
  postgres?: EmbeddedPostgresHandle;
  stop(): Promise<void>;
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `probe` until it answers true; fails after `timeoutMs` with the last error. */
export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      if (await probe()) return;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} was not ready within ${timeoutMs / 1000}s${lastError ? `: ${lastError}` : ''}`);
}

/** True once Temporal's frontend answers for the namespace (the server is up and knows it). */
export async function namespaceAnswers(address: string, namespace: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1000 });
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } finally {
    await connection.close();
  }
}

/** Secrets generated once per data folder: the cookie encryption key and the operator token. */
function localSecrets(dataDir: string): { encryptionKey: string; adminToken: string } {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const secrets = { encryptionKey: randomBytes(32).toString('base64'), adminToken: randomBytes(24).toString('base64url') };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** A Temporal dev server (the CLI's `server start-dev`) on loopback. */
export interface DevServerOptions {
  rootDir: string;
  port: number;
  logFile: string;
  /** Keep the server's state in this SQLite file; in memory without it. */
  sqliteFile?: string;
  /** The Web UI's port, and the codec endpoint it decrypts payloads through; headless without. */
  ui?: { port: number; codecEndpoint: string };
  /** Fairness keys and their per-key rate limits (on for Threadline; the bench compares a server without). */
  fairness?: boolean;
  echo?: (line: string) => void;
  log: (line: string) => void;
}

function devServerArgs(o: DevServerOptions): string[] {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(o.port), '--namespace', NAMESPACE, '--log-level', 'warn'];
  if (o.sqliteFile) args.push('--db-filename', o.sqliteFile, '--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
  // The Web UI decrypts payloads through the API's codec endpoint, so local runs read as before.
  if (o.ui) args.push('--ui-port', String(o.ui.port), '--ui-codec-endpoint', o.ui.codecEndpoint);
  else args.push('--headless');
  // Every run is findable by campaign, account and lead.
  for (const key of SEARCH_ATTRIBUTE_KEYS) args.push('--search-attribute', `${key.name}=${cliType(key.type)}`);
  const dynamic = ['frontend.enableServerVersionCheck=false'];
  if (o.fairness ?? true) {
    dynamic.push('matching.enableFairness=true', 'matching.numTaskqueueReadPartitions=1', 'matching.numTaskqueueWritePartitions=1', 'matching.fairnessKeyRateLimitCacheSize=20000');
  }
  for (const kv of dynamic) args.push('--dynamic-config-value', kv);
  return args;
}

/** Starts a dev server with the cached CLI and resolves once its namespace answers. */
export async function startTemporalDevServer(o: DevServerOptions): Promise<ManagedProcess> {
  const cli = await findTemporalCli(o.log);
  const proc = new ManagedProcess({
    name: 'temporal', command: cli, args: devServerArgs(o), cwd: o.rootDir,
    env: { ...process.env, TEMPORAL_VERSION_CHECK_DISABLED: '1' }, logFile: o.logFile, echo: o.echo,
  });
  await proc.start();
  try {
    await waitFor('Temporal', () => namespaceAnswers(`127.0.0.1:${o.port}`, NAMESPACE), 60_000);
  } catch (err) {
    await proc.stop();
    throw err;
  }
  return proc;
}

/**
 * Starts the whole product: Temporal (dev server, or TEMPORAL_ADDRESS), Postgres (DATABASE_URL, or an
 * embedded real Postgres), migrations, the LinkedIn emulator, the worker and the API.
 */
export async function startStack(opts: StackOptions, external: { temporalAddress?: string; databaseUrl?: string } = {}): Promise<Stack> {
  mkdirSync(opts.dataDir, { recursive: true });
  const logsDir = join(opts.dataDir, 'logs');
  mkdirSync(logsDir, { recursive: true });
  const secrets = localSecrets(opts.dataDir);
  // Stopped in two waves: our processes first (in parallel), then Temporal and Postgres.
  const infra: Array<() => Promise<void>> = [];
  const apps: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    await Promise.all(apps.splice(0).map((s) => s().catch(() => undefined)));
    await Promise.all(infra.splice(0).map((s) => s().catch(() => undefined)));
  };
  const echo = (name: string) => (opts.echo ? (line: string) => console.warn(`[${name}] ${line}`) : undefined);
  const dist = (...p: string[]) => join(opts.rootDir, 'dist', ...p);

  try {
    const apiUrl = `http://127.0.0.1:${opts.ports.api}`;
    // Temporal and Postgres start side by side.
    const temporalAddress = external.temporalAddress ?? `127.0.0.1:${opts.ports.temporal}`;
    const temporalReady = (async () => {
      if (external.temporalAddress) return undefined;
      const proc = await startTemporalDevServer({
        rootDir: opts.rootDir, port: opts.ports.temporal, logFile: join(logsDir, 'temporal.log'), echo: echo('temporal'), log: opts.log,
        sqliteFile: opts.persistTemporal ? join(opts.dataDir, 'temporal.sqlite') : undefined,
        ui: opts.ports.temporalUi > 0 ? { port: opts.ports.temporalUi, codecEndpoint: `${apiUrl}/codec` } : undefined,
      });
      infra.push(() => proc.stop());
      return proc;
    })();
    const databaseReady = (async (): Promise<{ url: string; pg?: EmbeddedPostgresHandle }> => {
      if (external.databaseUrl) return { url: external.databaseUrl };
      if (opts.postgresAsProcess) {
        const proc = new ManagedProcess({
          name: 'postgres', command: process.execPath, args: [dist('scripts/embedded-postgres.js'), join(opts.dataDir, 'postgres'), String(opts.ports.postgres)], cwd: opts.rootDir,
          env: process.env, readyLine: /postgres ready/, logFile: join(logsDir, 'postgres.log'), echo: echo('postgres'),
        });
        infra.push(async () => {
          await proc.stop();
          proc.close();
        });
        await proc.start();
        const url = embeddedPostgresUrl(opts.ports.postgres);
        return { url, pg: { url, dataDir: postgresDataDir(join(opts.dataDir, 'postgres')).dir, stop: () => proc.stop(), start: () => proc.start() } };
      }
      const pg = await startEmbeddedPostgres({ dataDir: join(opts.dataDir, 'postgres'), port: opts.ports.postgres, log: opts.log });
      infra.push(() => pg.stop());
      return { url: pg.url, pg };
    })();
    const [temporalProc, database] = await Promise.all([temporalReady, databaseReady]);
    const migrations = await runMigrations(database.url);
    if (migrations.length) opts.log(`applied migrations: ${migrations.join(', ')}`);

    const emulatorUrl = `http://127.0.0.1:${opts.ports.emulator}`;
    const moreEmulatorUrls = (opts.moreEmulators ?? []).map((port) => `http://127.0.0.1:${port}`);
    const temporalUiUrl = opts.ports.temporalUi > 0 ? `http://127.0.0.1:${opts.ports.temporalUi}` : 'http://127.0.0.1:8233';
    // Free ports unless given: several stacks (tests, dev checkouts) share a machine.
    const workerMetricsPort = opts.ports.workerMetrics ?? (await freePort());
    const temporalMetricsPort = opts.ports.temporalMetrics ?? (await freePort());
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      WORKER_METRICS_PORT: String(workerMetricsPort),
      WORKER_METRICS_HOST: '127.0.0.1',
      TEMPORAL_METRICS_PORT: String(temporalMetricsPort),
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: NAMESPACE,
      TEMPORAL_UI_URL: temporalUiUrl,
      LINKEDIN_BASE_URL: emulatorUrl,
      LINKEDIN_ALLOWED_BASE_URLS: ['https://www.linkedin.com', ...moreEmulatorUrls].join(','),
      THREADLINE_ENCRYPTION_KEY: process.env.THREADLINE_ENCRYPTION_KEY ?? secrets.encryptionKey,
      THREADLINE_ADMIN_TOKEN: process.env.THREADLINE_ADMIN_TOKEN ?? secrets.adminToken,
      // Local receivers are the point of a local stack.
      WEBHOOK_ALLOW_PRIVATE_URLS: process.env.WEBHOOK_ALLOW_PRIVATE_URLS ?? 'true',
      PROXY_ALLOW_PRIVATE_URLS: process.env.PROXY_ALLOW_PRIVATE_URLS ?? 'true',
      // The local Web UI calls the codec endpoint from the browser, without the operator token; without a UI, only operators.
      CODEC_ENDPOINT_ACCESS: process.env.CODEC_ENDPOINT_ACCESS ?? (opts.ports.temporalUi > 0 ? 'local' : 'operator'),
      // The emulator's sandbox members are not real accounts, and every test sends as them: no warm-up unless asked for.
      WARMUP_DAYS: process.env.WARMUP_DAYS ?? '0',
      // Tests and benchmarks run always-open windows: spreading a day's budget until midnight would stall them.
      SEND_SPREAD_OVER_WINDOW: process.env.SEND_SPREAD_OVER_WINDOW ?? 'false',
      ...opts.env,
    };

    const emulatorOn = (port: number, name: string) => new ManagedProcess({
      name, command: process.execPath, args: [dist('apps/linkedin-emulator/src/main.js')], cwd: opts.rootDir,
      env: { ...env, EMULATOR_PORT: String(port), EMULATOR_HOST: '127.0.0.1' }, readyLine: /listening/, logFile: join(logsDir, `${name}.log`), echo: echo(name),
    });
    const emulator = emulatorOn(opts.ports.emulator, 'emulator');
    const moreEmulators = (opts.moreEmulators ?? []).map((port, i) => emulatorOn(port, `emulator-${i + 1}`));
    const worker = new ManagedProcess({
      name: 'worker', command: process.execPath, args: [dist('apps/worker/src/main.js')], cwd: opts.rootDir,
      env, readyLine: /worker ready/, logFile: join(logsDir, 'worker.log'), echo: echo('worker'),
    });
    const api = new ManagedProcess({
      name: 'api', command: process.execPath, args: [dist('apps/api/src/main.js')], cwd: opts.rootDir,
      env: { ...env, PORT: String(opts.ports.api), HOST: '127.0.0.1' }, readyLine: /api listening/, logFile: join(logsDir, 'api.log'), echo: echo('api'),
    });
    apps.push(...[emulator, ...moreEmulators].map((e) => () => e.stop()));
    await Promise.all([emulator, ...moreEmulators].map((e) => e.start()));
    apps.push(() => api.stop(), () => worker.stop());
    await Promise.all([worker.start(), api.start()]);

    const stop = async () => {
      await stopAll();
      for (const p of [emulator, ...moreEmulators, worker, api, temporalProc]) p?.close();
    };
    return {
      apiUrl, emulatorUrl, moreEmulatorUrls, temporalAddress, temporalUiUrl, databaseUrl: database.url, namespace: NAMESPACE, adminToken: env.THREADLINE_ADMIN_TOKEN!,
      workerMetricsUrl: workerMetricsPort > 0 ? `http://127.0.0.1:${workerMetricsPort}` : null,
      temporalMetricsUrl: temporalMetricsPort > 0 ? `http://127.0.0.1:${temporalMetricsPort}` : null,
      processes: { temporal: temporalProc, emulator, worker, api },
      postgres: database.pg,
      stop,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
