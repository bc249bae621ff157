import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { InboxRealtimeService, InboxSyncService, WebhooksService } from '@threadline/core';
import type { InboxSyncActivities, RealtimeActivities, WebhookActivities } from '@threadline/contracts';
import { activityHeartbeat, wrap } from './activities';

/** One inbox pass per call; account-level failures come back as a result, others are retried by Temporal. */
export function createInboxSyncActivities(sync: InboxSyncService): InboxSyncActivities {
  return {
    syncInbox: wrap((input) => sync.syncAccount(input, activityHeartbeat())),
  };
}

/** The realtime stream: heartbeats keep it alive, cancellation (continue-as-new, stop) closes it. */
export function createRealtimeActivities(realtime: InboxRealtimeService): RealtimeActivities {
  return {
    watchRealtime: wrap((input) => {
      const ctx = Context.current();
      return realtime.watch(input, { signal: ctx.cancellationSignal, heartbeat: () => ctx.heartbeat() });
    }),
  };
}

/** Webhook delivery: a failed POST is a retryable failure (the receiver may be down for a while). */
export function createWebhookActivities(webhooks: WebhooksService): WebhookActivities {
  return {
    deliverWebhook: async (input) => {
      try {
        return await webhooks.deliver(input.deliveryId, Context.current().info.attempt);
      } catch (err) {
        throw ApplicationFailure.create({ type: 'WEBHOOK_DELIVERY_FAILED', message: err instanceof Error ? err.message : String(err), nonRetryable: false });
      }
    },
    recordWebhookFailed: (input) => webhooks.recordFailed(input.deliveryId, input.error),
  };
}
