import type { IncomingMessage, ServerResponse } from 'node:http';

/** Everything a route handler needs about one request. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Decoded path (both key encodings of §4 decode to the same URN). */
  path: string;
  /** Path segments, each decoded on its own. */
  segments: string[];
  /** Raw query values (not decoded). */
  raw: Map<string, string>;
  /** Decoded query value. */
  query(name: string): string | undefined;
  cookies: Map<string, string>;
  header(name: string): string | undefined;
  body: Buffer;
  /** Base URL as the client addressed us, for URLs we hand out. */
  baseUrl: string;
}

/**
 * The base of every URL handed out: the configured public URL, else the origin the client addressed,
 * honouring `X-Forwarded-Proto`/`X-Forwarded-Host` from a TLS proxy in front (first value of each).
 */
export function publicBaseUrl(req: IncomingMessage, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl;
  const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim() || undefined;
  const proto = first(req.headers['x-forwarded-proto'])?.toLowerCase();
  const host = first(req.headers['x-forwarded-host']) ?? req.headers.host ?? 'localhost';
  return `${proto === 'https' || proto === 'http' ? proto : 'http'}://${host}`;
}

export function buildContext(req: IncomingMessage, res: ServerResponse, body: Buffer, publicUrl?: string): RequestContext {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q === -1 ? url : url.slice(0, q);
  const segments = rawPath.split('/').filter(Boolean).map(safeDecode);
  const raw = rawQuery(url);
  const header = (name: string): string | undefined => {
    const v = req.headers[name.toLowerCase()];
    return Array.isArray(v) ? v.join(', ') : v;
  };
  return {
    req,
    res,
    method: (req.method ?? 'GET').toUpperCase(),
    path: '/' + segments.join('/'),
    segments,
    raw,
    query: (name) => {
      const v = raw.get(name);
      return v === undefined ? undefined : safeDecode(v.replace(/\+/g, ' '));
    },
    cookies: parseCookies(header('cookie')),
    header,
    body,
    baseUrl: publicBaseUrl(req, publicUrl),
  };
}

/** Cookie header → map; JSESSIONID keeps its quotes here (the CSRF check strips them). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Body as JSON whatever the content type (LinkedIn reads text/plain bodies as JSON); undefined if not JSON. */
export function jsonBody(ctx: RequestContext): unknown {
  if (ctx.body.length === 0) return undefined;
  try {
    return JSON.parse(ctx.body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string | string[]> = {}): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { 'content-length': 0, ...headers });
  res.end();
}

/** `{"status":N}`, LinkedIn's bare error body. */
export function sendStatus(res: ServerResponse, status: number): void {
  sendJson(res, status, { status });
}

export const NORMALIZED = 'application/vnd.linkedin.normalized+json+2.1';

export function wantsNormalized(ctx: RequestContext): boolean {
  return (ctx.header('accept') ?? '').includes('normalized');
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Percent-decode, leaving malformed sequences as they are (raw values may hold a bare `%`). */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Raw query parameters: values are not decoded, so `List(` survives for REST.li parsing. */
export function rawQuery(url: string): Map<string, string> {
  const q = url.indexOf('?');
  const out = new Map<string, string>();
  if (q === -1) return out;
  for (const part of url.slice(q + 1).split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    out.set(safeDecode(eq === -1 ? part : part.slice(0, eq)), eq === -1 ? '' : part.slice(eq + 1));
  }
  return out;
}
