import { proxyActivities } from '@temporalio/workflow';
import { failureOf } from '../../libs/contracts/src/failures';
import type { WebhookActivities, WebhookDeliveryInput } from '../../libs/contracts/src/inbox';

/**
 * Delivers one event to one endpoint: retried with backoff while the receiver is down, and recorded
 * as failed only after the last attempt, so an event is never silently lost.
 */
export async function webhookDeliveryWorkflow(input: WebhookDeliveryInput): Promise<'delivered' | 'skipped' | 'failed'> {
  const { deliverWebhook } = proxyActivities<WebhookActivities>({
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: input.initialRetryMs, backoffCoefficient: 2, maximumInterval: '1 hour', maximumAttempts: input.maxAttempts },
  });
  const { recordWebhookFailed } = proxyActivities<WebhookActivities>({ startToCloseTimeout: '30 seconds', retry: { maximumInterval: '1 minute' } });
  try {
    return await deliverWebhook({ deliveryId: input.deliveryId });
  } catch (err) {
    await recordWebhookFailed({ deliveryId: input.deliveryId, error: failureOf(err).message });
    return 'failed';
  }
}
