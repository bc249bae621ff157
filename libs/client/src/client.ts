import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { ThreadlineApiError } from './errors';
import { retryingFetch } from './retrying-fetch';
import type { components, paths } from './schema';
import { type SendMessageOptions, type SendResult, type WaitOptions, sendMessage, waitForMessage } from './send-message';

export interface ThreadlineClientOptions {
  /** Where the API listens, e.g. `http://127.0.0.1:3000` (no trailing `/v1`). */
  baseUrl: string;
  /** A workspace API key: sent as `Authorization: Bearer <key>`. */
  apiKey: string;
  /** The LinkedIn account to act as: sent as `X-Account-Id` unless a request names its own. */
  accountId?: string;
  /** Retries of network failures and 503s (with the same Idempotency-Key). Default 2; 0 turns them off. */
  retries?: number;
  /** The first wait before a retry, doubled each time (a Retry-After from the API wins). Default 500 ms. */
  retryDelayMs?: number;
  /** Headers for every request (a request's own headers win). */
  headers?: Record<string, string>;
  /** A fetch of your own (tests, proxies, instrumentation); default the global fetch. */
  fetch?: (request: Request) => Promise<Response>;
}

/** Calls the API's operations by path (`GET`, `POST`, … from openapi-fetch, typed by the OpenAPI document), plus the send helpers. */
export type ThreadlineClient = Client<paths> & {
  /** Sends a message and, when the API answers 202 (still pending), polls its status until it is sent or failed. */
  sendMessage(body: components['schemas']['SendMessageDto'], options?: SendMessageOptions): Promise<SendResult>;
  /** Polls GET /v1/messages/{id} until the message is sent or failed. */
  waitForMessage(messageId: string, options?: WaitOptions): Promise<components['schemas']['MessageStatusResponse']>;
};

/** Headers every request gets, and an Idempotency-Key on every POST that has none, so a retry never acts twice. */
function defaults(apiKey: string, accountId: string | undefined): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set('Authorization', `Bearer ${apiKey}`);
      if (accountId && !request.headers.has('X-Account-Id')) request.headers.set('X-Account-Id', accountId);
      if (request.method === 'POST' && !request.headers.has('Idempotency-Key')) request.headers.set('Idempotency-Key', crypto.randomUUID());
      return request;
    },
  };
}

/**
 * A client for one workspace (its API key), optionally bound to one LinkedIn account.
 *
 * ```ts
 * const tl = createThreadlineClient({ baseUrl: 'http://127.0.0.1:3000', apiKey: process.env.THREADLINE_API_KEY! });
 * const { conversations } = await unwrap(tl.GET('/v1/conversations', { params: { query: { count: 20 } } }));
 * ```
 */
export function createThreadlineClient(options: ThreadlineClientOptions): ThreadlineClient {
  const inner = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const api = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: options.headers,
    fetch: retryingFetch(inner, { retries: options.retries ?? 2, baseDelayMs: options.retryDelayMs ?? 500, maxDelayMs: 10_000 }),
  });
  api.use(defaults(options.apiKey, options.accountId));
  return Object.assign(api, {
    sendMessage: (body: components['schemas']['SendMessageDto'], sendOptions?: SendMessageOptions) => sendMessage(api, body, sendOptions),
    waitForMessage: (messageId: string, waitOptions?: WaitOptions) => waitForMessage(api, messageId, waitOptions),
  });
}

/** What openapi-fetch resolves to: the parsed body of a 2xx in `data`, of anything else in `error`. */
interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's body when it is a 2xx; a ThreadlineApiError (the API's code and message) when it is not. */
export async function unwrap<T>(result: Promise<FetchResult<T>> | FetchResult<T>): Promise<T> {
  const { data, error, response } = await result;
  if (!response.ok) throw new ThreadlineApiError(response, error);
  return data as T;
}
