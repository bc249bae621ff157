import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  type AccountActionActivities, type AccountActionInput, inboxChangedSignal, type InboxSyncActivities, type InboxSyncInput, type WebhookActivities, WORKFLOW_TASK_QUEUE,
  webhookDeliveryWorkflowId,
} from '@threadline/contracts';
import { waitFor } from '../../test/support/wait-for';
import type { accountActionWorkflow } from '../src/account-action.workflow';
import type { inboxSyncWorkflow } from '../src/inbox-sync.workflow';
import type { webhookDeliveryWorkflow } from '../src/webhook-delivery.workflow';
import { recordHistory, startTier, type Tier } from './support/tier';

jest.setTimeout(60_000);

// Scripted answers per account or delivery id, and what each activity received.
const passes = new Map<string, number>();
const attempts = new Map<string, number>();
const failedDeliveries: Array<{ deliveryId: string; error: string }> = [];

// One scripted answer for every action activity (runs before the per-type split call runAccountAction).
async function runAction({ accountId, action }: AccountActionInput) {
  if (accountId === 'expired') throw ApplicationFailure.create({ type: 'ACCOUNT_DISCONNECTED', message: 'the session has expired', nonRetryable: true });
  return action.type === 'mark_read' ? { conversationUrns: [action.conversationUrn] } : {};
}

const activities: InboxSyncActivities & WebhookActivities & AccountActionActivities = {
  async syncInbox({ accountId }) {
    const n = (passes.get(accountId) ?? 0) + 1;
    passes.set(accountId, n);
    return n < 3 ? { outcome: 'synced', conversations: 1, newMessages: n } : { outcome: 'stopped', reason: 'disconnected' };
  },
  async deliverWebhook({ deliveryId }) {
    const n = (attempts.get(deliveryId) ?? 0) + 1;
    attempts.set(deliveryId, n);
    if (deliveryId.startsWith('down') || n === 1) throw new Error(`receiver answered 503 (attempt ${n})`);
    return 'delivered';
  },
  async recordWebhookFailed(input) {
    failedDeliveries.push(input);
  },
  runAccountAction: runAction,
  typing: runAction,
  markRead: runAction,
  markAllRead: runAction,
  recall: runAction,
  react: runAction,
  listReactions: runAction,
  editMessage: runAction,
  resolveProfile: runAction,
  uploadAttachment: runAction,
  fetchMedia: runAction,
  checkStatus: runAction,
};

let tier: Tier;
beforeAll(async () => {
  tier = await startTier(activities);
});
afterAll(() => tier?.stop());

describe('inbox sync, webhook delivery and account action workflows on a local Temporal server', () => {
  it('syncs on a signal and on each poll until the account becomes unusable', async () => {
    const input: InboxSyncInput = { workspaceId: 'w', accountId: `inbox-${process.pid}`, pollIntervalMs: 60_000, realtime: false, realtimeWatchMs: 1000 };
    const handle = await tier.client.workflow.start<typeof inboxSyncWorkflow>('inboxSyncWorkflow', { taskQueue: WORKFLOW_TASK_QUEUE, workflowId: `inbox-sync:${input.accountId}`, args: [input] });
    await waitFor('the first pass', async () => passes.get(input.accountId) === 1 || undefined, 15_000, 50);
    await handle.signal(inboxChangedSignal, { reason: 'api' });
    await waitFor('the signalled pass', async () => passes.get(input.accountId) === 2 || undefined, 15_000, 50);
    await handle.signal(inboxChangedSignal, { reason: 'realtime' });
    expect(await handle.result()).toEqual({ stopped: 'disconnected' });
    await recordHistory(tier.client, 'tier-inbox-sync-stopped', handle.workflowId);
  });

  it('retries a webhook while its receiver is down and records it as failed after the last attempt', async () => {
    const start = (deliveryId: string) =>
      tier.client.workflow.start<typeof webhookDeliveryWorkflow>('webhookDeliveryWorkflow', {
        taskQueue: WORKFLOW_TASK_QUEUE, workflowId: webhookDeliveryWorkflowId(deliveryId), args: [{ deliveryId, initialRetryMs: 200, maxAttempts: 3 }],
      });
    const [flaky, down] = await Promise.all([start(`flaky-${process.pid}`), start(`down-${process.pid}`)]);
    expect(await flaky.result()).toBe('delivered');
    expect(await down.result()).toBe('failed');
    expect([attempts.get(`flaky-${process.pid}`), attempts.get(`down-${process.pid}`)]).toEqual([2, 3]);
    expect(failedDeliveries).toEqual([{ deliveryId: `down-${process.pid}`, error: 'receiver answered 503 (attempt 3)' }]);
    await recordHistory(tier.client, 'tier-webhook-delivered', flaky.workflowId);
    await recordHistory(tier.client, 'tier-webhook-failed', down.workflowId);
  });

  it('runs an account action and fails it with the code of a failure a retry cannot fix', async () => {
    const run = (input: AccountActionInput, id: string) =>
      tier.client.workflow.start<typeof accountActionWorkflow>('accountActionWorkflow', { taskQueue: WORKFLOW_TASK_QUEUE, workflowId: `account-action:${id}-${process.pid}`, args: [input] });
    const done = await run({ workspaceId: 'w', accountId: 'alex', action: { type: 'mark_read', conversationUrn: 'urn:li:msg_conversation:1', read: true } }, 'read');
    expect(await done.result()).toEqual({ conversationUrns: ['urn:li:msg_conversation:1'] });
    const failed = await run({ workspaceId: 'w', accountId: 'expired', action: { type: 'mark_all_read' } }, 'expired');
    const err = await failed.result().then(() => null, (e: unknown) => e);
    expect((err as WorkflowFailedError).cause).toMatchObject({ type: 'ACCOUNT_DISCONNECTED', message: 'the session has expired' });
    await recordHistory(tier.client, 'tier-account-action-done', done.workflowId);
    await recordHistory(tier.client, 'tier-account-action-failed', failed.workflowId);
  });
});
