/** The closed set of LinkedIn failure kinds; policy is decided from these, never from a raw status. */
export const LINKEDIN_ERROR_CODES = [
  'rate_limited',
  'auth_expired',
  'checkpoint',
  'restricted',
  // A 403 on one conversation, message or person: an error of that request, never an account status (reference §7.4).
  'forbidden',
  'not_found',
  'invalid_request',
  'recipient_not_reachable',
  'temporary',
  'unknown',
] as const;

export type LinkedInErrorCode = (typeof LINKEDIN_ERROR_CODES)[number];

/** Finer detail for messages and metrics; never needed to decide policy. */
export type LinkedInErrorReason =
  | 'csrf_failed'
  | 'restriction_page'
  | 'restriction_notice'
  | 'session_cookie_deleted'
  | 'request_denied'
  | 'weekly_invitation_limit'
  // Per-prospect invitation refusals (reference §6): the lead, never the account.
  | 'already_invited'
  | 'cant_resend_yet'
  | 'not_invitable'
  | 'invalid_invitation_state'
  | 'already_connected'
  /** The note is too long for this account, or a free account has used its monthly notes. */
  | 'invitation_note_unavailable'
  | 'inmail_credits_exhausted'
  | 'inmail_not_allowed'
  | 'not_connected'
  | 'graphql_error'
  | 'page_too_large'
  | 'gone'
  | 'timeout'
  | 'network'
  | 'proxy'
  | 'sales_navigator_required'
  | 'bad_response';

export interface LinkedInErrorOptions {
  status?: number;
  retryAfterMs?: number;
  reason?: LinkedInErrorReason;
  /** A code LinkedIn put in the body (`FUSE_LIMIT_EXCEEDED`, `SDK_BUSINESS_LOGIC`, …). */
  linkedinCode?: string;
  cause?: unknown;
}

/** Every failure of the Voyager client; the message says what to do. Never carries cookies. */
export class LinkedInError extends Error {
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly reason?: LinkedInErrorReason;
  readonly linkedinCode?: string;

  constructor(
    readonly code: LinkedInErrorCode,
    message: string,
    options: LinkedInErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LinkedInError';
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.reason = options.reason;
    this.linkedinCode = options.linkedinCode;
  }
}

/** True for LinkedInError instances, also across module copies. */
export function isLinkedInError(error: unknown): error is LinkedInError {
  return error instanceof LinkedInError || (error instanceof Error && error.name === 'LinkedInError' && 'code' in error);
}
