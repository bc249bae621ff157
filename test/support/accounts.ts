import { api } from './api-client';
import { accountCookies, emulator } from './emulator-admin';

/** Connects an emulator account to a workspace and returns its Threadline id. */
export async function connectAccount(key: string, profileId: string, name?: string): Promise<string> {
  const res = await api('POST', '/v1/accounts', { key, body: { ...(name ? { name } : {}), ...(await accountCookies(profileId)) } });
  if (res.status !== 201 && res.status !== 200) throw new Error(`connecting ${profileId} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.account.id as string;
}

/** Requests the emulator counted for one account, by route name (typing, markRead, recall, …). */
export async function routeCounts(profileId: string): Promise<Record<string, number>> {
  const body = await emulator<{ byAccount: Record<string, Record<string, number>> }>('GET', '/requests');
  return body.byAccount[profileId] ?? {};
}
