import { ERROR_CODES, type ErrorCode } from './errors';

/**
 * What Temporal does when an activity fails with each code: `retry` with backoff (throttling, outages,
 * races) or `fail` for good (a retry cannot fix it; the workflow records it). A new code fails to
 * compile until it is decided here.
 */
export const RETRY_DECISION: Record<ErrorCode, 'retry' | 'fail'> = {
  VALIDATION_FAILED: 'fail',
  NOT_FOUND: 'fail',
  ACCOUNT_NOT_FOUND: 'fail',
  ACCOUNT_DISCONNECTED: 'fail',
  ACCOUNT_CHECKPOINT: 'fail',
  ACCOUNT_RESTRICTED: 'fail',
  LINKEDIN_FORBIDDEN: 'fail',
  RECIPIENT_NOT_REACHABLE: 'fail',
  INMAIL_UNAVAILABLE: 'fail',
  LINKEDIN_REJECTED: 'fail',
  UNSUPPORTED_MEDIA_TYPE: 'fail',
  PAYLOAD_TOO_LARGE: 'fail',
  INMAIL_CREDITS_EXHAUSTED: 'fail',
  GROUP_MESSAGE_UNSUPPORTED: 'fail',
  // Another send of the member took the delivery turn: the workflow waits (details.notBefore) and re-checks before sending.
  SEND_TOO_SOON: 'fail',
  // The account's invitations are held (weekly cap): the workflow waits until details.notBefore, messages go on.
  INVITATIONS_HELD: 'fail',
  // About the prospect: another try at the same person fails the same way (the step skips or the lead ends).
  ALREADY_INVITED: 'fail',
  ALREADY_CONNECTED: 'fail',
  INVITATION_RESEND_TOO_SOON: 'fail',
  NOT_INVITABLE: 'fail',
  INVITATION_STATE_INVALID: 'fail',
  INVITATION_NOTE_UNAVAILABLE: 'fail',
  // Problems of the request itself, raised at the API edge: the same call fails the same way again.
  UNAUTHORIZED: 'fail',
  NO_DEFAULT_ACCOUNT: 'fail',
  IDEMPOTENCY_KEY_REUSED: 'fail',
  HEADERS_TOO_LARGE: 'fail',
  SEQUENCE_NOT_PUBLISHED: 'fail',
  CAMPAIGN_STATE_INVALID: 'fail',
  // Time or a race clears these.
  CONFLICT: 'retry',
  IDEMPOTENCY_IN_PROGRESS: 'retry',
  API_RATE_LIMITED: 'retry',
  QUOTA_EXCEEDED: 'retry',
  ACCOUNT_ON_HOLD: 'retry',
  LINKEDIN_RATE_LIMITED: 'retry',
  LINKEDIN_UNAVAILABLE: 'retry',
  REQUEST_TIMEOUT: 'retry',
  SERVICE_UNAVAILABLE: 'retry',
  INTERNAL: 'retry',
};

/** The codes the worker fails for good (the `nonRetryableErrorTypes` of every activity). */
export const NON_RETRYABLE_CODES: ErrorCode[] = ERROR_CODES.filter((code) => RETRY_DECISION[code] === 'fail');

/** Failures that clear when the user reconnects the account: held steps try again then, by themselves. */
export const ACCOUNT_PROBLEM_CODES: ErrorCode[] = ['ACCOUNT_DISCONNECTED', 'ACCOUNT_CHECKPOINT', 'ACCOUNT_RESTRICTED'];
