import { ERROR_CODES } from '@threadline/domain';
import { Agent, request } from 'undici';
import { stackInfo } from './stack-info';

/** A request exactly as it goes on the wire: the path is already percent-encoded, the body is bytes. */
export interface WireRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

// Our own connection pool, so bounded concurrency means bounded sockets and no global dispatcher is touched.
const agent = new Agent({ connections: 32, headersTimeout: 120_000, bodyTimeout: 120_000 });

/** Closes the pool's sockets (call in afterAll, so jest can exit). */
export function closeRawHttp(): Promise<void> {
  return agent.close();
}

/** Sends bytes as given (no JSON encoding, no header normalisation beyond what HTTP requires). */
export async function sendRaw(req: WireRequest): Promise<WireResponse> {
  const res = await request(`${stackInfo().apiUrl}${req.path}`, { method: req.method as 'GET', headers: req.headers, body: req.body, dispatcher: agent });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers, text, json };
}

/** Runs `fn` over `items` with at most `limit` in flight; results keep the order of `items`. */
export async function mapBounded<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  }));
  return out;
}

const CODES = new Set<string>(ERROR_CODES);

/**
 * What is wrong with an answer's framing, or null: every answer carries X-Request-Id, and every error
 * is `{ success: false, error, code, requestId }` with a known code and the header's request id.
 */
export function envelopeProblem(res: WireResponse): string | null {
  const header = res.headers['x-request-id'];
  if (typeof header !== 'string' || !header) return 'no X-Request-Id header';
  if (res.status < 400) return null;
  const body = res.json;
  if (typeof body !== 'object' || body === null) return `error body is not a JSON object: ${JSON.stringify(res.text.slice(0, 80))}`;
  if (body.success !== false) return 'error body lacks success:false';
  if (typeof body.error !== 'string' || !body.error) return 'error body lacks an error message';
  if (!CODES.has(body.code)) return `error body has no known code (${JSON.stringify(body.code)})`;
  if (body.requestId !== header) return `requestId ${JSON.stringify(body.requestId)} is not the X-Request-Id header ${header}`;
  return null;
}
