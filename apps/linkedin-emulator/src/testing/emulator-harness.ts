import { createEmulatorServer } from '../server';
import type { EmulatorServer, EmulatorServerOptions } from '../server';
import type { AccountSummary } from '../state/scenario';

// Test-only helpers: an in-process emulator on port 0 and a tiny Voyager-shaped HTTP client.

export const SANDBOX = {
  alex: 'ACoAAU8JZpDE0iGXlD6gNCFbaEPFjbD0kH8Oool',
  jordan: 'ACoAAZZGeoZDMENcKHVmDGAkJiG8XnBE3NnYJoQ',
  sarah: 'ACoAA8DklZDOCj2ISaJiHkTj0rLGlkoMXGjtEkD',
  marcus: 'ACoAAnNfribxUdl7dXTPyLsxPFkThf4VucSmEHg',
  priya: 'ACoAAaKwVJ7faC9qEwjky40UVsWmflzdE1F8Res',
  tom: 'ACoAAqEDusTpkr0cStY4qWB8dWKnHfDNxSIvPZZ',
  elena: 'ACoAA63fFKcZjR4I0b3jRtaWr4Y9OJFLJOqOAf1',
  david: 'ACoAAlLQSAJaiXnkU8Is2g8nprvDd53x83rzjZZ',
  morgan: 'ACoAA9WmXeHH2fdeeTFJGvVvQe1sKhBN88hXJsi',
} as const;

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read loosely-typed JSON answers
  json: any;
}

export interface Harness {
  server: EmulatorServer;
  url: string;
  accounts: Record<string, AccountSummary>;
  as(profileId: string): VoyagerTestClient;
  admin(method: string, path: string, body?: unknown): Promise<Reply>;
  close(): Promise<void>;
}

async function toReply(res: Response): Promise<Reply> {
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export class VoyagerTestClient {
  constructor(
    readonly url: string,
    readonly account: AccountSummary,
  ) {}

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { cookie: this.account.cookieHeader, 'csrf-token': this.account.csrfToken, 'x-restli-protocol-version': '2.0.0', ...extra };
  }

  async get(path: string, extra: Record<string, string> = {}): Promise<Reply> {
    return toReply(await fetch(this.url + path, { headers: this.headers(extra), redirect: 'manual' }));
  }

  async post(path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Reply> {
    return toReply(
      await fetch(this.url + path, {
        method: 'POST',
        headers: this.headers({ 'content-type': 'text/plain;charset=UTF-8', ...extra }),
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        redirect: 'manual',
      }),
    );
  }

  async raw(path: string, init: RequestInit): Promise<Reply> {
    return toReply(await fetch(this.url + path, { redirect: 'manual', ...init }));
  }

  /** GraphQL GET with the variables string exactly as given. */
  graphql(queryId: string, variables: string): Promise<Reply> {
    return this.get(`/voyager/api/voyagerMessagingGraphQL/graphql?queryId=${queryId}&variables=${variables}`, { accept: 'application/graphql' });
  }
}

export const enc = (s: string): string => encodeURIComponent(s).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));

export async function startHarness(options: EmulatorServerOptions = {}): Promise<Harness> {
  const server = await createEmulatorServer({ port: 0, ...options });
  const admin = async (method: string, path: string, body?: unknown): Promise<Reply> =>
    toReply(
      await fetch(`${server.url}/__emulator${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  const scenario = (await admin('GET', '/scenario')).json as { accounts: AccountSummary[] };
  const accounts = Object.fromEntries(scenario.accounts.map((a) => [a.profileId, a]));
  return {
    server,
    url: server.url,
    accounts,
    as: (profileId) => new VoyagerTestClient(server.url, accounts[profileId]),
    admin,
    close: () => server.close(),
  };
}

let counter = 0;
/** A valid createMessage body (16-char trackingId, originToken inside message). */
export function sendBody(mailbox: string, target: { conversationUrn?: string; hostRecipientUrns?: string[] }, text = 'Hello', originToken?: string): Record<string, unknown> {
  counter += 1;
  return {
    message: {
      body: { text },
      ...(target.conversationUrn ? { conversationUrn: target.conversationUrn } : {}),
      originToken: originToken ?? `origin-${counter}`,
    },
    mailboxUrn: `urn:li:fsd_profile:${mailbox}`,
    trackingId: `trk${String(counter).padStart(13, '0')}`,
    dedupeByClientGeneratedToken: false,
    ...(target.hostRecipientUrns ? { hostRecipientUrns: target.hostRecipientUrns } : {}),
  };
}

export const CREATE_MESSAGE = '/voyager/api/voyagerMessagingDashMessengerMessages?action=createMessage';
export const CONVERSATIONS_Q = 'messengerConversations.f0873b936b43ed663997b215b2c28359';
export const MESSAGES_Q = 'messengerMessages.4088d03bc70c91c3fa68965cb42336de';
