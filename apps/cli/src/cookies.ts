import { CliError } from './cli-error';

/** One cookie of a browser export: what a session needs from it. */
export interface ExportedCookie {
  name: string;
  value: string;
  domain: string;
}

/** The LinkedIn session cookies POST /v1/accounts takes. */
export interface LinkedInSession {
  liAt?: string;
  jsessionId?: string;
  liA?: string;
}

const LINKEDIN_DOMAIN = /(^|\.)linkedin\.com$/i;

/**
 * Reads a cookie export of a browser extension: the JSON of "EditThisCookie" / "Cookie-Editor" (an array of
 * `{ name, value, domain, … }`, or `{ cookies: [...] }` as Playwright and some exporters write it), or a
 * Netscape cookies.txt. Errors never quote the file's content: it holds session secrets.
 */
export function parseCookieExport(text: string, source: string): ExportedCookie[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return parseJsonExport(trimmed, source);
  return parseNetscape(trimmed, source);
}

function parseJsonExport(text: string, source: string): ExportedCookie[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(`${source} is not valid JSON (expected an array of cookies as EditThisCookie or Cookie-Editor export it)`);
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { cookies?: unknown }).cookies;
  if (!Array.isArray(list)) throw new CliError(`${source} has no list of cookies (expected an array of { name, value, domain } objects)`);
  return list.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { name, value, domain } = entry as Record<string, unknown>;
    if (typeof name !== 'string' || typeof value !== 'string') return [];
    return [{ name, value, domain: typeof domain === 'string' ? domain : '' }];
  });
}

/** Netscape cookies.txt: domain, include-subdomains, path, secure, expiry, name, value, tab-separated; `#HttpOnly_` marks an HttpOnly cookie (li_at is one). */
function parseNetscape(text: string, source: string): ExportedCookie[] {
  const cookies: ExportedCookie[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw;
    if (line.startsWith('#HttpOnly_')) line = line.slice('#HttpOnly_'.length);
    else if (line.startsWith('#') || !line.trim()) continue;
    const fields = line.split('\t');
    if (fields.length < 7) continue;
    cookies.push({ domain: fields[0]!, name: fields[5]!, value: fields.slice(6).join('\t').trim() });
  }
  if (cookies.length === 0) throw new CliError(`${source} has no cookies: expected a JSON export (EditThisCookie, Cookie-Editor) or a Netscape cookies.txt`);
  return cookies;
}

/** The value of a cookie, preferring LinkedIn's own domain when the export holds several sites. */
function pick(cookies: ExportedCookie[], name: string): string | undefined {
  const named = cookies.filter((c) => c.name === name && c.value !== '');
  return (named.find((c) => LINKEDIN_DOMAIN.test(c.domain.replace(/^\./, ''))) ?? named[0])?.value;
}

/** li_at, JSESSIONID and li_a (a Sales Navigator seat) out of an export; absent ones stay undefined. */
export function linkedInSession(cookies: ExportedCookie[]): LinkedInSession {
  const session: LinkedInSession = {};
  const liAt = pick(cookies, 'li_at');
  const jsessionId = pick(cookies, 'JSESSIONID');
  const liA = pick(cookies, 'li_a');
  if (liAt) session.liAt = liAt;
  if (jsessionId) session.jsessionId = jsessionId;
  if (liA) session.liA = liA;
  return session;
}
