import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { AccountActionActivities, AccountActionInput, AccountActionResult } from './contracts';
import { NON_RETRYABLE_CODES } from '../../libs/domain/src/retry-policy';

/**
 * One LinkedIn action of an account (typing, read state, recall, media), run as a durable activity
 * so the API never calls LinkedIn on the request path. The workflow id carries the Idempotency-Key.
 */
export async function accountActionWorkflow(input: AccountActionInput): Promise<AccountActionResult> {
  const linkedin = proxyActivities<AccountActionActivities>({
    startToCloseTimeout: '2 minutes',
    // Few attempts: these are interactive; a caller waiting on them prefers a clear failure.
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 4, nonRetryableErrorTypes: NON_RETRYABLE_CODES },
  });
  try {
    return await linkedin.runAccountAction(input);
  } catch (err) {
    const failure = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : null;
    throw ApplicationFailure.create({ type: failure?.type ?? 'INTERNAL', message: failure?.message ?? String(err), nonRetryable: true });
  }
}
