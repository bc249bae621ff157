import { join, resolve } from 'node:path';
import { BOOLEAN_RULE, parseBoolean, parseDecimal } from '../libs/core/src/config/env-values';
import { ensureDevCredentials } from './dev-credentials';
import { startStack } from './stack';

const rootDir = resolve(__dirname, '../..');
const dataDir = join(rootDir, '.data');
// Read as strictly as the processes' own config: a typo stops the start instead of becoming NaN or false.
function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = parseDecimal(raw);
  if (value === undefined || !Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} must be a whole number 1..65535`);
  return value;
}
function flag(name: string): boolean {
  const raw = process.env[name];
  const value = raw ? parseBoolean(raw) : false;
  if (value === undefined) throw new Error(`${name} ${BOOLEAN_RULE}`);
  return value;
}

/** `npm run dev`: the whole product on embedded defaults, stopped cleanly with Ctrl-C. */
async function main(): Promise<void> {
  const t0 = Date.now();
  const log = (line: string) => console.warn(line);
  log('Starting Threadline (Temporal, Postgres, LinkedIn emulator, worker, API)…');
  const stack = await startStack(
    {
      rootDir,
      dataDir,
      ports: { api: port('PORT', 3000), emulator: port('EMULATOR_PORT', 3100), temporal: 7233, temporalUi: 8233, postgres: port('EMBEDDED_POSTGRES_PORT', 5433),
        workerMetrics: port('WORKER_METRICS_PORT', 9464), temporalMetrics: port('TEMPORAL_METRICS_PORT', 9465) },
      persistTemporal: true,
      log,
      echo: flag('THREADLINE_VERBOSE'),
    },
    { temporalAddress: process.env.TEMPORAL_ADDRESS, databaseUrl: process.env.DATABASE_URL },
  );
  let stopping = false;
  // embedded-postgres's own exit hook may end the process first; children are stopped on exit either way.
  process.once('exit', () => log('Stopped.'));
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    log('\nStopping…');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  const creds = await ensureDevCredentials(stack, join(dataDir, 'dev-credentials.json'));
  log(`
  API              ${stack.apiUrl}   (docs ${stack.apiUrl}/docs, OpenAPI ${stack.apiUrl}/openapi.json)
  Temporal Web UI  ${stack.temporalUiUrl}
  Temporal         ${stack.temporalAddress} (namespace ${stack.namespace})
  Postgres         ${stack.databaseUrl.replace(/:[^:@/]+@/, ':***@')}
  LinkedIn         emulator at ${stack.emulatorUrl} (admin API under /__emulator)
  Metrics          ${stack.apiUrl}/metrics (operator token, or from this machine), worker ${stack.workerMetricsUrl}/metrics, Temporal SDK ${stack.temporalMetricsUrl}/metrics
  Logs             ${join(dataDir, 'logs')} (JSON lines)

  Development API key  ${creds.apiKey}
  Sandbox account      ${creds.accountId}
  Sample recipient     ${creds.recipientId}
  (also in .data/dev-credentials.json)

  Try it:
  curl -X POST ${stack.apiUrl}/v1/messages \\
    -H "Authorization: Bearer ${creds.apiKey}" \\
    -H "X-Account-Id: ${creds.accountId}" \\
    -H "Content-Type: application/json" \\
    -d '{"recipientId": "${creds.recipientId}", "text": "Hey Sarah — loved your post on RAG evals."}'

Threadline is ready in ${((Date.now() - t0) / 1000).toFixed(1)}s. Press Ctrl-C to stop.`);
}

main().catch((err) => {
  console.error(`\nThreadline could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
