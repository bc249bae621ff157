// Contract-test helpers: a fresh in-process emulator, the real LinkedInClient pointed at it over HTTP,
// the emulator's admin API, and a raw request for checking wire shapes the client does not expose.
import { LinkedInClient, LinkedInError, type FetchImpl, type LinkedInClientOptions, type LinkedInErrorCode, type LinkedInSession } from '@threadline/linkedin';
import { DEFAULT_QUERY_IDS, conversationUrn, profileUrn, type RestliValue } from '@threadline/linkedin/wire';
import { graphqlRead, type ClientContext } from '../../libs/linkedin/src/client-context';
import { VoyagerHttp } from '../../libs/linkedin/src/voyager-http';
import { SANDBOX_SCENARIO, createEmulatorServer, type EmulatorServer, type EmulatorServerOptions } from '../../apps/linkedin-emulator/src/server';
import type { ScenarioInput } from '../../apps/linkedin-emulator/src/state/scenario';
import { SANDBOX, USER_AGENT } from './emulator-admin';
import type { ReceivedEntry } from '../../apps/linkedin-emulator/src/state/types';

export { SANDBOX, USER_AGENT };
export type { EmulatorServer };

/** `urn:li:fsd_profile:<id>` of a sandbox person. */
export const urnOf = (profileId: string): string => profileUrn(profileId);

/** A fresh emulator on a free port (sandbox scenario unless given). */
export function startEmulator(options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
  return createEmulatorServer({ port: 0, ...options });
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read loosely-typed JSON answers
  json: any;
}

