import {
  INVALID_INVITATION_STATE_STATUS,
  INVITATION_ERROR_CODES,
  NOT_INVITABLE_STATUS,
  PATHS,
  CSRF_FAILED_BODY,
  LI_AT_DELETED_VALUE,
  LINKEDIN_BODY_CODES as WIRE_CODES,
  RESTRICTION_NOTICE,
  SDK_BUSINESS_LOGIC,
  STATUS_REQUEST_DENIED,
  type GraphQLError,
  type LinkedInErrorBody,
} from './wire';
import { LinkedInError, type LinkedInErrorReason } from './linkedin-error';

/** Header bag as fetch returns it, or as recorded in a fixture. */
export type HeaderInput = Headers | Record<string, string | string[] | undefined>;

/** One LinkedIn answer (or its absence) to classify. `status` 0 means no HTTP answer arrived. */
export interface LinkedInAnswer {
  status: number;
  headers?: HeaderInput;
  bodyText?: string;
  url: string;
  /** The network error when `status` is 0. */
  cause?: unknown;
  /** Clock for HTTP-date Retry-After values. */
  now?: number;
}

export const DEFAULT_429_RETRY_MS = 15 * 60_000;
export const DEFAULT_999_RETRY_MS = 6 * 60 * 60_000;
export const WEEKLY_INVITATION_RETRY_MS = 24 * 60 * 60_000;

/** Maps a LinkedIn answer to a LinkedInError, or undefined when it is a success. Pure; tested on recorded payloads. */
export function parseLinkedInError(answer: LinkedInAnswer): LinkedInError | undefined {
  const { status } = answer;
  const where = describeUrl(answer.url);
  if (status === 0) return networkError(answer, where);

  if (sessionCookieDeleted(answer.headers)) {
    return new LinkedInError('auth_expired', `LinkedIn ended the session (li_at deleted) on ${where}; reconnect the account with fresh cookies.`, {
      status,
      reason: 'session_cookie_deleted',
    });
  }
  if (status >= 300 && status < 400) return redirectError(answer, where);

  const body = parseBody(answer.bodyText);
  const linkedinCode = bodyCode(body);

  if (status >= 200 && status < 300) return graphqlError(body, status, where);
  if (status === 401) {
    return new LinkedInError('auth_expired', `LinkedIn answered 401 on ${where}: the session is no longer valid; reconnect the account.`, { status });
  }
  if (status === STATUS_REQUEST_DENIED) {
    const retryAfterMs = Math.max(retryAfter(answer) ?? 0, DEFAULT_999_RETRY_MS);
    return new LinkedInError('rate_limited', `LinkedIn denied the request (999) on ${where}: a bot or IP block; check the account's proxy and user agent, and pause it.`, {
      status,
      retryAfterMs,
      reason: 'request_denied',
    });
  }
  const invitation = invitationError(status, linkedinCode, where, answer);
  if (invitation) return invitation;
  if (status === 429) {
    const weekly = linkedinCode === WIRE_CODES.fuseLimitExceeded;
    return new LinkedInError(
      'rate_limited',
      weekly
        ? `LinkedIn's weekly invitation limit is reached (FUSE_LIMIT_EXCEEDED) on ${where}; stop invitations for this account until the window rolls.`
        : `LinkedIn is throttling this account (429) on ${where}; pause it and retry later.`,
      {
        status,
        retryAfterMs: retryAfter(answer) ?? (weekly ? WEEKLY_INVITATION_RETRY_MS : DEFAULT_429_RETRY_MS),
        reason: weekly ? 'weekly_invitation_limit' : undefined,
        linkedinCode,
      },
    );
  }
  if (linkedinCode === WIRE_CODES.notConnected) {
    return new LinkedInError('recipient_not_reachable', `The recipient is not a 1st-degree connection (${where}); invite them first, or send an InMail.`, {
      status,
      reason: 'not_connected',
      linkedinCode,
    });
  }
  if (linkedinCode === WIRE_CODES.messageValidationPluginError) return salesNavValidationError(body, status, where);
  if (status === 403) return forbiddenError(answer.bodyText, body, status, where, linkedinCode);
  if (status === 404) {
    return new LinkedInError('not_found', `LinkedIn has no such resource (404) on ${where}; check the URN or id.`, { status, linkedinCode });
  }
  if (status === 410) {
    return new LinkedInError('not_found', `LinkedIn retired this endpoint (410) on ${where}; the client needs updating.`, { status, reason: 'gone' });
  }
  if (status === 400 || status === 406 || status === 409 || status === 413 || status === 415 || status === 422) {
    return new LinkedInError('invalid_request', invalidRequestMessage(status, where, linkedinCode), { status, linkedinCode });
  }
  if (status >= 500) {
    return new LinkedInError('temporary', `LinkedIn failed (${status}) on ${where}; retry later.`, {
      status,
      retryAfterMs: retryAfter(answer),
      linkedinCode,
    });
  }
  return new LinkedInError('unknown', `LinkedIn answered an unexpected ${status} on ${where}.`, { status, linkedinCode });
}

