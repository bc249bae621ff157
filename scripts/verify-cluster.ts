import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Client as PgClient } from 'pg';
import { type ClusterCounts, ClusterWorkload, clusterScenario } from './cluster-workload';
import { failWhenDown, freeLowPort, runStep, scrapeCounter } from './cluster-run';
import { ManagedProcess } from './managed-process';
import { freePort, NAMESPACE, namespaceAnswers, waitFor } from './stack';
import { findTemporalCli, formatDuration } from './temporal-cli';
import { installTemporalServer, TEMPORAL_SERVER_VERSION } from './temporal-server';

/**
 * `npm run verify:cluster`: Threadline on a production-shaped Temporal (the server and SQL tool v1.29.1 from the
 * Go module proxy, on the local PostgreSQL), set up with the same scripts docker-compose.yml runs, with two
 * workers and one API. It sends, SIGKILLs a worker mid-run, restarts the Temporal server, waits for everything
 * to finish and prints what was accepted, what LinkedIn (the emulator) received, duplicates and losses.
 * The README's "Against a real Temporal cluster and Postgres" is these steps.
 */

const rootDir = resolve(__dirname, '../..');
const DIRECTS = Number(process.env.CLUSTER_DIRECTS ?? 60);
const LEADS = Number(process.env.CLUSTER_LEADS ?? 30);
const log = (line: string) => console.warn(`[cluster] ${line}`);

