import type { LookupFunction } from 'node:net';
import { fetch as undiciFetch, type Dispatcher } from 'undici';
import { buildHeaders, type HeaderProfile } from './build-headers';
import { LinkedInError } from './linkedin-error';
import { parseLinkedInError } from './parse-linkedin-error';
import { ownProxyAgent, type ProxyAgentPool, type ProxyLease } from './proxy-agents';
import type { LinkedInSession } from './session';

export type FetchImpl = (input: string, init: RequestInit) => Promise<Response>;

/** One request, sent once: retries belong to the caller (Temporal's activity retry policy, or the API's client). */
export interface VoyagerRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  /** Path with its raw query (`/voyager/api/…?…`), or an absolute URL. */
  path: string;
  profile: HeaderProfile;
  json?: unknown;
  bytes?: Uint8Array;
  signal?: AbortSignal;
  /** Connect timeout only: the caller owns the stream afterwards (realtime). */
  streaming?: boolean;
}

export interface VoyagerHttpOptions {
  baseUrl: string;
  session: LinkedInSession;
  timeoutMs: number;
  fetchImpl?: FetchImpl;
  /** The account's agent comes from this pool (shared with its other clients); without it, the client has its own. */
  sharedProxy?: { pool: ProxyAgentPool; accountId: string };
  /** Resolves the proxy's host name when connecting (own agent only; a pool has its own). */
  proxyLookup?: LookupFunction;
  /** Bound of each step of reaching LinkedIn through the proxy (own agent only); default PROXY_CONNECT_TIMEOUT_MS. */
  proxyConnectTimeoutMs?: number;
}

/** Sends requests the way the web app does: no redirects followed, cookies only to the base URL's origin or https on its host. */
export class VoyagerHttp {
  readonly baseUrl: URL;
  private proxy?: ProxyLease & { label: string };

  constructor(private readonly options: VoyagerHttpOptions) {
    this.baseUrl = new URL(options.baseUrl);
    if (options.session.proxyUrl) {
      const url = new URL(options.session.proxyUrl);
      // A proxy is an origin: a path, query or fragment stored before the API refused them would make undici throw.
      url.pathname = '/';
      url.search = '';
      url.hash = '';
      const shared = options.sharedProxy;
      const lease = shared
        ? shared.pool.lease(shared.accountId, url.href)
        : ownProxyAgent(url.href, { lookup: options.proxyLookup, connectTimeoutMs: options.proxyConnectTimeoutMs });
      // Named without its credentials, in every message.
      this.proxy = { ...lease, label: `${url.protocol}//${url.host}` };
    }
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

  /**
   * Sends once and throws LinkedInError for every failure. No retry here: activities are retried by
   * Temporal, so one here would multiply the attempts (3 × 8 reads); the API's session check answers 502 to retry.
   */
  async send(request: VoyagerRequest): Promise<Response> {
    const url = this.url(request.path);
    const profile: HeaderProfile = this.sendsCredentialsTo(url) ? request.profile : { ...request.profile, credentials: 'none' };
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
    if (this.proxy) init.dispatcher = this.proxy.agent;
    // Through a proxy, the fetch of the same undici as the ProxyAgent: its errors keep their codes.
    const fetchImpl = this.options.fetchImpl ?? ((this.proxy ? undiciFetch : fetch) as FetchImpl);
    let response: Response;
    try {
      response = await fetchImpl(url.toString(), init);
    } catch (cause) {
      clearTimeout(timer);
      if (request.signal?.aborted) throw request.signal.reason ?? cause;
      throw (this.proxy && !timeout.signal.aborted && proxyFailure(this.proxy, cause)) || (parseLinkedInError({ status: 0, url: url.toString(), cause }) as LinkedInError);
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

  /** Releases the proxy agent: closes the client's own, or returns the shared one to its pool. */
  async close(): Promise<void> {
    await this.proxy?.release();
  }

  /** Cookies and csrf go to the base URL's own origin, or over https to its host: never in clear to another port or scheme. */
  sendsCredentialsTo(url: URL): boolean {
    return url.origin === this.baseUrl.origin || (url.protocol === 'https:' && url.hostname === this.baseUrl.hostname);
  }
}

// Failures of the connection through the proxy; later ones (a reset mid-answer) stay network errors of LinkedIn.
const PROXY_CONNECT_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTPUBLIC', 'UND_ERR_PRX_TLS']);

/** A proxy problem as a `temporary` error that names the proxy (host and port only) and what it did; undefined when the proxy is not at fault. */
function proxyFailure(proxy: { label: string; boundMs: number }, error: unknown): LinkedInError | undefined {
  // Read along the cause chain (fetch wraps: TypeError → DOMException → undici error), duck-typed as errors may cross realms.
  const chain: Array<{ code?: unknown; message?: unknown; cause?: unknown }> = [];
  for (let e = error; typeof e === 'object' && e !== null && chain.length < 5; e = (e as { cause?: unknown }).cause) chain.push(e);
  const known = chain.find((e) => typeof e.code === 'string' && (PROXY_CONNECT_ERRORS.has(e.code) || e.code.startsWith('UND_ERR_'))) ?? chain[chain.length - 1];
  const code = known?.code;
  const message = String(known?.message ?? '');
  const seconds = proxy.boundMs / 1000;
  const tunnel = /^Proxy response \((\d+)\)/.exec(message)?.[1];
  let what: string | undefined;
  if (code === 'UND_ERR_HEADERS_TIMEOUT') what = `did not answer the CONNECT request within ${seconds} s`;
  else if (code === 'UND_ERR_CONNECT_TIMEOUT') what = `did not accept the connection, or TLS to LinkedIn through it did not complete, within ${seconds} s`;
  else if (tunnel) what = `refused to open a tunnel to LinkedIn (HTTP ${tunnel}${tunnel === '407' ? ': check the proxy credentials' : ''})`;
  else if (typeof code === 'string' && PROXY_CONNECT_ERRORS.has(code)) what = `could not be reached (${message || code})`;
  if (!what) return undefined;
  // No cause attached: the message says it all, and nothing from the proxy URL can reach a log.
  return new LinkedInError('temporary', `The account's proxy ${proxy.label} ${what}; check the proxy (proxyUrl), then retry.`, { status: 0, reason: 'proxy' });
}
