import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { SEND_SLOT_TASK_QUEUE } from '@threadline/contracts';

/**
 * Sets the per-account pace on the send-slot queue: Temporal dispatches at most one slot per
 * fairness key (account) every `spacingSeconds`. Idempotent, so every worker boot applies it.
 */
export async function applySendQueueRateLimit(client: Client, namespace: string, spacingSeconds: number): Promise<void> {
  await client.workflowService.updateTaskQueueConfig({
    namespace,
    identity: 'threadline-worker',
    taskQueue: SEND_SLOT_TASK_QUEUE,
    taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
    updateFairnessKeyRateLimitDefault: { rateLimit: { requestsPerSecond: 1 / spacingSeconds }, reason: 'per-account send spacing' },
  });
}
