import { ApplicationFailure, patched, proxyActivities } from '@temporalio/workflow';
import { failureOf, LINKEDIN_ACTIVITY_RETRY } from '../../libs/contracts/src/failures';
import type { AccountAction, AccountActionActivities, AccountActionInput, AccountActionResult } from '../../libs/contracts/src/messaging';

/** The activity of each action type. */
const ACTIVITY_OF = {
  typing: 'typing',
  mark_read: 'markRead',
  mark_all_read: 'markAllRead',
  recall: 'recall',
  react: 'react',
  list_reactions: 'listReactions',
  edit: 'editMessage',
  resolve_profile: 'resolveProfile',
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
    retry: { ...LINKEDIN_ACTIVITY_RETRY, initialInterval: '1 second', maximumAttempts: 4 },
  });
  try {
    if (!patched(ACTIVITY_PER_ACTION_PATCH)) return await linkedin.runAccountAction(input);
    const activity = linkedin[ACTIVITY_OF[input.action.type]] as (input: AccountActionInput) => Promise<AccountActionResult>;
    return await activity(input);
  } catch (err) {
    const { code, message } = failureOf(err);
    throw ApplicationFailure.create({ type: code, message, nonRetryable: true });
  }
}
