import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Stack } from './stack';

/** What `npm run dev` hands to the user and to scripts (`.data/dev-credentials.json`). */
export interface DevCredentials {
  apiUrl: string;
  apiKey: string;
  accountId: string;
  temporalUiUrl: string;
  emulatorUrl: string;
  recipientId: string;
  workspaceId: string;
}

interface ScenarioAccount {
  profileId: string;
  name?: string;
  cookies: { li_at: string; JSESSIONID: string; li_a?: string };
  salesNavigator?: unknown;
}
interface ScenarioMember { profileId: string; firstName?: string; lastName?: string }
interface Scenario { accounts: ScenarioAccount[]; members: ScenarioMember[]; connections?: Array<{ a: string; b: string; degree?: number }> }

export const DEV_USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36';

async function call<T>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
    body: init.json === undefined ? init.body : JSON.stringify(init.json),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${res.status}: ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : {}) as T;
}

/** The sandbox account of the emulator's default scenario, and one of its 1st-degree connections. */
async function sandbox(stack: Stack): Promise<{ account: ScenarioAccount; recipientId: string }> {
  const scenario = await call<Scenario>(`${stack.emulatorUrl}/__emulator/scenario`);
  const account = scenario.accounts.find((a) => !a.cookies.li_a) ?? scenario.accounts[0];
  if (!account) throw new Error('The emulator scenario has no account.');
  const connection = scenario.connections?.find((c) => (c.a === account.profileId || c.b === account.profileId) && (c.degree ?? 1) === 1);
  const recipient = connection ? (connection.a === account.profileId ? connection.b : connection.a) : scenario.members.find((m) => m.profileId !== account.profileId)?.profileId;
  if (!recipient) throw new Error('The emulator scenario has no member to message.');
  return { account, recipientId: `urn:li:fsd_profile:${recipient}` };
}

/** Reuses the saved development credentials when they still work, else creates them. */
export async function ensureDevCredentials(stack: Stack, file: string): Promise<DevCredentials> {
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as DevCredentials;
    const check = await fetch(`${stack.apiUrl}/v1/accounts/${saved.accountId}`, { headers: { authorization: `Bearer ${saved.apiKey}` } }).catch(() => null);
    if (check?.ok) {
      const fresh = { ...saved, apiUrl: stack.apiUrl, temporalUiUrl: stack.temporalUiUrl, emulatorUrl: stack.emulatorUrl };
      writeFileSync(file, JSON.stringify(fresh, null, 2), { mode: 0o600 });
      return fresh;
    }
  }
  const created = await call<{ workspace: { id: string }; apiKey: { key: string } }>(`${stack.apiUrl}/v1/admin/workspaces`, {
    method: 'POST', headers: { authorization: `Bearer ${stack.adminToken}` }, json: { name: 'Development' },
  });
  const { account, recipientId } = await sandbox(stack);
  const connected = await call<{ account: { id: string } }>(`${stack.apiUrl}/v1/accounts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${created.apiKey.key}` },
    json: { name: account.name ?? 'Sandbox account', liAt: account.cookies.li_at, jsessionId: account.cookies.JSESSIONID, userAgent: DEV_USER_AGENT },
  });
  const credentials: DevCredentials = {
    apiUrl: stack.apiUrl,
    apiKey: created.apiKey.key,
    accountId: connected.account.id,
    temporalUiUrl: stack.temporalUiUrl,
    emulatorUrl: stack.emulatorUrl,
    recipientId,
    workspaceId: created.workspace.id,
  };
  writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}
