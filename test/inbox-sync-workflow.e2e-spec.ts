import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { type InboxSyncActivities, type InboxSyncInput, type InboxSyncPassResult, inboxChangedSignal } from '@threadline/contracts';
import { stackInfo } from './support/stack-info';
import { waitFor } from './support/wait-for';

// The e2e project's testTimeout is not applied per project by jest 30; set it here.
jest.setTimeout(120_000);

/**
 * The sync workflow on the real Temporal server of the stack, with a scripted syncInbox activity on a
 * private task queue: polling, signals, stop, hold and continue-as-new, each in well under a minute.
 */
describe('inboxSyncWorkflow on the real Temporal server', () => {
  const taskQueue = `inbox-sync-wf-${randomUUID()}`;
  const passes = new Map<string, number[]>();
  const script = new Map<string, (n: number) => InboxSyncPassResult>();
  let client: Client;
  let connection: Connection;
  let worker: Worker;
  let native: NativeConnection;
  let running: Promise<void>;

  const activities: InboxSyncActivities = {
    async syncInbox({ accountId }) {
      const list = passes.get(accountId) ?? [];
      list.push(Date.now());
      passes.set(accountId, list);
      return script.get(accountId)?.(list.length) ?? { outcome: 'synced', conversations: 0, newMessages: 0 };
    },
  };

  const start = async (accountId: string, input: Partial<InboxSyncInput>) =>
    client.workflow.start('inboxSyncWorkflow', {
      taskQueue,
      workflowId: `test-inbox-sync:${accountId}`,
      args: [{ workspaceId: 'ws', accountId, pollIntervalMs: 60_000, realtime: false, realtimeWatchMs: 10_000, ...input } satisfies InboxSyncInput],
    });
  const count = (accountId: string) => passes.get(accountId)?.length ?? 0;

  beforeAll(async () => {
    const info = stackInfo();
    connection = await Connection.connect({ address: info.temporalAddress });
    client = new Client({ connection, namespace: info.namespace });
    native = await NativeConnection.connect({ address: info.temporalAddress });
    worker = await Worker.create({
      connection: native,
      namespace: info.namespace,
      taskQueue,
      workflowBundle: { codePath: join(__dirname, '../dist/workflow-bundle.js') },
      activities,
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker.shutdown();
    await running;
    await native.close();
    await connection.close();
  });

  it('runs a first pass at once, then one per poll interval', async () => {
    const handle = await start('poll', { pollIntervalMs: 300 });
    await waitFor('four passes', async () => count('poll') >= 4, 10_000, 50);
    const times = passes.get('poll')!;
    // Polls are durable timers: no pass comes sooner than the interval after the previous one.
    for (let i = 2; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(250);
    await handle.terminate();
  });

  it('runs a pass as soon as it is signalled, long before the next poll', async () => {
    const handle = await start('signal', { pollIntervalMs: 60_000 });
    await waitFor('the first pass', async () => count('signal') === 1, 10_000, 50);
    const signalledAt = Date.now();
    await handle.signal(inboxChangedSignal, { reason: 'realtime' });
    await waitFor('the signalled pass', async () => count('signal') === 2, 10_000, 20);
    expect(passes.get('signal')![1]! - signalledAt).toBeLessThan(2_000);
    await handle.terminate();
  });

  it('ends when a pass reports the account unusable', async () => {
    script.set('stop', (n) => (n >= 2 ? { outcome: 'stopped', reason: 'disconnected' } : { outcome: 'synced', conversations: 1, newMessages: 0 }));
    const handle = await start('stop', { pollIntervalMs: 200 });
    expect(await handle.result()).toEqual({ stopped: 'disconnected' });
    expect(count('stop')).toBe(2);
  });

  it('waits out a hold before the next pass', async () => {
    let holdUntil = 0;
    script.set('hold', (n) => {
      if (n !== 1) return { outcome: 'synced', conversations: 0, newMessages: 0 };
      holdUntil = Date.now() + 1_500;
      return { outcome: 'on_hold', untilMs: holdUntil };
    });
    const handle = await start('hold', { pollIntervalMs: 100 });
    await waitFor('a pass after the hold', async () => count('hold') >= 2, 10_000, 50);
    expect(passes.get('hold')![1]!).toBeGreaterThanOrEqual(holdUntil - 50);
    await handle.terminate();
  });

  it('continues as new after a run of passes, keeping the same workflow id', async () => {
    const handle = await start('can', { pollIntervalMs: 1, passesPerRun: 5 });
    const firstRun = (await handle.describe()).runId;
    await waitFor('a second run', async () => (await client.workflow.getHandle('test-inbox-sync:can').describe()).runId !== firstRun, 30_000, 100);
    await waitFor('a pass in the second run', async () => count('can') >= 6, 10_000, 50);
    const latest = await client.workflow.getHandle('test-inbox-sync:can').describe();
    expect(latest.status.name).toBe('RUNNING');
    await client.workflow.getHandle('test-inbox-sync:can').terminate();
  });
});
