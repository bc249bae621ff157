import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { AccountActionRunner, AccountSafetyService, CoreModule, MessageDeliveryService, TEMPORAL_CLIENT, WorkerConfig, loadConfig, temporalDataConverter } from '@threadline/core';
import { REALTIME_TASK_QUEUE, SEND_SLOT_TASK_QUEUE, WORKFLOW_TASK_QUEUE } from '@threadline/contracts';
import { createMessagingActivities, createSendSlotActivities } from './activities';
import { applySendQueueRateLimit } from './task-queue-config';
import { InboxRealtimeService, InboxSyncControlService, InboxSyncService, WebhooksService } from '@threadline/core';
import { createInboxSyncActivities, createRealtimeActivities, createWebhookActivities } from './inbox.activities';
import { createAccountActionActivities } from './account-action.activities';
import { CampaignsService, InvitationsService, LeadRunService } from '@threadline/core';
import { createCampaignActivities, createLeadActivities } from './sequence-activities';
import { registerSearchAttributes } from './search-attributes';

/** The worker process: no HTTP, two task queues on one connection. */
async function main(): Promise<void> {
  const config = loadConfig(WorkerConfig);
  const app = await NestFactory.createApplicationContext(CoreModule.forRoot(config), { logger: ['error', 'warn'] });
  const delivery = app.get(MessageDeliveryService);
  const client = app.get<Client>(TEMPORAL_CLIENT);
  // Neither stops the worker on a server that refuses them: each logs one line (the ledger spaces sends at delivery anyway).
  await applySendQueueRateLimit(client, config.TEMPORAL_NAMESPACE, config.SEND_SPACING_SECONDS);
  await registerSearchAttributes(client, config.TEMPORAL_NAMESPACE);

  const connection = await NativeConnection.connect({
    address: config.TEMPORAL_ADDRESS,
    tls: config.TEMPORAL_TLS || Boolean(config.TEMPORAL_API_KEY),
    apiKey: config.TEMPORAL_API_KEY,
  });
  // The build prebundles workflows; running from sources falls back to bundling at start.
  const bundlePath = join(__dirname, '../../../workflow-bundle.js');
  const workflowSource = existsSync(bundlePath) ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath: require.resolve('../../../workflows/src') };
  // Payloads and failure messages are encrypted in history, as by the API's client (the bundle carries the same failure converter).
  const dataConverter = temporalDataConverter(config);
  const workers = await Promise.all([
    Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: WORKFLOW_TASK_QUEUE,
      dataConverter,
      ...workflowSource,
      activities: { ...createMessagingActivities(delivery), ...createAccountActionActivities(app.get(AccountActionRunner)),
        ...createInboxSyncActivities(app.get(InboxSyncService)), ...createWebhookActivities(app.get(WebhooksService)),
        ...createLeadActivities(app.get(LeadRunService), app.get(InvitationsService)), ...createCampaignActivities(app.get(CampaignsService)) },
      maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
    }),
    Worker.create({ connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: SEND_SLOT_TASK_QUEUE, dataConverter, activities: createSendSlotActivities(delivery) }),
    // Realtime streams: long, mostly idle activities with their own slot budget, so they never starve sends.
    Worker.create({
      connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: REALTIME_TASK_QUEUE, dataConverter, activities: createRealtimeActivities(app.get(InboxRealtimeService)),
      maxConcurrentActivityTaskExecutions: config.INBOX_REALTIME_MAX_STREAMS,
    }),
  ]);
  // Inbox sync per account: started for every usable account at boot, then for new or reconnected ones.
  const inboxSync = app.get(InboxSyncControlService);
  void inboxSync.startAll().catch((err: unknown) => console.error(`inbox sync start failed: ${String(err)}`));
  const webhooks = app.get(WebhooksService);
  const reconcile = setInterval(() => {
    void inboxSync.startMissing().catch((err: unknown) => console.error(`inbox sync reconcile failed: ${String(err)}`));
    void webhooks.redrivePending().catch((err: unknown) => console.error(`webhook redrive failed: ${String(err)}`));
  }, config.INBOX_RECONCILE_SECONDS * 1000);

  // Account safety: holds that ended, warm-ups to start or end, reservations left behind by crashes. One pass at a time.
  const safety = app.get(AccountSafetyService);
  let sweeping = false;
  const sweep = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    void safety.sweep().catch((err: unknown) => console.error(`account safety sweep failed: ${String(err)}`)).finally(() => (sweeping = false));
  }, config.ACCOUNT_SWEEP_SECONDS * 1000);

  // Acceptance of invitations: the connections of accounts with pending ones, read on a timer. One pass at a time.
  const invitations = app.get(InvitationsService);
  let checking = false;
  const acceptance = setInterval(() => {
    if (checking) return;
    checking = true;
    void invitations.checkAllAcceptances().catch((err: unknown) => console.error(`invitation acceptance check failed: ${String(err)}`)).finally(() => (checking = false));
  }, config.INVITATION_CHECK_SECONDS * 1000);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    clearInterval(reconcile);
    clearInterval(sweep);
    clearInterval(acceptance);
    for (const w of workers) w.shutdown();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  console.warn(`worker ready (namespace ${config.TEMPORAL_NAMESPACE}, queues ${WORKFLOW_TASK_QUEUE} + ${SEND_SLOT_TASK_QUEUE})`);
  await Promise.all(workers.map((w) => w.run()));
  await connection.close();
  await app.close();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
