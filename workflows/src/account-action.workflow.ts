import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import { failureOf, LINKEDIN_ACTIVITY_RETRY } from '../../libs/contracts/src/failures';
import type { AccountActionActivities, AccountActionInput, AccountActionResult } from '../../libs/contracts/src/messaging';

/**
 * One LinkedIn action of an account (typing, read state, recall, media), run as a durable activity
 * so the API never calls LinkedIn on the request path. The workflow id carries the Idempotency-Key.
 */
export async function accountActionWorkflow(input: AccountActionInput): Promise<AccountActionResult> {
  const linkedin = proxyActivities<AccountActionActivities>({
    startToCloseTimeout: '2 minutes',
    // Few attempts: these are interactive; a caller waiting on them prefers a clear failure.
    retry: { ...LINKEDIN_ACTIVITY_RETRY, initialInterval: '1 second', maximumAttempts: 4 },
  });
  try {
    return await linkedin.runAccountAction(input);
  } catch (err) {
    const { code, message } = failureOf(err);
    throw ApplicationFailure.create({ type: code, message, nonRetryable: true });
  }
}
