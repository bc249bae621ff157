import { CSRF_FAILED_BODY, LINKEDIN_BODY_CODES, LI_AT_DELETED_VALUE } from '@threadline/linkedin/wire';
import type { RequestContext } from '../protocol/http';
import { sendJson, sendText } from '../protocol/http';
import type { EmulatorState } from '../state/emulator-state';
import type { Account } from '../state/types';

export const DELETE_LI_AT_COOKIE = `li_at=${LI_AT_DELETED_VALUE}; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT`;

/** JSESSIONID travels quoted in the cookie; csrf-token must equal it without quotes. */
export function csrfMatches(ctx: RequestContext, token: string | undefined): boolean {
  const cookie = ctx.cookies.get('JSESSIONID');
  if (!cookie || !token) return false;
  const unquoted = cookie.replace(/^"(.*)"$/, '$1');
  return token === unquoted && !token.startsWith('"');
}

export function rejectCsrf(ctx: RequestContext): void {
  sendText(ctx.res, 403, CSRF_FAILED_BODY);
}

export type SessionVerdict = { ok: true; account: Account } | { ok: false; reason: 'missing' | 'invalid' };

/** Looks the session up by `li_at`; expired accounts are as dead as unknown tokens. */
export function resolveSession(ctx: RequestContext, state: EmulatorState): SessionVerdict {
  const liAt = ctx.cookies.get('li_at');
  if (!liAt) return { ok: false, reason: 'missing' };
  const account = state.accountByLiAt(liAt.replace(/^"(.*)"$/, '$1'));
  if (!account || account.expired) return { ok: false, reason: 'invalid' };
  return { ok: true, account };
}

/** A dead session: 302 to /uas/login with `li_at=delete me` (redirect mode), or 401 `{"status":401}`. */
export function rejectSession(ctx: RequestContext, mode: 'redirect' | 'status'): void {
  if (mode === 'status') {
    sendJson(ctx.res, 401, { status: 401 }, { 'set-cookie': DELETE_LI_AT_COOKIE });
    return;
  }
  const original = `${ctx.baseUrl}${ctx.req.url ?? '/'}`;
  ctx.res.writeHead(302, {
    location: `${ctx.baseUrl}/uas/login?session_redirect=${encodeURIComponent(original)}`,
    'set-cookie': DELETE_LI_AT_COOKIE,
    'content-length': 0,
  });
  ctx.res.end();
}

export function rejectCheckpoint(ctx: RequestContext, account: Account | undefined): void {
  const token = Buffer.from(`${account?.profileId ?? 'anonymous'}:challenge`).toString('base64url');
  ctx.res.writeHead(302, {
    location: `${ctx.baseUrl}/checkpoint/challenge/${token}?ut=emulator`,
    'content-length': 0,
  });
  ctx.res.end();
}

export const RESTRICTED_CODE = LINKEDIN_BODY_CODES.restricted;

/** Restricted accounts get a 403 with the restriction code and notice (a plain 403 is a refusal of one entity, not this). */
export function rejectRestricted(ctx: RequestContext): void {
  sendJson(ctx.res, 403, {
    status: 403,
    code: RESTRICTED_CODE,
    message: 'Your account has been restricted. Visit https://www.linkedin.com/checkpoint/ to learn more.',
  });
}
