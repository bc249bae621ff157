import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { freePort, startStack, type Stack } from '../../scripts/stack';
import type { StackInfo } from './stack-info';
import { waitFor } from './wait-for';

/** A stack of its own for a spec that restarts Temporal and Postgres (which would break the shared stack's other specs). */
export interface PrivateStack {
  stack: Stack;
  info: StackInfo;
  logsDir: string;
  /** SIGKILL (a crash: in-flight activities are lost), `downMs` down, then a fresh worker that says it is ready. */
  crashWorker(downMs: number): Promise<void>;
  /** Stops the Temporal server, `downMs` down, starts it on the same SQLite file and waits until it answers. */
  restartTemporal(downMs: number): Promise<void>;
  /** Stops Postgres (open connections are cut), `downMs` down, starts it on the same folder. */
  restartPostgres(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

async function temporalAnswers(address: string, namespace: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1000 });
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } finally {
    await connection.close();
  }
}

/**
 * Starts the whole product on free ports with Temporal's state in SQLite (so it survives a restart), and
 * points the test support (`stackInfo()`, the API and emulator clients) at it.
 */
export async function startPrivateStack(name: string, env: NodeJS.ProcessEnv): Promise<PrivateStack> {
  const dataDir = mkdtempSync(join(tmpdir(), `threadline-${name}-`));
  chmodSync(dataDir, 0o755); // embedded Postgres runs as the postgres user when we are root
  const stack = await startStack({
    rootDir: resolve(__dirname, '../..'),
    dataDir,
    ports: { api: await freePort(), emulator: await freePort(), temporal: await freePort(), temporalUi: 0, postgres: await freePort() },
    persistTemporal: true,
    log: (line) => console.warn(`[${name}] ${line}`),
    echo: false,
    env,
  });
  const info: StackInfo = {
    apiUrl: stack.apiUrl, emulatorUrl: stack.emulatorUrl, adminToken: stack.adminToken, temporalAddress: stack.temporalAddress,
    namespace: stack.namespace, databaseUrl: stack.databaseUrl, dataDir,
  };
  process.env.THREADLINE_E2E = JSON.stringify(info);
  const { temporal, worker } = stack.processes;
  return {
    stack,
    info,
    logsDir: join(dataDir, 'logs'),
    crashWorker: (downMs) => worker.restart({ signal: 'SIGKILL', downMs }),
    restartTemporal: async (downMs) => {
      await temporal!.restart({ downMs });
      await waitFor('Temporal to answer after its restart', () => temporalAnswers(stack.temporalAddress, stack.namespace), 60_000, 200);
    },
    restartPostgres: (downMs) => stack.postgres!.restart(downMs),
    // Keeps the logs (and the fault table); drops the databases.
    stop: async () => {
      await stack.stop();
      for (const f of ['postgres', 'temporal.sqlite', 'temporal.sqlite-wal', 'temporal.sqlite-shm']) rmSync(join(dataDir, f), { recursive: true, force: true });
    },
  };
}
