import { DEFAULT_LI_TRACK, HEADER_VALUES, HEADERS } from './wire';
import { unquotedJsessionId, type LinkedInSession } from './session';

/** Which header groups one request gets, following the reference's per-operation table. */
export interface HeaderProfile {
  accept?: string;
  contentType?: string;
  /** Cookies and csrf-token go only to the configured base host. */
  credentials: 'session' | 'cookies-only' | 'none';
  /** Referer, page instance, x-li-track, x-li-lang and the REST.li protocol version. */
  xli: boolean;
  origin?: boolean;
  /** Adds `li_a` to the cookies (Sales Navigator). */
  salesNavigator?: boolean;
  extra?: Record<string, string>;
}

/** Builds the request headers for a session; pure, so it is unit-tested. */
export function buildHeaders(session: LinkedInSession, profile: HeaderProfile): Record<string, string> {
  const headers: Record<string, string> = {
    [HEADERS.userAgent]: session.userAgent,
    [HEADERS.acceptLanguage]: 'en-US,en;q=0.9',
  };
  if (profile.credentials !== 'none') headers[HEADERS.cookie] = cookieHeader(session, profile.salesNavigator === true);
  if (profile.credentials === 'session') headers[HEADERS.csrfToken] = unquotedJsessionId(session.jsessionId);
  if (profile.xli) {
    headers[HEADERS.referer] = HEADER_VALUES.referer;
    headers[HEADERS.liPageInstance] = HEADER_VALUES.pageInstance;
    headers[HEADERS.liTrack] = session.xLiTrack ?? DEFAULT_LI_TRACK;
    headers[HEADERS.liLang] = HEADER_VALUES.liLang;
    headers[HEADERS.restliProtocolVersion] = HEADER_VALUES.restliProtocolVersion;
  }
  if (profile.origin) headers[HEADERS.origin] = HEADER_VALUES.origin;
  if (profile.accept) headers[HEADERS.accept] = profile.accept;
  if (profile.contentType) headers[HEADERS.contentType] = profile.contentType;
  return { ...headers, ...profile.extra };
}

/** `li_at=…; JSESSIONID="ajax:…"` (JSESSIONID quoted, as browsers send it) and `li_a` when asked. */
export function cookieHeader(session: LinkedInSession, withLiA: boolean): string {
  const parts = [`li_at=${session.liAt}`, `JSESSIONID="${unquotedJsessionId(session.jsessionId)}"`];
  if (withLiA && session.liA) parts.push(`li_a=${session.liA}`);
  return parts.join('; ');
}

/** The `mpVersion` inside an `x-li-track` value, for realtime heartbeats. */
export function mpVersionOf(xLiTrack: string | undefined): string {
  try {
    const parsed = JSON.parse(xLiTrack ?? DEFAULT_LI_TRACK) as { mpVersion?: unknown; clientVersion?: unknown };
    return String(parsed.mpVersion ?? parsed.clientVersion ?? '1.13.40953');
  } catch {
    return '1.13.40953';
  }
}

/** Per-operation header profiles (reference §3.2 table). */
export const PROFILES = {
  me: { credentials: 'session', xli: false },
  messagingGraphql: { accept: HEADER_VALUES.acceptGraphql, credentials: 'session', xli: true },
  restJson: { accept: HEADER_VALUES.acceptJson, credentials: 'session', xli: true },
  createMessage: { contentType: HEADER_VALUES.contentTypeTextPlain, credentials: 'session', xli: true },
  recall: { credentials: 'session', xli: true },
  edit: { accept: HEADER_VALUES.acceptJson, credentials: 'session', xli: true },
  reaction: { accept: HEADER_VALUES.acceptJson, contentType: HEADER_VALUES.contentTypeTextPlain, credentials: 'session', xli: true },
  typing: { accept: HEADER_VALUES.acceptJson, contentType: HEADER_VALUES.contentTypeTextPlain, credentials: 'session', xli: true },
  markRead: {
    accept: HEADER_VALUES.acceptJson,
    contentType: HEADER_VALUES.contentTypeTextPlain,
    credentials: 'session',
    xli: true,
    origin: true,
  },
  participants: { contentType: HEADER_VALUES.contentTypeTextPlain, credentials: 'session', xli: true },
  invitationCreate: { accept: HEADER_VALUES.acceptNormalized, contentType: HEADER_VALUES.contentTypeJson, credentials: 'session', xli: true },
  uploadMetadata: { accept: HEADER_VALUES.acceptNormalized, contentType: HEADER_VALUES.contentTypeJson, credentials: 'session', xli: true },
  realtime: { accept: HEADER_VALUES.acceptEventStream, credentials: 'session', xli: true },
  heartbeat: { accept: '*/*', contentType: HEADER_VALUES.contentTypeTextPlain, credentials: 'session', xli: true, origin: true },
  salesNavigator: { accept: HEADER_VALUES.acceptJson, credentials: 'session', xli: true, salesNavigator: true },
  salesNavigatorWrite: {
    accept: HEADER_VALUES.acceptJson,
    contentType: HEADER_VALUES.contentTypeJson,
    credentials: 'session',
    xli: true,
    salesNavigator: true,
  },
} as const satisfies Record<string, HeaderProfile>;
