// Hosted-API compatibility: every /linkedin path the README promises answers there, and reads accept a
// vanity profile URL, resolved through LinkedIn as a send resolves it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, createWorkspace } from './support/api-client';
import { SANDBOX, emulator } from './support/emulator-admin';
import { connectAccount, waitForMessage, waitForSyncPasses } from './support/inbox';

const sarahUrn = `urn:li:fsd_profile:${SANDBOX.sarah}`;

/** `METHOD /linkedin/...` pairs from the README's list between its linkedin-paths markers. */
function promisedPaths(): Array<{ method: string; path: string }> {
  const readme = readFileSync(join(__dirname, '../README.md'), 'utf8');
  const block = readme.slice(readme.indexOf('<!-- linkedin-paths:start -->'), readme.indexOf('<!-- linkedin-paths:end -->'));
  const out: Array<{ method: string; path: string }> = [];
  for (const [, methods, path] of block.matchAll(/`([A-Z|]+) (\/linkedin\/[^`]+)`/g)) for (const method of methods!.split('|')) out.push({ method, path: path! });
  return out;
}

describe('hosted-API compatibility', () => {
  let key: string;
  let accountId: string;
  let conversationUrn: string;

  beforeAll(async () => {
    await emulator('POST', '/reset');
    ({ key } = await createWorkspace());
    accountId = await connectAccount(key, SANDBOX.alex);
    const sent = await api('POST', '/linkedin/messages', { key, body: { recipientId: sarahUrn, text: 'Hello from the seed path' } });
    expect(sent.status).toBe(200);
    ({ conversationUrn } = sent.body);
    await waitForSyncPasses(key, accountId, 1);
    await waitForMessage(key, accountId, conversationUrn, (m) => m.text === 'Hello from the seed path');
  });

  it('answers every /linkedin path the README lists (none is 404 for want of a route)', async () => {
    const paths = promisedPaths();
    expect(paths.length).toBeGreaterThanOrEqual(25);
    // The probes recall and edit the message they name: a message of their own, not the seed path's.
    const probe = await api('POST', '/linkedin/messages', { key, body: { recipientId: sarahUrn, text: 'Probe of the /linkedin paths' } });
    expect(probe.status).toBe(200);
    const probeUrn = probe.body.messageUrn as string;
    const fill = (p: string) =>
      p
        .replace('{profileId}', SANDBOX.sarah)
        .replace('{id}', accountId)
        .replace('{urn}/messages/{urn}', `${encodeURIComponent(conversationUrn)}/messages/${encodeURIComponent(probeUrn)}`)
        .replace('{urn}', encodeURIComponent(conversationUrn))
        .replace('{emoji}', encodeURIComponent('👍'));
    const unrouted: string[] = [];
    for (const { method, path } of paths) {
      // Bodies are left empty: a 400 naming a field proves the route is there; an unknown route answers "Cannot <METHOD> …".
      const res = await api(method, fill(path), { key, body: method === 'GET' || method === 'DELETE' ? undefined : {} });
      if (res.status === 404 && /^Cannot /.test(String(res.body?.error))) unrouted.push(`${method} ${path}`);
    }
    expect(unrouted).toEqual([]);
  });

  it('answers conversation-details and exists for a vanity profile URL, resolving it through LinkedIn', async () => {
    const url = 'https://www.linkedin.com/in/sarah-chen-emu';
    const exists = await api('GET', `/linkedin/conversations/exists/${encodeURIComponent(url)}`, { key });
    expect(exists.status).toBe(200);
    expect(exists.body).toMatchObject({ success: true, exists: true, profileUrn: sarahUrn, conversationUrn });
    const details = await api('GET', `/linkedin/messaging/conversation-details?profileId=${encodeURIComponent(url)}`, { key });
    expect(details.status).toBe(200);
    expect(JSON.stringify(details.body)).toContain('Hello from the seed path');
    const byVanity = await api('GET', `/v1/conversations/exists/priya-patel-emu`, { key });
    expect(byVanity.body).toMatchObject({ exists: false, profileUrn: `urn:li:fsd_profile:${SANDBOX.priya}` });
  });

  it('accepts an account external id in X-Account-Id and accountId, so a migrated client keeps its ids', async () => {
    const externalId = `696ce9e7${Date.now().toString(16)}`;
    const set = await api('PATCH', `/v1/accounts/${accountId}`, { key, body: { externalId } });
    expect(set.status).toBe(200);
    expect(set.body.account).toMatchObject({ id: accountId, externalId });
    const byHeader = await api('GET', '/linkedin/account/status', { key, headers: { 'X-Account-Id': externalId } });
    expect(byHeader.status).toBe(200);
    expect(JSON.stringify(byHeader.body)).toContain(accountId);
    const sent = await api('POST', '/linkedin/messages', { key, body: { accountId: externalId, recipientId: sarahUrn, text: 'Sent with the old account id' } });
    expect(sent.status).toBe(200);
    expect(sent.body.accountId).toBe(accountId);
    const unknown = await api('GET', '/linkedin/account/status', { key, headers: { 'X-Account-Id': 'acc_12345' } });
    expect(unknown.status).toBe(404);
    const other = await createWorkspace();
    const otherAccount = await connectAccount(other.key, SANDBOX.alex);
    // The same external id in another workspace is that workspace's own.
    expect((await api('PATCH', `/v1/accounts/${otherAccount}`, { key: other.key, body: { externalId } })).status).toBe(200);
    const bad = await api('PATCH', `/v1/accounts/${accountId}`, { key, body: { externalId: 'has space' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('externalId');
  });
});
