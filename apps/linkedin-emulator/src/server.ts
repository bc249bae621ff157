import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { STATUS_REQUEST_DENIED } from '@threadline/linkedin/wire';
import { handleAdmin } from './admin/admin.routes';
import { EmulatorApp } from './app';
import { csrfMatches, rejectCheckpoint, rejectCsrf, rejectRestricted, rejectSession, resolveSession } from './auth/session-auth';
import type { FaultRule } from './faults/fault-injector';
import { buildContext, readBody, sendJson, sendStatus, sendText } from './protocol/http';
import type { RequestContext } from './protocol/http';
import { ALL_ROUTES } from './routes/all-routes';
import type { EmulatorState } from './state/emulator-state';
import type { ScenarioInput } from './state/scenario';
import type { Account } from './state/types';
import { seedFrom } from './util/prng';
import sandbox from './scenarios/sandbox.json';

/** Options of {@link createEmulatorServer}; everything is optional. */
export interface EmulatorServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Seeds ids, fault probabilities and reply odds; a scenario's own seed wins. */
  seed?: number | string;
  /** Loaded at start and on reset; defaults to the sandbox scenario. */
  scenario?: ScenarioInput;
  /** SSE heartbeat period (default 30 s). */
  heartbeatIntervalMs?: number;
  /** SSE streams are closed after this long (default 5 min), as LinkedIn does. */
  streamLifetimeMs?: number;
  /** EMULATOR_PUBLIC_URL: base of every URL handed out (upload, media, logout, pictures). */
  publicUrl?: string;
}

/** A running emulator. `state` is the live state (replaced on reset). */
export interface EmulatorServer {
  url: string;
  port: number;
  app: EmulatorApp;
  readonly state: EmulatorState;
  close(): Promise<void>;
}

export const SANDBOX_SCENARIO = sandbox as ScenarioInput;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function answerFault(ctx: RequestContext, fault: FaultRule, account: Account | undefined): void {
  switch (fault.kind) {
    case '429':
      return sendJson(ctx.res, 429, { status: 429 }, { 'retry-after': String(fault.retryAfterSeconds) });
    case '999':
      return sendText(ctx.res, STATUS_REQUEST_DENIED, 'Request denied');
    case '5xx':
      return sendStatus(ctx.res, fault.status);
    case 'expired':
      return rejectSession(ctx, fault.authMode);
    case 'checkpoint':
      return rejectCheckpoint(ctx, account);
    case 'restricted':
      return rejectRestricted(ctx);
    case 'forbidden':
      return sendStatus(ctx.res, 403);
    case 'delay':
    case 'drop':
    case 'lost':
      return;
  }
}

/**
 * A route the emulator does not model answers as LinkedIn answers a resource it does not have: REST.li's 404
 * body under `/voyager/api` and `/sales-api` [inferred from Rest.li's server], its HTML "Page not found" elsewhere.
 */
function answerUnmodelled(ctx: RequestContext): void {
  const api = ctx.segments[0] === 'sales-api' ? 1 : ctx.segments[0] === 'voyager' && ctx.segments[1] === 'api' ? 2 : 0;
  if (api > 0) {
    const resource = ctx.segments[api] ?? '';
    return sendJson(ctx.res, 404, {
      exceptionClass: 'com.linkedin.restli.server.RestLiServiceException',
      message: `No root resource defined for path '/${resource}'`,
      status: 404,
    });
  }
  sendText(ctx.res, 404, '<!DOCTYPE html><html><head><title>Page not found | LinkedIn</title></head><body><h1>Page not found</h1></body></html>', {
    'content-type': 'text/html; charset=utf-8',
  });
}

/** Lets the handler do its work but cuts the connection instead of answering. */
function loseAnswer(res: ServerResponse): void {
  const cut = () => {
    res.socket?.destroy();
    return res;
  };
  res.writeHead = cut as unknown as typeof res.writeHead;
  res.write = (() => true) as unknown as typeof res.write;
  res.end = cut as unknown as typeof res.end;
}

async function handle(app: EmulatorApp, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const ctx = buildContext(req, res, await readBody(req), app.settings.publicUrl);
  if (ctx.segments[0] === '__emulator') return handleAdmin(ctx, app);
  const route = ALL_ROUTES.find((r) => r.match(ctx));
  if (!route) {
    app.requests.count('unknown', undefined);
    return answerUnmodelled(ctx);
  }
  const session = route.auth === 'none' ? undefined : resolveSession(ctx, app.state);
  const account = session?.ok ? session.account : undefined;
  app.requests.count(route.name, account?.profileId);
  if ((route.auth === 'session' || route.auth === 'salesNav') && !csrfMatches(ctx, ctx.header('csrf-token'))) return rejectCsrf(ctx);
  const decision = app.faults.decide(account?.profileId, route.name, route.group);
  if (decision.delayMs > 0) await sleep(decision.delayMs);
  if (decision.fault?.kind === 'lost') loseAnswer(res);
  else if (decision.fault) return answerFault(ctx, decision.fault, account);
  // No li_at at all reads as an API 401; a dead or unknown li_at gets the login redirect (README: "Auth").
  if (session && !session.ok) return rejectSession(ctx, session.reason === 'missing' ? 'status' : 'redirect');
  if (account?.checkpoint) return rejectCheckpoint(ctx, account);
  if (account?.restricted) return rejectRestricted(ctx);
  if (route.auth === 'salesNav' && account) {
    if (!account.liA) return sendStatus(res, 403);
    if (ctx.cookies.get('li_a') !== account.liA) return sendStatus(res, 401);
  }
  await route.handle(ctx, app, account);
}

/** Starts the emulator in-process (tests use port 0). */
export async function createEmulatorServer(options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
  const app = new EmulatorApp({
    seed: seedFrom(options.seed ?? 1),
    scenario: options.scenario ?? SANDBOX_SCENARIO,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 30_000,
    streamLifetimeMs: options.streamLifetimeMs ?? 300_000,
    publicUrl: options.publicUrl,
  });
  const server = createServer((req, res) => {
    handle(app, req, res).catch((err: unknown) => {
      console.error('linkedin-emulator: handler failed', err);
      if (!res.headersSent) sendStatus(res, 500);
      else res.end();
    });
  });
  // Keep idle connections as a CDN edge does (tens of seconds), not Node's 5 s: a client that reuses one just as
  // the server drops it sees "other side closed", which a loaded test machine made frequent.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    app,
    get state() {
      return app.state;
    },
    close: () =>
      new Promise<void>((resolve) => {
        app.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
