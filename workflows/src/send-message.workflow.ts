import { ActivityFailure, ApplicationFailure, proxyActivities, sleep, uuid4, workflowInfo } from '@temporalio/workflow';
import type { MessagingActivities, SendMessageInput, SendMessageResult, SendSlotActivities } from './contracts';
import { SEND_SLOT_TASK_QUEUE } from './contracts';
import { NON_RETRYABLE_CODES } from '../../libs/domain/src/retry-policy';

/**
 * One message, exactly once: a rate-limited send slot (fairness key = account), the typing
 * indicator on durable timers, then the send with a workflow-minted originToken.
 */
export async function sendMessageWorkflow(input: SendMessageInput): Promise<SendMessageResult> {
  const { workflowId } = workflowInfo();
  const slots = proxyActivities<SendSlotActivities>({
    taskQueue: SEND_SLOT_TASK_QUEUE,
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute', nonRetryableErrorTypes: NON_RETRYABLE_CODES },
    priority: { fairnessKey: input.accountId },
  });
  const linkedin = proxyActivities<MessagingActivities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 8, nonRetryableErrorTypes: NON_RETRYABLE_CODES },
  });
  const bookkeeping = proxyActivities<MessagingActivities>({ startToCloseTimeout: '30 seconds', retry: { maximumInterval: '1 minute' } });

  // Minted by the workflow so every retry of the send carries the same token (replay-safe).
  const originToken = uuid4();
  try {
    for (;;) {
      const slot = await slots.acquireSendSlot({
        workspaceId: input.workspaceId,
        accountId: input.accountId,
        kind: input.messageType === 'inmail' ? 'inmail' : 'message',
        operationId: workflowId,
      });
      if (slot.granted) break;
      await sleep(Math.max(1000, slot.notBefore - Date.now()));
    }

    const prepared = await linkedin.prepareConversation(input);
    if (input.typingMs > 0 && prepared.conversationUrn) {
      const conversationUrn = prepared.conversationUrn;
      for (let shown = 0; shown < input.typingMs; shown += input.typingPingMs) {
        await linkedin.showTyping({ workspaceId: input.workspaceId, accountId: input.accountId, conversationUrn });
        await sleep(Math.min(input.typingPingMs, input.typingMs - shown));
      }
    }

    const result = await linkedin.deliverMessage({ send: input, prepared, originToken });
    await bookkeeping.recordMessageSent({ workflowId, result });
    return result;
  } catch (err) {
    const failure = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : null;
    const code = failure?.type ?? 'INTERNAL';
    const message = failure?.message ?? (err instanceof Error ? err.message : String(err));
    await bookkeeping.recordMessageFailed({ workflowId, code, message });
    throw ApplicationFailure.create({ type: code, message, nonRetryable: true, details: failure?.details ? [...failure.details] : undefined });
  }
}
