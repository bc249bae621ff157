import { type components, unwrap } from '@threadline/client';
import { api, threadline } from './api-client';
import { accountCookies } from './emulator-admin';
import { waitFor } from './wait-for';

/** A 39-char `ACoAA…` profile id for scenario people, readable in logs. */
export function profileId(tag: string, i = 0): string {
  return `ACoAA${`${tag}${i}`.padEnd(34, 'x')}`.slice(0, 39);
}

/** Connects an emulator account to a workspace and returns its Threadline account id. */
export async function connectAccount(key: string, emulatorProfileId: string, name?: string): Promise<string> {
  const res = await api('POST', '/v1/accounts', { key, body: { ...(name ? { name } : {}), ...(await accountCookies(emulatorProfileId)) } });
  if (res.status !== 201 && res.status !== 200) throw new Error(`connecting ${emulatorProfileId} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.account.id as string;
}

/** The inbox sync status of one account. */
export async function syncStatus(key: string, accountId: string): Promise<components['schemas']['AccountSyncResponse']> {
  const { accounts } = await unwrap(threadline(key).GET('/v1/conversations/sync', { params: { query: { accountId } } }));
  return accounts[0]!;
}

/** Waits until the account's inbox sync has finished at least `passes` passes. */
export async function waitForSyncPasses(key: string, accountId: string, passes = 1, timeoutMs = 60_000): Promise<void> {
  await waitFor(`${passes} inbox sync pass(es) of ${accountId}`, async () => (await syncStatus(key, accountId)).syncCount >= passes, timeoutMs);
}

/** Polls GET /v1/conversations/{urn}/messages until a message matches. */
export async function waitForMessage(key: string, accountId: string, conversationUrn: string, match: (m: { text: string; direction: string }) => boolean, timeoutMs = 45_000) {
  const tl = threadline(key);
  return waitFor('a synced message', async () => {
    const { data } = await tl.GET('/v1/conversations/{conversationUrn}/messages', { params: { path: { conversationUrn }, query: { accountId, count: 50 } } });
    return data?.messages.find(match);
  }, timeoutMs);
}
