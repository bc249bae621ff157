/** The API's error envelope: `{ success: false, error, code, requestId, field? }` (README, "Errors"). */
interface ErrorEnvelope {
  error?: unknown;
  code?: unknown;
  requestId?: unknown;
  field?: unknown;
  details?: unknown;
}

/** A non-2xx answer of the Threadline API, with its stable code (`QUOTA_EXCEEDED`, `NOT_FOUND`, …) and what to do. */
export class ThreadlineApiError extends Error {
  /** The HTTP status. */
  readonly status: number;
  /** The API's error code; `HTTP_<status>` when the answer was not the API's envelope (a proxy's page). */
  readonly code: string;
  /** The request field at fault, when one is. */
  readonly field?: string;
  /** The API's request id (also in X-Request-Id): quote it when asking for help. */
  readonly requestId?: string;
  /** How long the API asked to wait before retrying (Retry-After), in milliseconds. */
  readonly retryAfterMs?: number;
  readonly details?: Record<string, unknown>;
  readonly headers: Headers;

  constructor(response: Response, body: unknown) {
    const envelope: ErrorEnvelope = typeof body === 'object' && body !== null ? body : {};
    const code = typeof envelope.code === 'string' ? envelope.code : `HTTP_${response.status}`;
    const text = typeof envelope.error === 'string' ? envelope.error : typeof body === 'string' && body ? body.slice(0, 300) : response.statusText;
    super(`${code}: ${text}`);
    this.name = 'ThreadlineApiError';
    this.status = response.status;
    this.code = code;
    if (typeof envelope.field === 'string') this.field = envelope.field;
    if (typeof envelope.requestId === 'string') this.requestId = envelope.requestId;
    if (typeof envelope.details === 'object' && envelope.details !== null) this.details = envelope.details as Record<string, unknown>;
    const retryAfter = retryAfterMs(response.headers.get('retry-after'));
    if (retryAfter !== undefined) this.retryAfterMs = retryAfter;
    this.headers = response.headers;
  }
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from now. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
