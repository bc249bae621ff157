import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { AccountActionRunner, AccountSafetyService, MessageDeliveryService, MetricsRegistry, TEMPORAL_CLIENT, WorkerConfig, loadConfig, temporalDataConverter } from '@threadline/core';
import { Logger, LoggerModule } from 'nestjs-pino';
import { REALTIME_TASK_QUEUE, SEND_SLOT_TASK_QUEUE, WORKFLOW_TASK_QUEUE } from '@threadline/contracts';
import { createMessagingActivities, createSendSlotActivities } from './activities';
import { applySendQueueRateLimit } from './task-queue-config';
import { InboxRealtimeService, InboxSyncControlService, InboxSyncService, WebhooksService } from '@threadline/core';
import { createInboxSyncActivities, createRealtimeActivities, createWebhookActivities } from './inbox.activities';
import { createAccountActionActivities } from './account-action.activities';
import { CampaignsService, InvitationsService, LeadRunService } from '@threadline/core';
import { createCampaignActivities, createLeadActivities } from './sequence-activities';
import { registerSearchAttributes } from './search-attributes';
import { metricsInterceptor } from './metrics.interceptor';
import { TemporalPinoLogger, createWorkerLogger } from './worker-logger';
import { WorkerModule } from './worker-http.module';
import { workerMemoryBytes, workflowCacheSize } from './worker-sizing';
import { WORKFLOW_PRELOAD_MODULES } from './workflow-preload';

// Boot failures (a bad variable among them) are logged before the config is read: at info.
const bootLog = createWorkerLogger('info');

