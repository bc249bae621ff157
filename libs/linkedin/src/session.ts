/** One LinkedIn account's browser session. Secret: never log it. */
export interface LinkedInSession {
  /** The `li_at` cookie: the session credential. */
  liAt: string;
  /** The `JSESSIONID` cookie, with or without its quotes (`"ajax:123…"`). */
  jsessionId: string;
  /** The `li_a` cookie; only Sales Navigator seats have it. */
  liA?: string;
  /** The user agent of the browser the cookies came from. */
  userAgent: string;
  /** Per-account proxy, e.g. `http://user:pass@host:port`. */
  proxyUrl?: string;
  /** The browser's own `x-li-track` JSON; a default is used when absent. */
  xLiTrack?: string;
}

/** JSESSIONID without surrounding quotes: the `csrf-token` value. */
export function unquotedJsessionId(jsessionId: string): string {
  return jsessionId.trim().replace(/^"(.*)"$/, '$1');
}
