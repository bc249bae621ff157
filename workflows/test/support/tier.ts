import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import { SEARCH_ATTRIBUTE_KEYS, SEND_SLOT_TASK_QUEUE, WORKFLOW_TASK_QUEUE } from '@threadline/contracts';

/** A local Temporal dev server (the cached CLI) with a worker on our queues, running mocked activities. */
export interface Tier {
  client: Client;
  stop(): Promise<void>;
}

let runtimeInstalled = false;

/**
 * Starts one dev server for a test file: `createLocal` with the CLI found by the global setup as an
 * `existing-path` executable (the SDK would otherwise download one), our search attributes registered,
 * and workers on the workflow queue and (with slot activities) the send-slot queue.
 */
export async function startTier(activities: object, slotActivities?: object): Promise<Tier> {
  const cli = process.env.THREADLINE_TEMPORAL_CLI;
  const codePath = process.env.THREADLINE_WORKFLOW_BUNDLE;
  if (!cli || !codePath) throw new Error('Run the workflow tier with its jest project: npm run test:workflows');
  if (!runtimeInstalled) {
    // One runtime per test file (jest gives each file its own module registry); errors only, as scripted activity failures log warnings.
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    runtimeInstalled = true;
  }
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: cli }, searchAttributes: SEARCH_ATTRIBUTE_KEYS, log: { format: 'pretty', level: 'error' } },
  });
  let workers: Worker[];
  try {
    workers = await Promise.all([
      Worker.create({ connection: env.nativeConnection, taskQueue: WORKFLOW_TASK_QUEUE, workflowBundle: { codePath }, activities }),
      ...(slotActivities ? [Worker.create({ connection: env.nativeConnection, taskQueue: SEND_SLOT_TASK_QUEUE, activities: slotActivities })] : []),
    ]);
  } catch (err) {
    // The server is a child process: a test file that cannot start its workers must not leave it running.
    await env.teardown();
    throw err;
  }
  const running = Promise.all(workers.map((w) => w.run()));
  return {
    client: env.client,
    async stop() {
      for (const w of workers) w.shutdown();
      await running;
      await env.teardown();
    },
  };
}

const FIXTURES = join(__dirname, '../../../test/fixtures/histories');

/**
 * With THREADLINE_RECORD_HISTORIES=1, saves a closed run's history as a replay fixture in the format the
 * e2e specs write (workflows/src/replay.spec.ts replays them). No payload codec here: saved as they are.
 */
export async function recordHistory(client: Client, name: string, workflowId: string): Promise<void> {
  if (process.env.THREADLINE_RECORD_HISTORIES !== '1') return;
  const history = temporal.api.history.v1.History.fromObject(await client.workflow.getHandle(workflowId).fetchHistory());
  mkdirSync(FIXTURES, { recursive: true });
  writeFileSync(join(FIXTURES, `${name}.json`), JSON.stringify({ workflowId, history: temporal.api.history.v1.History.toObject(history, { longs: String, enums: String, bytes: String }) }, null, 1) + '\n');
}
