import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import type { Stack } from '../scripts/stack';
import type { BareActivities } from './bare.workflow';

const TASK_QUEUE = 'bench-bare';

/** A Temporal worker and client with nothing of Threadline: the same server, a workflow of no-op activities. */
export interface BareEngine {
  client: Client;
  /** Runs one bare workflow of `activities` no-op activities to its end. */
  execute(activities: number): Promise<void>;
  /** The id of the last bare workflow started. */
  lastWorkflowId(): string;
  /** Starts `count` bare workflows, `concurrency` starts at a time, and waits for every one to end. */
  runMany(count: number, activities: number, concurrency: number): Promise<void>;
  close(): Promise<void>;
}

let runtimeInstalled = false;

/** Bundles the bare workflow (a few seconds of webpack) and starts its worker in this process, on a stack's Temporal or another server. */
export async function startBareEngine(stack: Pick<Stack, 'temporalAddress' | 'namespace'>): Promise<BareEngine> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('./bare.workflow'), logger: new DefaultLogger('WARN') });
  const nativeConnection = await NativeConnection.connect({ address: stack.temporalAddress });
  const activities: BareActivities = { noop: async () => undefined };
  const worker = await Worker.create({ connection: nativeConnection, namespace: stack.namespace, taskQueue: TASK_QUEUE, workflowBundle: { code }, activities });
  const running = worker.run();
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection, namespace: stack.namespace });
  let last = '';
  const nextId = () => (last = `bench-bare-${randomUUID()}`);
  return {
    client,
    execute: (activities) => client.workflow.execute('bareWorkflow', { taskQueue: TASK_QUEUE, workflowId: nextId(), args: [activities] }),
    lastWorkflowId: () => last,
    async runMany(count, n, concurrency) {
      const handles: Promise<void>[] = [];
      let next = 0;
      await Promise.all(Array.from({ length: concurrency }, async () => {
        while (next < count) {
          next++;
          const handle = await client.workflow.start('bareWorkflow', { taskQueue: TASK_QUEUE, workflowId: nextId(), args: [n] });
          handles.push(handle.result());
        }
      }));
      await Promise.all(handles);
    },
    async close() {
      worker.shutdown();
      await running;
      await connection.close();
      await nativeConnection.close();
    },
  };
}
