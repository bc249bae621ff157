import { ProxyAgent, type Dispatcher } from 'undici';
import { buildHeaders, type HeaderProfile } from './build-headers';
import { LinkedInError } from './linkedin-error';
import { parseLinkedInError } from './parse-linkedin-error';
import type { LinkedInSession } from './session';

export type FetchImpl = (input: string, init: RequestInit) => Promise<Response>;

/** One request; the body is kept as a value and serialised afresh on every attempt. */
export interface VoyagerRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  /** Path with its raw query (`/voyager/api/…?…`), or an absolute URL. */
  path: string;
  profile: HeaderProfile;
  json?: unknown;
  bytes?: Uint8Array;
  /** Reads may be retried on network errors and 502/503/504; writes never are. */
  idempotent: boolean;
  signal?: AbortSignal;
  /** Connect timeout only: the caller owns the stream afterwards (realtime). */
  streaming?: boolean;
}

export interface VoyagerHttpOptions {
  baseUrl: string;
  session: LinkedInSession;
  timeoutMs: number;
  fetchImpl?: FetchImpl;
  readAttempts: number;
  retryBaseDelayMs: number;
}

const RETRYABLE_STATUSES = new Set([502, 503, 504]);

/** Sends requests the way the web app does: no redirects followed, cookies only to the base host. */
export class VoyagerHttp {
  readonly baseUrl: URL;
  private dispatcher?: ProxyAgent;

  constructor(private readonly options: VoyagerHttpOptions) {
    this.baseUrl = new URL(options.baseUrl);
    if (options.session.proxyUrl) this.dispatcher = new ProxyAgent(options.session.proxyUrl);
  }

  get session(): LinkedInSession {
    return this.options.session;
  }

  /** Resolves a path or absolute URL against the base URL. */
  url(path: string): URL {
    return new URL(path, this.baseUrl);
  }

  /** Sends and returns the successful response with its body text already read. */
  async text(request: VoyagerRequest): Promise<{ response: Response; text: string }> {
    const response = await this.send(request);
    const text = await response.text();
    return { response, text };
  }

  /** Sends and parses a JSON body; an empty body yields undefined. */
  async json<T>(request: VoyagerRequest): Promise<T | undefined> {
    const { text, response } = await this.text(request);
    if (!text.trim()) return undefined;
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw new LinkedInError('unknown', `LinkedIn answered ${response.status} with a body that is not JSON on ${this.url(request.path).pathname}.`, {
        status: response.status,
        reason: 'bad_response',
        cause,
      });
    }
  }

  /** Sends with retries for idempotent requests; throws LinkedInError for every failure. */
  async send(request: VoyagerRequest): Promise<Response> {
    const attempts = request.idempotent ? Math.max(1, this.options.readAttempts) : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(request);
      } catch (error) {
        const retryable = error instanceof LinkedInError && error.code === 'temporary' && (error.status === 0 || RETRYABLE_STATUSES.has(error.status ?? -1));
        if (!retryable || attempt >= attempts || request.signal?.aborted) throw error;
        await delay(this.options.retryBaseDelayMs * 2 ** (attempt - 1), request.signal);
      }
    }
  }

  /** Releases the proxy connection pool. */
  async close(): Promise<void> {
    await this.dispatcher?.close();
  }

  private async attempt(request: VoyagerRequest): Promise<Response> {
    const url = this.url(request.path);
    const sameHost = url.host === this.baseUrl.host;
    const profile: HeaderProfile = sameHost ? request.profile : { ...request.profile, credentials: 'none' };
    const headers = buildHeaders(this.options.session, profile);
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new DOMException('LinkedIn request timed out', 'TimeoutError')), this.options.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
    const init: RequestInit & { dispatcher?: Dispatcher } = {
      method: request.method,
      headers,
      body: request.json !== undefined ? JSON.stringify(request.json) : request.bytes,
      redirect: 'manual',
      signal,
    };
    if (this.dispatcher) init.dispatcher = this.dispatcher;
    const fetchImpl = this.options.fetchImpl ?? (fetch as FetchImpl);
    let response: Response;
    try {
      response = await fetchImpl(url.toString(), init);
    } catch (cause) {
      clearTimeout(timer);
      if (request.signal?.aborted) throw request.signal.reason ?? cause;
      throw parseLinkedInError({ status: 0, url: url.toString(), cause }) as LinkedInError;
    }
    if (request.streaming && response.status >= 200 && response.status < 300) {
      clearTimeout(timer);
      return response;
    }
    try {
      const ok = response.status >= 200 && response.status < 300;
      // Success bodies are inspected too: a 200 can carry GraphQL errors or li_at=delete me.
      const bodyText = ok ? await response.clone().text() : await response.text();
      const error = parseLinkedInError({ status: response.status, headers: response.headers, bodyText, url: url.toString() });
      if (error) throw error;
      return response;
    } catch (error) {
      if (error instanceof LinkedInError) throw error;
      throw parseLinkedInError({ status: 0, url: url.toString(), cause: error }) as LinkedInError;
    } finally {
      clearTimeout(timer);
    }
  }
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
