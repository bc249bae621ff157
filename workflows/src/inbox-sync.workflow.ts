import {
  ActivityCancellationType,
  CancellationScope,
  allHandlersFinished,
  condition,
  continueAsNew,
  isCancellation,
  log,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import { LINKEDIN_ACTIVITY_RETRY } from '../../libs/contracts/src/failures';
import type { InboxSyncActivities, InboxSyncInput, InboxSyncOutcome, InboxSyncPassResult, RealtimeActivities } from '../../libs/contracts/src/inbox';
import { inboxChangedSignal } from '../../libs/contracts/src/inbox';
import { REALTIME_TASK_QUEUE } from '../../libs/contracts/src/task-queues';

// Passes per run before continue-as-new: about 1,500 history events, far below the server's suggestion.
const PASSES_PER_RUN = 200;

/**
 * Keeps one account's inbox in Postgres in step with LinkedIn: a pass on every signal (realtime
 * event, API request) and at least every poll interval; ends only when the account becomes unusable.
 */
export async function inboxSyncWorkflow(input: InboxSyncInput): Promise<InboxSyncOutcome> {
  const { syncInbox } = proxyActivities<InboxSyncActivities>({
    startToCloseTimeout: '5 minutes',
    // The pass heartbeats after every LinkedIn page (each bounded at 30 s): a worker that died mid-pass is noticed within a minute.
    heartbeatTimeout: '1 minute',
    // Few attempts: the next signal or poll is the retry of a pass (2 + 4 + 8 s of backoff at most).
    retry: { ...LINKEDIN_ACTIVITY_RETRY, maximumAttempts: 4 },
  });
  const { watchRealtime } = proxyActivities<RealtimeActivities>({
    taskQueue: REALTIME_TASK_QUEUE,
    startToCloseTimeout: input.realtimeWatchMs + 60_000,
    heartbeatTimeout: '45 seconds',
    cancellationType: ActivityCancellationType.TRY_CANCEL,
    retry: { maximumAttempts: 1 },
  });

  let pending = input.pendingSync ?? true;
  let stopping = false;
  setHandler(inboxChangedSignal, () => {
    pending = true;
  });

  // The realtime stream only triggers passes early; polling below is the safety net when it is down.
  const realtimeScope = new CancellationScope();
  const realtime = input.realtime
    ? realtimeScope
        .run(async () => {
          for (let failures = 0; !stopping; ) {
            try {
              const result = await watchRealtime({ workspaceId: input.workspaceId, accountId: input.accountId, workflowId: workflowInfo().workflowId, maxMs: input.realtimeWatchMs });
              if (result.outcome === 'unusable') return;
              failures = result.events > 0 ? 0 : failures + 1;
            } catch (err) {
              if (isCancellation(err)) throw err;
              failures += 1;
            }
            // Linear backoff like LinkedIn's own clients: 2 s per failure in a row, at most a minute.
            await sleep(Math.min(60_000, 2_000 * Math.max(1, failures)));
          }
        })
        .catch((err) => {
          if (!isCancellation(err)) throw err;
        })
    : Promise.resolve();

  const stopRealtime = async () => {
    stopping = true;
    realtimeScope.cancel();
    await realtime;
  };

  for (let pass = 0; ; pass++) {
    await condition(() => pending, input.pollIntervalMs);
    pending = false;
    let result: InboxSyncPassResult | null = null;
    try {
      result = await syncInbox({ workspaceId: input.workspaceId, accountId: input.accountId });
    } catch (err) {
      // The activity records the error in the sync state; the next signal or poll tries again.
      log.warn('inbox sync pass failed', { error: err instanceof Error ? err.message : String(err) });
    }
    if (result?.outcome === 'stopped') {
      await stopRealtime();
      return { stopped: result.reason };
    }
    if (result?.outcome === 'on_hold') await sleep(Math.max(1_000, result.untilMs - Date.now()));

    if (workflowInfo().continueAsNewSuggested || pass + 1 >= (input.passesPerRun ?? PASSES_PER_RUN)) {
      await stopRealtime();
      await condition(allHandlersFinished);
      return continueAsNew<typeof inboxSyncWorkflow>({ ...input, pendingSync: pending });
    }
  }
}