async function toAnswer(res: Response): Promise<Answer> {
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A call to `/__emulator/...`; throws on a non-2xx answer. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- admin answers are loosely typed
export async function admin<T = any>(emu: EmulatorServer, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emu.url}/__emulator${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await toAnswer(res);
  if (res.status >= 300) throw new Error(`emulator admin ${method} ${path} answered ${res.status}: ${answer.text}`);
  return answer.json as T;
}

/** Every message the emulator accepted from an account, in order. */
export async function received(emu: EmulatorServer, profileId: string): Promise<ReceivedEntry[]> {
  return (await admin<{ received: ReceivedEntry[] }>(emu, 'GET', `/received?account=${profileId}`)).received;
}

/** Requests per route name for one account (`GET /__emulator/requests`). */
export async function requestCounts(emu: EmulatorServer, profileId: string): Promise<Record<string, number>> {
  const all = await admin<{ byAccount: Record<string, Record<string, number>> }>(emu, 'GET', '/requests');
  return all.byAccount[profileId] ?? {};
}

/** The account's real cookies, from `GET /__emulator/scenario`. */
export async function sessionOf(emu: EmulatorServer, profileId: string): Promise<LinkedInSession> {
  const scenario = await admin<{ accounts: Array<{ profileId: string; cookies: { li_at: string; JSESSIONID: string; li_a?: string } }> }>(emu, 'GET', '/scenario');
  const account = scenario.accounts.find((a) => a.profileId === profileId);
  if (!account) throw new Error(`no emulator account ${profileId}`);
  return { liAt: account.cookies.li_at, jsessionId: account.cookies.JSESSIONID, ...(account.cookies.li_a ? { liA: account.cookies.li_a } : {}), userAgent: USER_AGENT };
}

/** The real client for an emulator account. */
export async function clientFor(emu: EmulatorServer, profileId: string, options: Partial<LinkedInClientOptions> = {}): Promise<LinkedInClient> {
  const session = options.session ?? (await sessionOf(emu, profileId));
  return new LinkedInClient({ baseUrl: emu.url, timeoutMs: 10_000, ...options, session });
}

/** A request with the session's cookies and csrf-token (and nothing the client would add on its own). */
export async function raw(
  emu: EmulatorServer,
  session: LinkedInSession,
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<Answer> {
  const jsession = session.jsessionId.replace(/^"(.*)"$/, '$1');
  const res = await fetch(`${emu.url}${path}`, {
    method,
    redirect: 'manual',
    headers: { cookie: `li_at=${session.liAt}; JSESSIONID="${jsession}"`, 'csrf-token': jsession, ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return toAnswer(res);
}

/**
 * One messaging GraphQL read through the client's own transport and parser, with variables the public
 * client never sends (e.g. a conversation page of 21), to check LinkedIn's raw answer and its error mapping.
 */
export function lowLevelGraphql<T>(emu: EmulatorServer, session: LinkedInSession, queryId: string, variables: { [key: string]: RestliValue | null | undefined }, field: string): Promise<T> {
  const http = new VoyagerHttp({ baseUrl: emu.url, session, timeoutMs: 10_000 });
  const ctx: ClientContext = { http, queryIds: DEFAULT_QUERY_IDS, mailboxUrn: async () => '', now: () => Date.now() };
  return graphqlRead<T>(ctx, queryId, variables, field);
}

/** The conversation URN of a thread in one mailbox, from the admin thread dump. */
export async function conversationWith(emu: EmulatorServer, owner: string, other: string): Promise<string> {
  const dump = await admin<{ threads: Array<{ id: string; participants: string[] }> }>(emu, 'GET', `/threads?account=${owner}`);
  const thread = dump.threads.find((t) => t.participants.length === 2 && t.participants.includes(other));
  if (!thread) throw new Error(`no 1:1 between ${owner} and ${other}`);
  return conversationUrn(owner, thread.id);
}

/** The LinkedInError a promise rejects with (fails the test when it resolves or throws anything else). */
export async function linkedInErrorOf(promise: Promise<unknown>): Promise<LinkedInError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LinkedInError) return error;
    throw error;
  }
  throw new Error('expected a LinkedInError, but the call succeeded');
}

/** Asserts the code (and optional fields) of the LinkedInError a promise rejects with. */
export async function expectLinkedInError(
  promise: Promise<unknown>,
  code: LinkedInErrorCode,
  fields: Partial<Pick<LinkedInError, 'status' | 'reason' | 'retryAfterMs' | 'linkedinCode'>> = {},
): Promise<LinkedInError> {
  const error = await linkedInErrorOf(promise);
  expect({ code: error.code, ...pick(error, Object.keys(fields) as (keyof typeof fields)[]) }).toEqual({ code, ...fields });
  return error;
}

function pick<T extends object, K extends keyof T>(value: T, keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = value[k];
  return out;
}

/** A 39-char profile id for generated members (`ACoAA` + 34 url-safe chars). */
export function fakeProfileId(i: number): string {
  return `ACoAA${`Contract${String(i).padStart(4, '0')}`.padEnd(34, 'Z')}`;
}

/** The sandbox plus `extra` 1st-degree members of Alex, each with a one-message thread, minutes apart. */
export function sandboxWithThreads(extra: number): ScenarioInput {
  const ids = Array.from({ length: extra }, (_, i) => fakeProfileId(i));
  return {
    ...SANDBOX_SCENARIO,
    members: [
      ...(SANDBOX_SCENARIO.members ?? []),
      ...ids.map((profileId, i) => ({ profileId, memberId: 200_000_000 + i, firstName: `Person${i}`, lastName: 'Contract', publicIdentifier: `person-${i}-contract` })),
    ],
    connections: [...(SANDBOX_SCENARIO.connections ?? []), ...ids.map((b) => ({ a: SANDBOX.alex, b, degree: 1 }))],
    threads: [
      ...(SANDBOX_SCENARIO.threads ?? []),
      ...ids.map((id, i) => ({ participants: [SANDBOX.alex, id], messages: [{ from: id, text: `Hello from ${i}`, minutesAgo: 200 + i * 3 }] })),
    ],
  };
}

/** Fetch that rewrites the csrf-token header (a client bug LinkedIn answers with 403 `CSRF check failed.`). */
export function tamperCsrf(rewrite: (token: string) => string): FetchImpl {
  return (input, init) => {
    const headers = { ...(init.headers as Record<string, string>) };
    if (headers['csrf-token'] !== undefined) headers['csrf-token'] = rewrite(headers['csrf-token']);
    return fetch(input, { ...init, headers });
  };
}

/** Waits for the first event that matches, or fails after `timeoutMs`. */
export async function nextMatching<T>(iterator: AsyncIterator<T>, match: (event: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new Error('timed out waiting for a realtime event');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out waiting for a realtime event')), remaining);
    });
    try {
      const step = await Promise.race([iterator.next(), timeout]);
      if (step.done) throw new Error('the realtime stream ended before the event came');
      if (match(step.value)) return step.value;
    } finally {
      clearTimeout(timer);
    }
  }
}
