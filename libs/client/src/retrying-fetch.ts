import { retryAfterMs } from './errors';

export interface RetryOptions {
  /** Retries of a request that failed on the network or answered 503 (and, for a POST, 409 IDEMPOTENCY_IN_PROGRESS). */
  retries: number;
  /** The first wait, doubled each time; a Retry-After from the API takes precedence, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

const sleep = (ms: number, signal?: AbortSignal | null) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason); }, { once: true });
  });

/** 503 means nothing was sent or changed; 409 IDEMPOTENCY_IN_PROGRESS means the first try of this key is still running. */
async function isRetryable(request: Request, response: Response): Promise<boolean> {
  if (response.status === 503) return true;
  if (response.status !== 409 || request.method !== 'POST') return false;
  const body = (await response.clone().json().catch(() => undefined)) as { code?: string } | undefined;
  return body?.code === 'IDEMPOTENCY_IN_PROGRESS';
}

/**
 * A fetch that sends a request again, unchanged, when it is safe to: every POST carries an
 * Idempotency-Key (the client adds one), so a retry returns the first try's result and never acts twice.
 */
export function retryingFetch(inner: (request: Request) => Promise<Response>, options: RetryOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    for (let attempt = 0; ; attempt++) {
      // A body can be read once: every try sends a copy.
      const copy = request.clone();
      const last = attempt >= options.retries;
      let response: Response;
      try {
        response = await inner(copy);
      } catch (err) {
        if (last || request.signal?.aborted) throw err;
        await sleep(Math.min(options.baseDelayMs * 2 ** attempt, options.maxDelayMs), request.signal);
        continue;
      }
      if (last || !(await isRetryable(request, response))) return response;
      await response.body?.cancel();
      const wait = retryAfterMs(response.headers.get('retry-after')) ?? options.baseDelayMs * 2 ** attempt;
      await sleep(Math.min(wait, options.maxDelayMs), request.signal);
    }
  };
}
