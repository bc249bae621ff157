import { ActivityFailure, ApplicationFailure, patched, proxyActivities } from '@temporalio/workflow';
import type { AccountAction, AccountActionActivities, AccountActionInput, AccountActionResult } from './contracts';
import { NON_RETRYABLE_CODES } from '../../libs/domain/src/retry-policy';

/** The activity of each action type. */
const ACTIVITY_OF = {
  typing: 'typing',
  mark_read: 'markRead',
  mark_all_read: 'markAllRead',
  recall: 'recall',
  upload_attachment: 'uploadAttachment',
  fetch_media: 'fetchMedia',
  check_status: 'checkStatus',
} as const satisfies Record<AccountAction['type'], Exclude<keyof AccountActionActivities, 'runAccountAction'>>;

/**
 * Runs started before one activity per type have `runAccountAction` in their history and keep it. Once no
 * such run is open (actions take minutes), `deprecatePatch` this id, then drop `runAccountAction`.
 */
const ACTIVITY_PER_ACTION_PATCH = 'account-action-activity-per-type';

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
    if (!patched(ACTIVITY_PER_ACTION_PATCH)) return await linkedin.runAccountAction(input);
    const activity = linkedin[ACTIVITY_OF[input.action.type]] as (input: AccountActionInput) => Promise<AccountActionResult>;
    return await activity(input);
  } catch (err) {
    const failure = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : null;
    throw ApplicationFailure.create({ type: failure?.type ?? 'INTERNAL', message: failure?.message ?? String(err), nonRetryable: true });
  }
}