/** The worker process: three task queues on one connection, and a metrics port (metrics, liveness, readiness). */
async function main(): Promise<void> {
  const config = loadConfig(WorkerConfig);
  const log = createWorkerLogger(config.LOG_LEVEL);
  // Once per process, before any NativeConnection: the SDK's, Core's and workflow/activity logs go through pino.
  const temporalMetricsAt = `${config.WORKER_METRICS_HOST}:${config.TEMPORAL_METRICS_PORT}`;
  try {
    Runtime.install({
      logger: new TemporalPinoLogger(log),
      telemetryOptions: {
        logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} },
        ...(config.TEMPORAL_METRICS_PORT > 0 ? { metrics: { prometheus: { bindAddress: temporalMetricsAt, useSecondsForDurations: true } } } : {}),
      },
    });
  } catch (err) {
    throw new Error(`TEMPORAL_METRICS_PORT: cannot serve Temporal's metrics on ${temporalMetricsAt} (${err instanceof Error ? err.message : String(err)}); pick a free port, or 0 to turn them off`);
  }
  const app = await NestFactory.create<NestExpressApplication>(
    // Scrapes and probes are not logged: they come every few seconds.
    WorkerModule.forRoot(config, [LoggerModule.forRoot({ pinoHttp: { logger: log, autoLogging: false } })]),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  if (config.WORKER_METRICS_PORT > 0) {
    await app.listen(config.WORKER_METRICS_PORT, config.WORKER_METRICS_HOST).catch((err: unknown) => {
      throw new Error(`WORKER_METRICS_PORT: cannot listen on ${config.WORKER_METRICS_HOST}:${config.WORKER_METRICS_PORT} (${err instanceof Error ? err.message : String(err)}); pick a free port, or 0 to turn it off`);
    });
  } else {
    await app.init();
  }
  const interceptors = { activity: [metricsInterceptor(app.get(MetricsRegistry))] };
  const delivery = app.get(MessageDeliveryService);
  const client = app.get<Client>(TEMPORAL_CLIENT);
  // Neither stops the worker on a server that refuses them: each logs one line (the ledger spaces sends at delivery anyway).
  await applySendQueueRateLimit(client, config.TEMPORAL_NAMESPACE, config.SEND_SPACING_SECONDS, (line) => log.warn(line));
  await registerSearchAttributes(client, config.TEMPORAL_NAMESPACE, (line) => log.warn(line));

  const connection = await NativeConnection.connect({
    address: config.TEMPORAL_ADDRESS,
    tls: config.TEMPORAL_TLS || Boolean(config.TEMPORAL_API_KEY),
    apiKey: config.TEMPORAL_API_KEY,
  });
  // The build prebundles workflows; running from sources falls back to bundling at start.
  const bundlePath = join(__dirname, '../../../workflow-bundle.js');
  const workflowSource = existsSync(bundlePath) ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath: require.resolve('../../../workflows/src'), bundlerOptions: { preloadModules: WORKFLOW_PRELOAD_MODULES } };
  // Payloads and failure messages are encrypted in history, as by the API's client (the bundle carries the same failure converter).
  const dataConverter = temporalDataConverter(config);
  // Bounded so that sleeping leads do not all stay in memory; a run evicted from the cache replays its history when it wakes.
  const cache = workflowCacheSize(workerMemoryBytes(), config.WORKER_MAX_CACHED_WORKFLOWS);
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
      interceptors,
      maxCachedWorkflows: cache.maxCachedWorkflows,
      stickyQueueScheduleToStartTimeout: `${config.WORKER_STICKY_TIMEOUT_SECONDS}s`,
    }),
    Worker.create({ connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: SEND_SLOT_TASK_QUEUE, dataConverter, activities: createSendSlotActivities(delivery), interceptors }),
    // Realtime streams: long, mostly idle activities with their own slot budget, so they never starve sends.
    Worker.create({
      connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: REALTIME_TASK_QUEUE, dataConverter, activities: createRealtimeActivities(app.get(InboxRealtimeService)),
      maxConcurrentActivityTaskExecutions: config.INBOX_REALTIME_MAX_STREAMS,
      interceptors,
    }),
  ]);
  // Inbox sync per account: started for every usable account at boot, then for new or reconnected ones.
  const inboxSync = app.get(InboxSyncControlService);
  void inboxSync.startAll().catch((err: unknown) => log.error({ err }, 'inbox sync start failed'));
  const webhooks = app.get(WebhooksService);
  const reconcile = setInterval(() => {
    void inboxSync.startMissing().catch((err: unknown) => log.error({ err }, 'inbox sync reconcile failed'));
    void webhooks.redrivePending().catch((err: unknown) => log.error({ err }, 'webhook redrive failed'));
  }, config.INBOX_RECONCILE_SECONDS * 1000);

  // Account safety: holds that ended, warm-ups to start or end, reservations left behind by crashes. One pass at a time.
  const safety = app.get(AccountSafetyService);
  let sweeping = false;
  const sweep = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    void safety.sweep().catch((err: unknown) => log.error({ err }, 'account safety sweep failed')).finally(() => (sweeping = false));
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

  const metricsAt = config.WORKER_METRICS_PORT > 0 ? `http://${config.WORKER_METRICS_HOST}:${config.WORKER_METRICS_PORT}/metrics` : null;
  // Always written, whatever LOG_LEVEL: supervisors and the dev stack wait for this line.
  log.child({}, { level: 'info' }).info({
    namespace: config.TEMPORAL_NAMESPACE, taskQueues: [WORKFLOW_TASK_QUEUE, SEND_SLOT_TASK_QUEUE, REALTIME_TASK_QUEUE], metrics: metricsAt,
    temporalMetrics: config.TEMPORAL_METRICS_PORT > 0 ? `http://${temporalMetricsAt}/metrics` : null, maxCachedWorkflows: cache.maxCachedWorkflows,
  }, `worker ready (namespace ${config.TEMPORAL_NAMESPACE}, queues ${WORKFLOW_TASK_QUEUE} + ${SEND_SLOT_TASK_QUEUE}; caches ${cache.maxCachedWorkflows} workflow runs, from ${cache.basis})`);
  await Promise.all(workers.map((w) => w.run()));
  await connection.close();
  await app.close();
}

main().catch((err: unknown) => {
  bootLog.fatal({ err }, err instanceof Error ? err.message : String(err));
  process.exit(1);
});
