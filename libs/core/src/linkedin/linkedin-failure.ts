import { DomainError, type HoldBounds, holdDurationMs, isDomainError } from '@threadline/domain';
import { isLinkedInError, type LinkedInErrorReason } from '@threadline/linkedin';
import type { AccountStatus } from '@threadline/db';

/** What a LinkedIn failure does to the account that hit it. */
export interface AccountEffect {
  status: AccountStatus;
  reason: string;
  /** A hold's end as the failure alone sets it (its first level); applying it to the account may lengthen it. */
  holdUntil: Date | null;
  /** LinkedIn's own wait (Retry-After, or the client's default for a 999): the shortest a throttle hold may be. */
  hintMs?: number;
}

const DEFAULT_HOLD_BOUNDS: HoldBounds = { minMs: 60_000, maxMs: 21_600_000 };

/**
 * A LinkedIn failure in our terms (a DomainError passes through); undefined for anything else, such as
 * a database error or a bug, which callers rethrow unchanged: it is not LinkedIn's doing.
 */
export function linkedInFailureOf(error: unknown): DomainError | undefined {
  if (isDomainError(error)) return error;
  if (!isLinkedInError(error)) return undefined;
  const retryAfterMs = error.retryAfterMs;
  const invitation = invitationFailureOf(error.reason, error.message, retryAfterMs);
  if (invitation) return invitation;
  switch (error.code) {
    case 'rate_limited':
      return new DomainError('LINKEDIN_RATE_LIMITED', 'LinkedIn is throttling this account; it is on hold and sends resume after the hold.', { retryAfterMs });
    case 'auth_expired':
      return new DomainError('ACCOUNT_DISCONNECTED', 'The LinkedIn session expired. Update the account cookies (PATCH /v1/accounts/{id}) to reconnect.');
    case 'checkpoint':
      return new DomainError('ACCOUNT_CHECKPOINT', 'LinkedIn asks this account to verify itself. Log in on LinkedIn, pass the check, then update the cookies.');
    case 'restricted':
      return new DomainError('ACCOUNT_RESTRICTED', 'LinkedIn has restricted this account. Automation is stopped for it; resolve the restriction on LinkedIn first.');
    case 'forbidden':
      return new DomainError('LINKEDIN_FORBIDDEN', 'LinkedIn refused this action (403): the account cannot act on that conversation, message or person (it is not in its mailbox, or LinkedIn does not allow it). The account itself is fine; check the URN and which account acts.');
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

/**
 * Invitation refusals (reference §6, §7.4), decided by the client's reason: the weekly cap holds the
 * account's invitations (never its messages: no account effect), the others are about the prospect.
 */
function invitationFailureOf(reason: LinkedInErrorReason | undefined, message: string, retryAfterMs: number | undefined): DomainError | undefined {
  switch (reason) {
    case 'weekly_invitation_limit':
      return new DomainError('INVITATIONS_HELD', `LinkedIn's weekly invitation limit is reached: this account's invitations are held; messages keep flowing. ${message}`, { retryAfterMs });
    case 'already_invited':
      return new DomainError('ALREADY_INVITED', 'An invitation to this person is already pending.');
    case 'already_connected':
      return new DomainError('ALREADY_CONNECTED', 'This person is already a 1st-degree connection; message them instead.');
    case 'cant_resend_yet':
      return new DomainError('INVITATION_RESEND_TOO_SOON', 'This person was invited or the invitation withdrawn recently; LinkedIn allows a new invitation about 3 weeks later.');
    case 'not_invitable':
      return new DomainError('NOT_INVITABLE', 'LinkedIn does not allow inviting this person (403); the account itself is fine.');
    case 'invalid_invitation_state':
      return new DomainError('INVITATION_STATE_INVALID', 'LinkedIn refused the invitation: its state does not allow it (406), e.g. already connected.');
    case 'invitation_note_unavailable':
      return new DomainError('INVITATION_NOTE_UNAVAILABLE', `The note cannot be sent: ${message} Send without a note (omit customMessage).`, { field: 'customMessage' });
    default:
      return undefined;
  }
}

/**
 * Any failure as a DomainError, for the worker's boundary: LinkedIn failures by their kind, anything
 * else as INTERNAL (retried), never as a LinkedIn outage.
 */
export function toDomainError(error: unknown): DomainError {
  return linkedInFailureOf(error) ?? new DomainError('INTERNAL', `Threadline failed internally, not at LinkedIn (${describe(error)}); it is retried.`);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 300);
  return `${error.name}: ${error.message}`.slice(0, 300);
}

/**
 * Account-level consequences: holds for throttling, status changes for dead or flagged sessions. A
 * throttle hold doubles with each throttle since the account's last delivered send (`holdLevel`), capped,
 * and is never shorter than LinkedIn's hint.
 */
export function accountEffectOf(error: DomainError, now: Date, bounds: HoldBounds = DEFAULT_HOLD_BOUNDS, holdLevel = 0): AccountEffect | null {
  switch (error.code) {
    case 'LINKEDIN_RATE_LIMITED':
      return {
        status: 'on_hold', reason: 'LinkedIn throttled the account (429/999)', hintMs: error.retryAfterMs,
        holdUntil: new Date(now.getTime() + holdDurationMs(holdLevel, bounds, error.retryAfterMs)),
      };
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