/** The PostgreSQL the check uses (trust auth or a password in the URL); it creates and drops databases of its own there. */
function adminPostgres(): { url: string; host: string; port: string; user: string; password: string } {
  const url = process.env.CLUSTER_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const u = new URL(url);
  return { url, host: u.hostname, port: u.port || '5432', user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function sql(url: string, statement: string): Promise<void> {
  const client = new PgClient({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const pg = adminPostgres();
  // Fresh databases with a prefix of their own, dropped at the end: several checks may share one PostgreSQL.
  const prefix = `tl_cluster_${randomBytes(4).toString('hex')}`;
  const databases = { temporal: `${prefix}_temporal`, visibility: `${prefix}_visibility`, threadline: `${prefix}_threadline` };
  const dataDir = mkdtempSync(join(tmpdir(), 'threadline-cluster-'));
  chmodSync(dataDir, 0o755);
  const logsDir = join(dataDir, 'logs');
  mkdirSync(logsDir);
  const processes: ManagedProcess[] = [];
  let passed = false;
  const basePath = process.env.PATH ?? '/usr/bin:/bin';
  // Children get only what the README says they need (plus PATH and HOME), not this shell's environment.
  const baseEnv = { PATH: basePath, HOME: process.env.HOME ?? '/tmp' };
  // Ours first (the API and workers), then Temporal; then the databases. Also on Ctrl-C.
  let cleaning: Promise<void> | undefined;
  const cleanUp = () => (cleaning ??= (async () => {
    await Promise.all(processes.slice(1).map((p) => p.stop().catch(() => undefined)));
    await processes[0]?.stop().catch(() => undefined);
    for (const p of processes) p.close();
    for (const db of Object.values(databases)) await sql(pg.url, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch((err: unknown) => log(`could not drop ${db}: ${String(err)}`));
    if (passed) rmSync(dataDir, { recursive: true, force: true });
    else log(`logs kept in ${logsDir}`);
  })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

  try {
    log(`${cpus().length} cores, ${Math.round(totalmem() / 1024 ** 3)} GB RAM, Node ${process.version}; PostgreSQL at ${pg.host}:${pg.port} (databases ${prefix}_*); logs in ${logsDir}`);
    const [server, cli] = await Promise.all([installTemporalServer(log), findTemporalCli(log)]);
    // The deploy scripts call the tools by their image names.
    const binDir = join(dataDir, 'bin');
    mkdirSync(binDir);
    symlinkSync(cli, join(binDir, 'temporal'));
    const toolPath = `${binDir}:${server.binDir}:${basePath}`;

    // 1. Temporal's two databases, created and migrated by the compose file's temporal-schema step.
    const temporalDb = { DB: 'postgres12', POSTGRES_SEEDS: pg.host, DB_PORT: pg.port, POSTGRES_USER: pg.user, POSTGRES_PWD: pg.password, DBNAME: databases.temporal, VISIBILITY_DBNAME: databases.visibility };
    log('1. Temporal schema: deploy/temporal/setup-schema.sh (temporal-sql-tool create, setup-schema, update-schema)');
    await runStep({ name: 'temporal-schema', command: 'sh', args: [join(rootDir, 'deploy/temporal/setup-schema.sh')], env: { ...baseEnv, PATH: toolPath, ...temporalDb }, cwd: rootDir, logsDir, timeoutMs: 120_000 });

    // 2. The server, configured as the temporalio/server image is: its config/docker.yaml template rendered from these variables.
    const dynamicConfig = join(rootDir, 'deploy/temporal/dynamicconfig.yaml');
    await runStep({ name: 'dynamic-config', command: server.server, args: ['validate-dynamic-config', dynamicConfig], env: baseEnv, cwd: rootDir, logsDir, timeoutMs: 30_000 });
    const serverRoot = join(dataDir, 'temporal');
    mkdirSync(join(serverRoot, 'config'), { recursive: true });
    copyFileSync(server.configTemplate, join(serverRoot, 'config', 'docker.yaml'));
    const taken = new Set<number>();
    const port = async () => String(await freeLowPort(taken));
    const serverPorts = {
      FRONTEND_GRPC_PORT: await port(), FRONTEND_HTTP_PORT: await port(), FRONTEND_MEMBERSHIP_PORT: await port(),
      HISTORY_GRPC_PORT: await port(), HISTORY_MEMBERSHIP_PORT: await port(), MATCHING_GRPC_PORT: await port(),
      MATCHING_MEMBERSHIP_PORT: await port(), WORKER_GRPC_PORT: await port(), WORKER_MEMBERSHIP_PORT: await port(),
    };
    const temporalAddress = `127.0.0.1:${serverPorts.FRONTEND_GRPC_PORT}`;
    const temporal = new ManagedProcess({
      name: 'temporal', command: server.server, args: ['--root', serverRoot, '--config', 'config', '--env', 'docker', '--allow-no-auth', 'start'], cwd: serverRoot,
      env: { ...baseEnv, ...temporalDb, BIND_ON_IP: '127.0.0.1', DYNAMIC_CONFIG_FILE_PATH: dynamicConfig, LOG_LEVEL: 'warn', ...serverPorts },
      logFile: join(logsDir, 'temporal.log'),
    });
    processes.push(temporal);
    log(`2. Temporal server v${TEMPORAL_SERVER_VERSION} on ${temporalAddress} (DYNAMIC_CONFIG_FILE_PATH=deploy/temporal/dynamicconfig.yaml, validated)`);
    const serverStart = Date.now();
    await temporal.start();

    // 3. The namespace and search attributes, by the compose file's temporal-namespace step (it waits for the server).
    const serverDown = failWhenDown(temporal, 'the Temporal server');
    await Promise.race([
      runStep({ name: 'temporal-namespace', command: 'sh', args: [join(rootDir, 'deploy/temporal/create-namespace.sh')], env: { ...baseEnv, PATH: toolPath, TEMPORAL_ADDRESS: temporalAddress, TEMPORAL_NAMESPACE: NAMESPACE }, cwd: rootDir, logsDir, timeoutMs: 120_000 }),
      serverDown.promise,
    ]).finally(() => serverDown.cancel());
    log(`3. namespace ${NAMESPACE} and its search attributes: deploy/temporal/create-namespace.sh (server answered in ${formatDuration(Date.now() - serverStart)})`);

    // 4. Threadline's database and migrations.
    await sql(pg.url, `CREATE DATABASE ${databases.threadline}`);
    const databaseUrl = withDatabase(pg.url, databases.threadline);
    await runStep({ name: 'migrate', command: process.execPath, args: [join(rootDir, 'dist/scripts/migrate.js')], env: { ...baseEnv, DATABASE_URL: databaseUrl }, cwd: rootDir, logsDir, timeoutMs: 120_000 });
    log('4. node dist/scripts/migrate.js');

    // 5. LinkedIn (the emulator, with fresh people to write to), then one API and two workers.
    const emulatorPort = await freePort();
    const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
    const { scenario, members } = clusterScenario(join(rootDir, 'apps/linkedin-emulator/src/scenarios/sandbox.json'), DIRECTS + LEADS);
    writeFileSync(join(dataDir, 'scenario.json'), JSON.stringify(scenario));
    const emulator = new ManagedProcess({
      name: 'emulator', command: process.execPath, args: [join(rootDir, 'dist/apps/linkedin-emulator/src/main.js')], cwd: rootDir,
      env: { ...baseEnv, EMULATOR_PORT: String(emulatorPort), EMULATOR_SCENARIO: join(dataDir, 'scenario.json') }, readyLine: /listening/, logFile: join(logsDir, 'emulator.log'),
    });
    processes.push(emulator);
    await emulator.start();

    // What every replica must agree on, then what this check shortens so that it runs in minutes.
    const shared = {
      DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress, TEMPORAL_NAMESPACE: NAMESPACE,
      THREADLINE_ENCRYPTION_KEY: randomBytes(32).toString('base64'), LINKEDIN_BASE_URL: emulatorUrl,
      SEND_SPACING_SECONDS: '0.5', TYPING_MS_PER_CHAR: '5', TYPING_PING_MS: '500', WARMUP_DAYS: '0', SEND_SPREAD_OVER_WINDOW: 'false', LOG_LEVEL: 'info',
    };
    const adminToken = randomBytes(24).toString('base64url');
    const apiPort = await freePort();
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const api = new ManagedProcess({
      name: 'api', command: process.execPath, args: [join(rootDir, 'dist/apps/api/src/main.js')], cwd: rootDir,
      env: { ...baseEnv, ...shared, THREADLINE_ADMIN_TOKEN: adminToken, PORT: String(apiPort), SEND_WAIT_MS: '2000', API_RATE_LIMIT_PER_MINUTE: '100000' },
      readyLine: /api listening/, logFile: join(logsDir, 'api.log'),
    });
    const worker = async (name: string) => {
      const metricsPort = await freePort();
      return {
        metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
        process: new ManagedProcess({
          name, command: process.execPath, args: [join(rootDir, 'dist/apps/worker/src/main.js')], cwd: rootDir,
          // Two workers on one host need ports of their own; on separate hosts the defaults (9464, 9465) do.
          env: { ...baseEnv, ...shared, WORKER_METRICS_PORT: String(metricsPort), TEMPORAL_METRICS_PORT: String(await freePort()) },
          readyLine: /worker ready/, logFile: join(logsDir, `${name}.log`),
        }),
      };
    };
    const workerA = await worker('worker-a');
    const workerB = await worker('worker-b');
    processes.push(api, workerA.process, workerB.process);
    await Promise.all([api.start(), workerA.process.start(), workerB.process.start()]);
    log(`5. emulator, API on ${apiUrl}, workers a and b (node dist/apps/{api,worker}/src/main.js)`);

    // 6. Traffic, a worker crash and a server restart.
    const workload = new ClusterWorkload({ apiUrl, emulatorUrl, adminToken, members, directs: DIRECTS, leads: LEADS, directEveryMs: 1000 });
    await workload.setUp();
    await workload.startCampaign();
    const deadline = Date.now() + 15 * 60_000;
    const directs = workload.sendDirects(deadline);
    log(`6. sending: ${DIRECTS} API sends (one a second, each retried on 503 with its Idempotency-Key) and a campaign of ${LEADS} leads × 2 messages, over 2 accounts`);

    const progress = async () => (await workload.received()).length;
    // Each wait ends early, and the check fails, at the first API send answered with an unexpected status.
    const until = async (what: string, probe: () => Promise<boolean>, timeoutMs: number) => {
      await waitFor(what, async () => Boolean(workload.failure) || (await probe()), timeoutMs);
      if (workload.failure) throw workload.failure;
    };
    let atKill = 0;
    await until('a quarter of the messages', async () => (atKill = await progress()) >= workload.planned / 4, 5 * 60_000);
    const sentByA = await scrapeCounter(workerA.metricsUrl, 'threadline_send_attempts_total', 'outcome="delivered"');
    await workerA.process.stop('SIGKILL');
    log(`   SIGKILL worker a at ${atKill}/${workload.planned} received (it had delivered ${sentByA ?? '?'}); worker b carries on alone`);

    let atRestart = 0;
    await until('half of the messages', async () => (atRestart = await progress()) >= workload.planned / 2, 5 * 60_000);
    const down = Date.now();
    await temporal.stop();
    await new Promise((r) => setTimeout(r, 3000));
    await temporal.start();
    await waitFor('the Temporal server after its restart', () => namespaceAnswers(temporalAddress, NAMESPACE), 120_000);
    log(`   Temporal server restarted at ${atRestart}/${workload.planned} received: answering again after ${formatDuration(Date.now() - down)}`);
    // What a supervisor does: the crashed worker comes back.
    await workerA.process.start();
    log('   worker a restarted (as systemd would)');

    await directs;
    await until('every message delivered and the campaign completed', () => workload.finished(), deadline - Date.now());
    // Late duplicates would show up now.
    await new Promise((r) => setTimeout(r, 5000));
    const counts = await workload.counts();
    const byWorker = { a: await scrapeCounter(workerA.metricsUrl, 'threadline_send_attempts_total', 'outcome="delivered"'), b: await scrapeCounter(workerB.metricsUrl, 'threadline_send_attempts_total', 'outcome="delivered"') };
    printCounts(counts, { sentByA, byWorker, took: Date.now() - started });
    passed = counts.duplicates === 0 && counts.lost === 0 && counts.campaignStatus === 'completed';
    return passed ? 0 : 1;
  } finally {
    await cleanUp();
  }
}

/** The figures on stdout (progress went to stderr), as a table the README quotes. */
function printCounts(c: ClusterCounts, extra: { sentByA: number | null; byWorker: { a: number | null; b: number | null }; took: number }): void {
  const leads = Object.entries(c.leads).map(([state, n]) => `${n} ${state}`).join(', ');
  const lines = [
    '',
    `Threadline on Temporal server ${TEMPORAL_SERVER_VERSION} (PostgreSQL), 2 workers, 1 API — ${new Date().toISOString().slice(0, 10)}, ${formatDuration(extra.took)}`,
    '| what | count |',
    '|---|---|',
    `| messages accepted | ${c.accepted} (${c.acceptedDirect} API sends, ${c.acceptedCampaign} campaign messages) |`,
    `| messages LinkedIn received | ${c.received} |`,
    `| duplicates | ${c.duplicates} |`,
    `| lost | ${c.lost} |`,
    `| API sends answered 503 while Temporal restarted, retried with their Idempotency-Key | ${c.retried503} |`,
    `| campaign | ${c.campaignStatus}; leads: ${leads} |`,
    `| deliveries by worker | a: ${extra.sentByA ?? '?'} before its SIGKILL, ${extra.byWorker.a ?? '?'} after its restart; b: ${extra.byWorker.b ?? '?'} |`,
    ...(c.lostTexts.length ? [`lost: ${c.lostTexts.join('; ')}`] : []),
    ...(c.duplicateTexts.length ? [`sent twice: ${c.duplicateTexts.join('; ')}`] : []),
    c.duplicates === 0 && c.lost === 0 && c.campaignStatus === 'completed' ? 'PASS: nothing sent twice, nothing lost.' : 'FAIL',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`\nThe cluster check failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
