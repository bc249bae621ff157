import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, startStack, type Stack } from '../scripts/stack';
import type { StackInfo } from './support/stack-info';
import { saveWorkerLaunch } from './support/worker-control';

declare global {
  var __THREADLINE_STACK__: Stack | undefined;
}

/**
 * One real stack for the whole e2e run: Temporal dev server, embedded Postgres, worker, API, and one LinkedIn
 * emulator per jest worker (test/support/stack-info.ts `specEmulatorUrl`), so specs run side by side without
 * sharing emulator state; the stack's default emulator serves only what has no account (health checks).
 */
export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  const rootDir = resolve(__dirname, '..');
  const dataDir = mkdtempSync(join(tmpdir(), 'threadline-e2e-'));
  chmodSync(dataDir, 0o755); // embedded Postgres runs as the postgres user when we are root

  const t0 = Date.now();
  const stack = await startStack({
    rootDir,
    dataDir,
    ports: { api: await freePort(), emulator: await freePort(), temporal: await freePort(), temporalUi: await freePort(), postgres: await freePort() },
    moreEmulators: await Promise.all(Array.from({ length: Math.max(1, globalConfig.maxWorkers) }, () => freePort())),
    persistTemporal: false,
    log: (line) => console.warn(`[e2e] ${line}`),
    echo: false,
    env: {
      LOG_LEVEL: 'info', // request logs on, so the secret-leak check reads real log lines
      // The Web UI runs (test/web-ui.e2e-spec.ts), but the codec endpoint stays for operators, as in production.
      CODEC_ENDPOINT_ACCESS: 'operator',
      SEND_SPACING_SECONDS: '0.2',
      TYPING_MS_PER_CHAR: '5',
      TYPING_PING_MS: '300',
      SEND_WAIT_MS: '30000',
      API_RATE_LIMIT_PER_MINUTE: '100000',
      // Specs test 401s from the one address they all call from; test/api-rate-limit.e2e-spec.ts runs replicas with the real budget.
      API_AUTH_FAILURES_PER_MINUTE: '100000',
      // Caps are per LinkedIn member and every spec sends as the same sandbox members: the run's total
      // must stay under them. Specs that test caps set dailyMessageCap on their own accounts.
      DAILY_MESSAGE_CAP: '1000',
      WEEKLY_MESSAGE_CAP: '5000',
      SEQUENCE_ACCOUNT_RECHECK_SECONDS: '3',
      ACCOUNT_MIN_HOLD_SECONDS: '1',
      // Ended holds are announced within a second.
      ACCOUNT_SWEEP_SECONDS: '1',
      DAILY_INVITATION_CAP: '200',
      WEEKLY_INVITATION_CAP: '1000',
      // Accepted invitations are found within a second or two.
      INVITATION_CHECK_SECONDS: '1',
    },
  });
  globalThis.__THREADLINE_STACK__ = stack;
  const info: StackInfo = {
    apiUrl: stack.apiUrl,
    emulatorUrl: stack.emulatorUrl,
    workerEmulatorUrls: stack.moreEmulatorUrls,
    adminToken: stack.adminToken,
    temporalAddress: stack.temporalAddress,
    namespace: stack.namespace,
    databaseUrl: stack.databaseUrl,
    dataDir,
    workerMetricsUrl: stack.workerMetricsUrl,
    temporalMetricsUrl: stack.temporalMetricsUrl,
    temporalUiUrl: stack.temporalUiUrl,
  };
  process.env.THREADLINE_E2E = JSON.stringify(info);
  // Fault tests kill the worker by pid and start a replacement the same way (test/support/worker-control.ts).
  const worker = stack.processes.worker;
  saveWorkerLaunch(dataDir, { pid: worker.pid!, command: worker.options.command, args: worker.options.args, cwd: worker.options.cwd, env: worker.options.env, logFile: worker.options.logFile! });
  console.warn(`[e2e] stack ready in ${((Date.now() - t0) / 1000).toFixed(1)}s (logs in ${join(dataDir, 'logs')})`);
}
