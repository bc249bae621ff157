import type { ReceivedEntry } from '../../apps/linkedin-emulator/src/state/types';
import { specEmulatorUrl } from './stack-info';

/** The emulator's sandbox ids (apps/linkedin-emulator/README.md), from the emulator's own test harness. */
export { SANDBOX } from '../../apps/linkedin-emulator/src/testing/emulator-harness';

export const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36';

/** A call to the admin API (`/__emulator/...`) of the spec's emulator. */
export async function emulator<T = any>(method: string, path: string, body?: unknown): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${specEmulatorUrl()}/__emulator${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`emulator ${method} ${path} answered ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** One entry of the emulator's received log (its own type, so the two cannot drift). */
export type ReceivedMessage = ReceivedEntry;

/** Every message the emulator accepted from an account, in order. */
export async function received(profileId: string): Promise<ReceivedMessage[]> {
  return (await emulator<{ received: ReceivedMessage[] }>('GET', `/received?account=${profileId}`)).received;
}

/** The cookies of an account on the spec's emulator, with that emulator as its `baseUrl`, as POST /v1/accounts takes them. */
export async function accountCookies(profileId: string): Promise<{ liAt: string; jsessionId: string; liA?: string; userAgent: string; baseUrl: string }> {
  const scenario = await emulator<{ accounts: Array<{ profileId: string; cookies: { li_at: string; JSESSIONID: string; li_a?: string } }> }>('GET', '/scenario');
  const account = scenario.accounts.find((a) => a.profileId === profileId);
  if (!account) throw new Error(`no emulator account ${profileId}`);
  return { liAt: account.cookies.li_at, jsessionId: account.cookies.JSESSIONID, ...(account.cookies.li_a ? { liA: account.cookies.li_a } : {}), userAgent: USER_AGENT, baseUrl: specEmulatorUrl() };
}
