import { PATHS } from '@threadline/linkedin/wire';
import { DELETE_LI_AT_COOKIE, csrfMatches, rejectCsrf, resolveSession } from '../auth/session-auth';
import { sendStatus, sendText } from '../protocol/http';
import type { Route } from './route';

const html = (title: string): string => `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>linkedin-emulator</p></body></html>`;

export const sessionRoutes: Route[] = [
  {
    // Logout takes the csrf token as a query parameter, not a header (§5.18).
    name: 'logout',
    request: "GET /uas/logout?csrfToken=<JSESSIONID> (no csrf header)",
    answer: "302 to `/uas/login?trk=logout` with `li_at=delete me`; the session is dead afterwards",
    auth: 'none',
    match: (ctx) => ctx.path === PATHS.logout,
    handle: (ctx, app) => {
      if (!csrfMatches(ctx, ctx.query('csrfToken'))) return rejectCsrf(ctx);
      const session = resolveSession(ctx, app.state);
      if (session.ok) session.account.expired = true;
      ctx.res.writeHead(302, { location: `${ctx.baseUrl}${PATHS.login}?trk=logout`, 'set-cookie': DELETE_LI_AT_COOKIE, 'content-length': 0 });
      ctx.res.end();
    },
  },
  {
    name: 'loginPage',
    request: "GET /uas/login",
    answer: "an HTML sign-in page",
    auth: 'none',
    match: (ctx) => ctx.method === 'GET' && ctx.path === PATHS.login,
    handle: (ctx) => sendText(ctx.res, 200, html('Sign in | LinkedIn'), { 'content-type': 'text/html; charset=utf-8' }),
  },
  {
    name: 'checkpointPage',
    request: "GET /checkpoint/…",
    answer: "an HTML security-verification page",
    auth: 'none',
    match: (ctx) => ctx.method === 'GET' && ctx.path.startsWith('/checkpoint/'),
    handle: (ctx) => sendText(ctx.res, 200, html('Security Verification | LinkedIn'), { 'content-type': 'text/html; charset=utf-8' }),
  },
  {
    // The legacy messaging API is dead for migrated accounts (§2, §5.16).
    name: 'legacyMessaging',
    request: "/voyager/api/messaging/*",
    answer: "410 (GET) / 403, as for migrated accounts",
    auth: 'session',
    match: (ctx) => ctx.path.startsWith('/voyager/api/messaging/'),
    handle: (ctx) => sendStatus(ctx.res, ctx.method === 'GET' ? 410 : 403),
  },
];