/** Milliseconds from a Retry-After header (seconds or HTTP date), or undefined. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** One header value, whatever the bag. */
export function headerValue(headers: HeaderInput | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const bag = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(bag).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : bag[key];
  return Array.isArray(value) ? value.join(', ') : value;
}

function setCookies(headers: HeaderInput | undefined): string[] {
  if (!headers) return [];
  if (typeof (headers as Headers).getSetCookie === 'function') return (headers as Headers).getSetCookie();
  const bag = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(bag).find((k) => k.toLowerCase() === 'set-cookie');
  const value = key === undefined ? undefined : bag[key];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function sessionCookieDeleted(headers: HeaderInput | undefined): boolean {
  return setCookies(headers).some((cookie) => {
    const match = /^\s*li_at=("?)([^;]*)\1/i.exec(cookie);
    if (!match) return false;
    if (match[2] === LI_AT_DELETED_VALUE || match[2] === '') return true;
    return /expires=[^;]*1970/i.test(cookie) || /max-age=0\b/i.test(cookie);
  });
}

function redirectError(answer: LinkedInAnswer, where: string): LinkedInError {
  const location = headerValue(answer.headers, 'location') ?? '';
  const target = describeUrl(location);
  // The path only: a login redirect's session_redirect query may carry any URL.
  if (/restrict/i.test(target)) {
    return new LinkedInError('restricted', `LinkedIn redirected ${where} to its restriction page (${target}): the account is restricted. Automation stops; resolve it on LinkedIn.`, {
      status: answer.status,
      reason: 'restriction_page',
    });
  }
  if (/\/checkpoint\//.test(location)) {
    return new LinkedInError('checkpoint', `LinkedIn wants a security check (redirect to ${target}); solve the checkpoint in a browser, then reconnect.`, {
      status: answer.status,
    });
  }
  if (/\/(uas\/)?login|\/authwall|\/uas\/logout/.test(location) || location === '') {
    return new LinkedInError('auth_expired', `LinkedIn redirected ${where} to login: the session has expired; reconnect the account.`, {
      status: answer.status,
    });
  }
  return new LinkedInError('unknown', `LinkedIn redirected ${where} to ${target}; redirects are never followed, check the account in a browser.`, {
    status: answer.status,
  });
}

/**
 * A 403 is one of three things (reference §6, §7.4): a CSRF client bug, LinkedIn's restriction notice
 * for the whole account, or a refusal of this one conversation, message or person, which is not an
 * account status (repeated ones on writes are judged by the caller, who knows what was written).
 */
function forbiddenError(bodyText: string | undefined, body: unknown, status: number, where: string, linkedinCode?: string): LinkedInError {
  if (bodyText !== undefined && bodyText.trim() === CSRF_FAILED_BODY) {
    return new LinkedInError('invalid_request', `LinkedIn rejected the csrf-token on ${where}: it must equal JSESSIONID without quotes. This is a client bug, not an account problem.`, {
      status,
      reason: 'csrf_failed',
    });
  }
  if (linkedinCode === WIRE_CODES.restricted || RESTRICTION_NOTICE.test(bodyMessage(body) ?? bodyText ?? '')) {
    return new LinkedInError('restricted', `LinkedIn says the account is restricted (403 on ${where}). Automation stops; resolve it on LinkedIn, then refresh the account status.`, {
      status,
      reason: 'restriction_notice',
      linkedinCode,
    });
  }
  return new LinkedInError('forbidden', `LinkedIn refused this request (403) on ${where}: this account may not act on that conversation, message or person (it is not in its mailbox, or LinkedIn does not allow it). The account itself is not flagged.`, {
    status,
    linkedinCode,
  });
}

const PROSPECT_REFUSALS: Record<string, { reason: LinkedInErrorReason; what: string }> = {
  [INVITATION_ERROR_CODES.cantResendYet]: { reason: 'cant_resend_yet', what: 'this person was invited or withdrawn recently (about 3 weeks must pass)' },
  [INVITATION_ERROR_CODES.alreadyInvited]: { reason: 'already_invited', what: 'an invitation to this person is already pending' },
};

/**
 * Every refusal of the invitation call (reference §6, §7.4), in one place: the weekly cap stops the
 * account's invitations (not its messages); the rest are about the prospect. Only answers from the
 * invitation path are read this way, so a 403 elsewhere keeps its meaning.
 */
function invitationError(status: number, linkedinCode: string | undefined, where: string, answer: LinkedInAnswer): LinkedInError | undefined {
  if (!where.startsWith(PATHS.memberRelationships)) return undefined;
  const weekly: string[] = [INVITATION_ERROR_CODES.fuseLimitExceeded, INVITATION_ERROR_CODES.maxInvitationSent, INVITATION_ERROR_CODES.connectionLimitReached];
  if (linkedinCode !== undefined && weekly.includes(linkedinCode)) return weeklyInvitationLimit(where, { status, linkedinCode, retryAfterMs: retryAfter(answer) });
  const prospect = linkedinCode === undefined ? undefined : PROSPECT_REFUSALS[linkedinCode];
  if (prospect) {
    return new LinkedInError('invalid_request', `LinkedIn refused the invitation (${linkedinCode}) on ${where}: ${prospect.what}. Skip the prospect; the account is fine.`, { status, linkedinCode, reason: prospect.reason });
  }
  if (linkedinCode === INVITATION_ERROR_CODES.notesExhausted) {
    return new LinkedInError('invalid_request', `LinkedIn refused the note (${linkedinCode}) on ${where}: this account has no personalised notes left this month. Send without a note, or later.`, { status, linkedinCode, reason: 'invitation_note_unavailable' });
  }
  if (status === NOT_INVITABLE_STATUS && linkedinCode !== WIRE_CODES.restricted) {
    return new LinkedInError('forbidden', `LinkedIn says this person cannot be invited (403) on ${where}; skip the prospect, the account is fine.`, { status, linkedinCode, reason: 'not_invitable' });
  }
  if (status === INVALID_INVITATION_STATE_STATUS) {
    return new LinkedInError('invalid_request', `LinkedIn refused the invitation: its state does not allow it (406) on ${where}; skip the prospect.`, { status, linkedinCode, reason: 'invalid_invitation_state' });
  }
  return undefined;
}

/** The weekly invitation cap, answered (429 FUSE_LIMIT_EXCEEDED) or silent (a read-back found nothing sent). */
export function weeklyInvitationLimit(where: string, options: { status?: number; linkedinCode?: string; retryAfterMs?: number; silent?: boolean } = {}): LinkedInError {
  return new LinkedInError(
    'rate_limited',
    options.silent
      ? `LinkedIn answered the invitation on ${where} but did not store it (the silent form of FUSE_LIMIT_EXCEEDED): the weekly invitation limit is reached; stop invitations for this account, keep messaging.`
      : `LinkedIn's weekly invitation limit is reached (${options.linkedinCode ?? WIRE_CODES.fuseLimitExceeded}) on ${where}; stop invitations for this account until the window rolls, keep messaging.`,
    { status: options.status, retryAfterMs: options.retryAfterMs ?? WEEKLY_INVITATION_RETRY_MS, reason: 'weekly_invitation_limit', linkedinCode: options.linkedinCode ?? WIRE_CODES.fuseLimitExceeded },
  );
}

function salesNavValidationError(body: unknown, status: number, where: string): LinkedInError {
  const text = bodyMessage(body) ?? '';
  const linkedinCode = WIRE_CODES.messageValidationPluginError;
  if (/credit/i.test(text)) {
    return new LinkedInError('invalid_request', `No InMail credits left (${where}); stop InMail for this account until credits renew.`, {
      status,
      reason: 'inmail_credits_exhausted',
      linkedinCode,
    });
  }
  return new LinkedInError('recipient_not_reachable', `Sales Navigator refused the message (${where})${text ? `: ${text}` : ''}; skip this recipient.`, {
    status,
    reason: 'inmail_not_allowed',
    linkedinCode,
  });
}

function graphqlError(body: unknown, status: number, where: string): LinkedInError | undefined {
  const errors = isRecord(body) && Array.isArray(body.errors) ? (body.errors as GraphQLError[]) : [];
  if (errors.length === 0) return undefined;
  const first = errors[0] ?? { message: '' };
  const classification = String(first.extensions?.classification ?? first.extensions?.code ?? '');
  const message = typeof first.message === 'string' ? first.message : '';
  if (classification === SDK_BUSINESS_LOGIC || message.includes(SDK_BUSINESS_LOGIC)) {
    return new LinkedInError('invalid_request', `LinkedIn refused the query on ${where} (${SDK_BUSINESS_LOGIC}${message ? `: ${message}` : ''}); conversation pages are capped at 20.`, {
      status,
      reason: 'page_too_large',
      linkedinCode: SDK_BUSINESS_LOGIC,
    });
  }
  return new LinkedInError('unknown', `LinkedIn answered a GraphQL error on ${where}${message ? `: ${message}` : ''}; the query id may be stale, refresh it from the web app.`, {
    status,
    reason: 'graphql_error',
    linkedinCode: classification || undefined,
  });
}

function networkError(answer: LinkedInAnswer, where: string): LinkedInError {
  const cause = answer.cause;
  const timeout = errorName(cause) === 'TimeoutError';
  const inner = isRecord(cause) || cause instanceof Error ? (cause as { cause?: unknown }).cause : undefined;
  const detail = errorMessage(inner) ?? errorMessage(cause) ?? 'no answer';
  return new LinkedInError('temporary', timeout ? `LinkedIn did not answer in time on ${where}; retry later.` : `Could not reach LinkedIn on ${where} (${detail}); check the network or proxy, then retry.`, {
    status: 0,
    reason: timeout ? 'timeout' : 'network',
    cause,
  });
}

function invalidRequestMessage(status: number, where: string, linkedinCode?: string): string {
  if (linkedinCode === WIRE_CODES.cantResendYet || linkedinCode === WIRE_CODES.alreadyInvited) {
    return `LinkedIn refused this for the prospect (${linkedinCode}) on ${where}; skip the prospect, the account is fine.`;
  }
  const hint = where.includes('graphql') ? ' (a stale query id also causes this; refresh it from the web app)' : '';
  return `LinkedIn rejected the request (${status}${linkedinCode ? ` ${linkedinCode}` : ''}) on ${where}; do not retry it unchanged${hint}.`;
}

function retryAfter(answer: LinkedInAnswer): number | undefined {
  return parseRetryAfter(headerValue(answer.headers, 'retry-after'), answer.now);
}

function parseBody(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function bodyCode(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const typed = body as LinkedInErrorBody;
  const code = typed.code ?? typed.data?.code;
  return typeof code === 'string' ? code : undefined;
}

function bodyMessage(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const typed = body as LinkedInErrorBody;
  const message = typed.message ?? typed.data?.message;
  return typeof message === 'string' ? message : undefined;
}

// DOMException and errors from other realms fail instanceof Error, so read the fields.
function errorName(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string' ? (value as { name: string }).name : undefined;
}

function errorMessage(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string'
    ? (value as { message: string }).message
    : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Path only: query strings can carry tokens and are long.
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url, 'https://www.linkedin.com');
    return `${parsed.pathname}`;
  } catch {
    return url.split('?')[0] ?? url;
  }
}
