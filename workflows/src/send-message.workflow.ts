import { ApplicationFailure, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { failureOf } from '../../libs/contracts/src/failures';
import { accountChangedSignal, type MessagingActivities, type SendMessageInput, type SendMessageResult } from '../../libs/contracts/src/messaging';
import { leanStep, localActivities, runSendSpine } from './send-spine';

/**
 * One message, exactly once: a rate-limited send slot (fairness key = LinkedIn member), the member's
 * delivery turn and the typing indicator on durable timers, then the send with a workflow-minted originToken.
 */
export async function sendMessageWorkflow(input: SendMessageInput): Promise<SendMessageResult> {
  const { workflowId } = workflowInfo();
  const lean = leanStep();
  const options = { startToCloseTimeout: '30 seconds', retry: { maximumInterval: '1 minute' } } as const;
  const bookkeeping = lean ? localActivities<MessagingActivities>(options) : proxyActivities<MessagingActivities>(options);
  // A change of the account (a lifted hold, a raised cap) ends the wait for the slot at once.
  let accountChanges = 0;
  setHandler(accountChangedSignal, () => void accountChanges++);
  try {
    const outcome = await runSendSpine(input, { operationId: workflowId, accountChanges: () => accountChanges, lean });
    if (!outcome.sent) throw ApplicationFailure.create({ type: 'INTERNAL', message: outcome.reason, nonRetryable: true });
    await bookkeeping.recordMessageSent({ workflowId, result: outcome.result });
    return outcome.result;
  } catch (err) {
    const { code, message, details } = failureOf(err);
    await bookkeeping.recordMessageFailed({ workflowId, code, message });
    throw ApplicationFailure.create({ type: code, message, nonRetryable: true, details });
  }
}
