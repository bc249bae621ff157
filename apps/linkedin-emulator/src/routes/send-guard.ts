import { STATUS_REQUEST_DENIED } from '@threadline/linkedin/wire';
import type { EmulatorApp } from '../app';
import type { RequestContext } from '../protocol/http';
import { sendJson, sendText } from '../protocol/http';
import type { Account } from '../state/types';

/** Past the account's daily send limit: 429 with Retry-After until the next emulator day, or 999. */
export function refuseOverDailyLimit(ctx: RequestContext, app: EmulatorApp, account: Account): boolean {
  if (account.dailySendLimit === null || app.state.sendsToday(account.profileId) < account.dailySendLimit) return false;
  if (account.limitStatus === STATUS_REQUEST_DENIED) {
    sendText(ctx.res, STATUS_REQUEST_DENIED, 'Request denied');
  } else {
    sendJson(ctx.res, 429, { status: 429 }, { 'retry-after': String(app.state.secondsUntilNextDay()) });
  }
  return true;
}

/** 16 chars, each ≤ U+00FF (reference §10.3): browsers send raw latin-1 bytes, MX alphanumerics. */
export function isValidTrackingId(v: unknown): v is string {
  if (typeof v !== 'string' || v.length !== 16) return false;
  for (let i = 0; i < v.length; i += 1) if (v.charCodeAt(i) > 0xff) return false;
  return true;
}
