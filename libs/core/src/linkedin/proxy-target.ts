import { assertPublicLiteral, assertPublicUrl } from '../net/public-address';

const HINT = 'account proxies must be public (set PROXY_ALLOW_PRIVATE_URLS=true for a proxy on your own network).';

/** When a proxy is given (connect or update): refuses one whose host is, or resolves to, a non-public address (400 naming `proxyUrl`). */
export function assertPublicProxyUrl(proxyUrl: string): Promise<void> {
  return assertPublicUrl(proxyUrl, 'proxyUrl', HINT);
}

/** Before each use of a stored proxy: a literal host is checked here; a name is checked at connect time by the client's lookup. */
export function assertPublicProxyLiteral(proxyUrl: string): void {
  assertPublicLiteral(proxyUrl, 'proxyUrl', HINT);
}
