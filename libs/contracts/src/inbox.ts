// Inputs, results, signals and activity contracts of the inbox sync and webhook delivery workflows.
import { defineSignal } from '@temporalio/workflow';

/** Input of `inboxSyncWorkflow`: one per connected account, id `inbox-sync:<accountId>`. */
export interface InboxSyncInput {
  workspaceId: string;
  accountId: string;
  /** The safety-net poll: a pass runs at least this often. */
  pollIntervalMs: number;
  /** Hold a realtime stream that triggers passes early. */
  realtime: boolean;
  /** How long one realtime activity holds its stream before the workflow starts a fresh one. */
  realtimeWatchMs: number;
  /** Passes per run before continue-as-new (default 200); an input so tests reach it quickly. */
  passesPerRun?: number;
  /** Carried across continue-as-new: a pass was requested and has not run yet. */
  pendingSync?: boolean;
}

export interface InboxChangedSignal {
  reason: 'realtime' | 'api' | 'worker';
}

/** Asks an account's inbox sync for a pass now (realtime event, API request). */
export const inboxChangedSignal = defineSignal<[InboxChangedSignal?]>('inboxChanged');

/** What the sync workflow ends with: only an unusable account (or a deleted one) ends it. */
export interface InboxSyncOutcome {
  stopped: string;
}

export type InboxSyncPassResult =
  | { outcome: 'synced'; conversations: number; newMessages: number }
  | { outcome: 'stopped'; reason: string }
  | { outcome: 'on_hold'; untilMs: number };

export type RealtimeWatchResult = { outcome: 'ended'; events: number } | { outcome: 'unusable' };

export interface InboxSyncActivities {
  /** One delta pass: conversations, new messages, Sales Navigator threads, then pending events. */
  syncInbox(input: { workspaceId: string; accountId: string }): Promise<InboxSyncPassResult>;
}

export interface RealtimeActivities {
  /** Holds the account's SSE stream (heartbeating) and signals the sync workflow on changes. */
  watchRealtime(input: { workspaceId: string; accountId: string; workflowId: string; maxMs: number }): Promise<RealtimeWatchResult>;
}

/** Input of `webhookDeliveryWorkflow`: one per (endpoint, event), id `webhook:<deliveryId>`. */
export interface WebhookDeliveryInput {
  deliveryId: string;
  initialRetryMs: number;
  maxAttempts: number;
}

export interface WebhookActivities {
  /** One POST of the stored payload, signed; throws on a non-2xx answer so Temporal retries. */
  deliverWebhook(input: { deliveryId: string }): Promise<'delivered' | 'skipped'>;
  recordWebhookFailed(input: { deliveryId: string; error: string }): Promise<void>;
}

/** One delivery run per delivery, and one more per redelivery asked for after it failed (`redelivery` ≥ 1). */
export function webhookDeliveryWorkflowId(deliveryId: string, redelivery = 0): string {
  return redelivery === 0 ? `webhook:${deliveryId}` : `webhook:${deliveryId}:redelivery-${redelivery}`;
}
