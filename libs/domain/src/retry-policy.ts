import type { ErrorCode } from './errors';

/**
 * Codes a retry cannot fix: the worker fails these activities for good, the workflow records them.
 * Everything else (LinkedIn throttling, transient errors) is retried with backoff.
 */
export const NON_RETRYABLE_CODES: ErrorCode[] = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'ACCOUNT_NOT_FOUND',
  'ACCOUNT_DISCONNECTED',
  'ACCOUNT_CHECKPOINT',
  'ACCOUNT_RESTRICTED',
  'LINKEDIN_FORBIDDEN',
  'RECIPIENT_NOT_REACHABLE',
  'INMAIL_UNAVAILABLE',
  'LINKEDIN_REJECTED',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'INMAIL_CREDITS_EXHAUSTED',
  'GROUP_MESSAGE_UNSUPPORTED',
];

/** Failures that clear when the user reconnects the account: held steps try again then, by themselves. */
export const ACCOUNT_PROBLEM_CODES: ErrorCode[] = ['ACCOUNT_DISCONNECTED', 'ACCOUNT_CHECKPOINT', 'ACCOUNT_RESTRICTED'];
