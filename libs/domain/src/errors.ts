/**
 * Every failure a user can hit has one of these codes. The API maps each to an HTTP status in one
 * exhaustive switch; the worker maps each to a retryable or non-retryable Temporal failure.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHORIZED',
  'NOT_FOUND',
  'ACCOUNT_NOT_FOUND',
  'NO_DEFAULT_ACCOUNT',
  'CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  'API_RATE_LIMITED',
  'QUOTA_EXCEEDED',
  'ACCOUNT_ON_HOLD',
  'ACCOUNT_DISCONNECTED',
  'ACCOUNT_CHECKPOINT',
  'ACCOUNT_RESTRICTED',
  'LINKEDIN_FORBIDDEN',
  'LINKEDIN_RATE_LIMITED',
  'RECIPIENT_NOT_REACHABLE',
  'INMAIL_UNAVAILABLE',
  'LINKEDIN_REJECTED',
  'LINKEDIN_UNAVAILABLE',
  'PAYLOAD_TOO_LARGE',
  'HEADERS_TOO_LARGE',
  'REQUEST_TIMEOUT',
  'UNSUPPORTED_MEDIA_TYPE',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
  'IDEMPOTENCY_IN_PROGRESS',
  'INMAIL_CREDITS_EXHAUSTED',
  'GROUP_MESSAGE_UNSUPPORTED',
  'SEQUENCE_NOT_PUBLISHED',
  'CAMPAIGN_STATE_INVALID',
  'SEND_TOO_SOON',
  // Invitations: the weekly cap holds the account's invitations only (messages keep flowing); the rest are about the prospect.
  'INVITATIONS_HELD',
  'ALREADY_INVITED',
  'ALREADY_CONNECTED',
  'INVITATION_RESEND_TOO_SOON',
  'NOT_INVITABLE',
  'INVITATION_STATE_INVALID',
  'INVITATION_NOTE_UNAVAILABLE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface DomainErrorOptions {
  /** The request field at fault, when there is one. */
  field?: string;
  /** Milliseconds after which a retry may succeed. */
  retryAfterMs?: number;
  details?: Record<string, unknown>;
}

/** A failure with a stable code and a message that tells the user what to do. */
export class DomainError extends Error {
  readonly field?: string;
  readonly retryAfterMs?: number;
  readonly details?: Record<string, unknown>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.field = options.field;
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError || (typeof error === 'object' && error !== null && (error as { name?: string }).name === 'DomainError');
}
