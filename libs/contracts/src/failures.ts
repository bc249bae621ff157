import { ActivityFailure, ApplicationFailure, type RetryPolicy } from '@temporalio/common';
import type { ErrorCode } from '../../domain/src/errors';
import { NON_RETRYABLE_CODES } from '../../domain/src/retry-policy';

/** What failed, as our error code (INTERNAL when the failure carries none), its message and details. */
export interface FailureSummary {
  code: ErrorCode | string;
  message: string;
  details: unknown[] | undefined;
}

/** Looks through an activity's failure to the ApplicationFailure behind it (the code our activities throw with). */
export function failureOf(err: unknown): FailureSummary {
  const cause = err instanceof ActivityFailure ? (err.cause ?? err) : err;
  const app = cause instanceof ApplicationFailure ? cause : null;
  return { code: app?.type ?? 'INTERNAL', message: cause instanceof Error ? cause.message : String(cause), details: app?.details ? [...app.details] : undefined };
}

/**
 * The retry policy of every activity that calls LinkedIn: backoff up to 5 minutes, codes a retry cannot fix
 * fail at once. A caller that answers a waiting user (or polls again anyway) shortens it and says why.
 */
export const LINKEDIN_ACTIVITY_RETRY: RetryPolicy = {
  initialInterval: '2 seconds',
  backoffCoefficient: 2,
  maximumInterval: '5 minutes',
  maximumAttempts: 8,
  nonRetryableErrorTypes: NON_RETRYABLE_CODES,
};
