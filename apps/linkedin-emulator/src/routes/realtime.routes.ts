import { ACTIONS, PATHS } from '@threadline/linkedin/wire';
import { sendEmpty, sendJson } from '../protocol/http';
import { authed, isPost } from './route';
import type { Route } from './route';

export const realtimeRoutes: Route[] = [
  authed({
    name: 'realtime',
    request: "GET /realtime/connect",
    answer: "SSE (below)",
    auth: 'session',
    match: (ctx) => ctx.method === 'GET' && ctx.path === PATHS.realtimeConnect,
    handle: (ctx, app, account) => {
      // An active `drop` fault closes new streams right after ClientConnection.
      const drop = app.faults.decide(account.profileId, 'realtime', undefined, ['drop']).fault;
      app.hub.open(ctx.res, account.profileId, ctx.baseUrl, app.state.mintUuid(), drop ? Math.max(drop.delayMs, 10) : null);
    },
  }),
  authed({
    name: 'heartbeat',
    request: "POST /realtime/realtimeFrontendClientConnectivityTracking?action=sendHeartbeat",
    answer: "200",
    group: 'realtime',
    auth: 'session',
    match: (ctx) => isPost(ctx, PATHS.realtimeHeartbeat, ACTIONS.sendHeartbeat),
    handle: (ctx) => sendEmpty(ctx.res, 200),
  }),
  authed({
    name: 'realtimeSubscriptions',
    request: "/realtime/realtimeFrontendSubscriptions",
    answer: "200",
    group: 'realtime',
    auth: 'session',
    match: (ctx) => ctx.path === '/realtime/realtimeFrontendSubscriptions',
    handle: (ctx) => sendEmpty(ctx.res, 200),
  }),
  authed({
    name: 'realtimeTimestamp',
    request: "GET /realtime/realtimeFrontendTimestamp",
    answer: "`{timestamp}`",
    group: 'realtime',
    auth: 'session',
    match: (ctx) => ctx.method === 'GET' && ctx.path === '/realtime/realtimeFrontendTimestamp',
    handle: (ctx, app) => sendJson(ctx.res, 200, { timestamp: app.state.now() }),
  }),
];
