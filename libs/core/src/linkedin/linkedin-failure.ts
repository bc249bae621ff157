import { DomainError, isDomainError } from '@threadline/domain';
import { LinkedInError } from '@threadline/linkedin';
import type { AccountStatus } from '@threadline/db';

const HOUR = 3_600_000;

/** What a LinkedIn failure does to the account that hit it. */
export interface AccountEffect {
  status: AccountStatus;
  reason: string;
  holdUntil: Date | null;
}

/** Turns any failure of a LinkedIn call into a DomainError with a code the API and worker understand. */
export function toDomainError(error: unknown): DomainError {
  if (isDomainError(error)) return error;
  if (!(error instanceof LinkedInError)) {
    return new DomainError('LINKEDIN_UNAVAILABLE', `LinkedIn could not be reached: ${error instanceof Error ? error.message : String(error)}. Retry later.`);
  }
  const retryAfterMs = error.retryAfterMs;
  switch (error.code) {
    case 'rate_limited':
      return new DomainError('LINKEDIN_RATE_LIMITED', 'LinkedIn is throttling this account; it is on hold and sends resume after the hold.', { retryAfterMs });
    case 'auth_expired':
      return new DomainError('ACCOUNT_DISCONNECTED', 'The LinkedIn session expired. Update the account cookies (PATCH /v1/accounts/{id}) to reconnect.');
    case 'checkpoint':
      return new DomainError('ACCOUNT_CHECKPOINT', 'LinkedIn asks this account to verify itself. Log in on LinkedIn, pass the check, then update the cookies.');
    case 'restricted':
      return new DomainError('ACCOUNT_RESTRICTED', 'LinkedIn has restricted this account. Automation is stopped for it; resolve the restriction on LinkedIn first.');
    case 'not_found':
      return new DomainError('NOT_FOUND', `LinkedIn does not know that resource: ${error.message}`);
    case 'recipient_not_reachable':
      return new DomainError('RECIPIENT_NOT_REACHABLE', 'LinkedIn refused the message: the recipient is not a 1st-degree connection. Send an InMail (messageType "inmail") or connect first.');
    case 'invalid_request':
      if (error.reason === 'inmail_credits_exhausted') return new DomainError('INMAIL_CREDITS_EXHAUSTED', 'The Sales Navigator seat has no InMail credits left; InMail resumes when LinkedIn renews the credits.');
      return new DomainError('LINKEDIN_REJECTED', `LinkedIn rejected the request: ${error.message}`);
    case 'temporary':
      // The account's own proxy failed: say so (the message names host and port only), not "LinkedIn is down".
      if (error.reason === 'proxy') return new DomainError('LINKEDIN_UNAVAILABLE', error.message, { retryAfterMs, field: 'proxyUrl' });
      return new DomainError('LINKEDIN_UNAVAILABLE', 'LinkedIn is temporarily unavailable. The send is retried automatically.', { retryAfterMs });
    case 'unknown':
      return new DomainError('LINKEDIN_UNAVAILABLE', `LinkedIn answered unexpectedly: ${error.message}`, { retryAfterMs });
  }
}

/** Account-level consequences: holds for throttling, status changes for dead or flagged sessions. */
export function accountEffectOf(error: DomainError, now: Date, minHoldMs = 60_000): AccountEffect | null {
  switch (error.code) {
    case 'LINKEDIN_RATE_LIMITED':
      return { status: 'on_hold', reason: 'LinkedIn throttled the account (429/999)', holdUntil: new Date(now.getTime() + Math.max(error.retryAfterMs ?? HOUR, minHoldMs)) };
    case 'ACCOUNT_DISCONNECTED':
      return { status: 'disconnected', reason: 'LinkedIn session expired', holdUntil: null };
    case 'ACCOUNT_CHECKPOINT':
      return { status: 'checkpoint', reason: 'LinkedIn security checkpoint', holdUntil: null };
    case 'ACCOUNT_RESTRICTED':
      return { status: 'restricted', reason: 'LinkedIn restricted the account', holdUntil: null };
    default:
      return null;
  }
}
