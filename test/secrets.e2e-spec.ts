import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { api, createWorkspace, recordApiAnswers } from './support/api-client';
import { SANDBOX, emulator, USER_AGENT } from './support/emulator-admin';
import { waitForSyncPasses } from './support/inbox';
import { describeFindings, scanEverywhere, sessionSecrets, type Secret } from './support/secret-scan';
import { closeTemporalClient, loadScenarioWithMembers, resetEmulator, runCampaign, temporalClient, waitForLead } from './support/sequences';
import { specEmulatorUrl, stackInfo } from './support/stack-info';
import { uploadFile } from './support/uploads';
import { waitFor } from './support/wait-for';

type EmulatorAccount = { profileId: string; cookies: { li_at: string; JSESSIONID: string; li_a?: string } };

const urn = (profileId: string) => `urn:li:fsd_profile:${profileId}`;
const salesUrn = (profileId: string) => `urn:li:fs_salesProfile:(${profileId.replace(/^ACoAA/, 'ACwAA')},NAME_SEARCH,emu)`;

jest.setTimeout(240_000);

/**
 * After a campaign, API sends (DM, typing, InMail with li_a, an attachment), an inbox sync, LinkedIn
 * failures and an expired session reconnected with fresh cookies, no cookie value of any account is
 * anywhere but encrypted in Postgres: not in Temporal history, not in a log, not in an API answer.
 */
describe('secrets: the session cookies appear nowhere but encrypted at rest', () => {
  const recorder = recordApiAnswers();
  const secrets: Secret[] = [];
  let key: string;
  let alex: string;
  let jordan: string;

  /** The owner logs in on LinkedIn again; the test pastes the fresh cookies as a user would. */
  const freshCookies = async (profileId: string) => {
    const account = await emulator<EmulatorAccount>('POST', `/accounts/${profileId}/login`);
    secrets.push(...sessionSecrets([account]));
    return { liAt: account.cookies.li_at, jsessionId: account.cookies.JSESSIONID, ...(account.cookies.li_a ? { liA: account.cookies.li_a } : {}), userAgent: USER_AGENT };
  };

  afterAll(async () => {
    recorder.stop();
    await closeTemporalClient();
    await resetEmulator();
  });

  beforeAll(async () => {
    await loadScenarioWithMembers(3);
    // The sandbox's own cookies are used by every spec: a leak from any of them counts too.
    secrets.push(...sessionSecrets((await emulator<{ accounts: EmulatorAccount[] }>('GET', '/scenario')).accounts));
    ({ key } = await createWorkspace());
    const connect = async (profileId: string) => {
      const res = await api('POST', '/v1/accounts', { key, body: { ...(await freshCookies(profileId)), baseUrl: specEmulatorUrl() } });
      expect(res.status).toBe(201);
      return res.body.account.id as string;
    };
    alex = await connect(SANDBOX.alex);
    jordan = await connect(SANDBOX.jordan);
  });

  it('keeps every cookie value out of Temporal history, logs and answers, and stores it only encrypted', async () => {
    // API sends: a DM, one with typing into an existing thread, an InMail through Sales Navigator (li_a), an attachment.
    const send = (account: string, body: Record<string, unknown>, path = '/v1/messages') => api('POST', path, { key, headers: { 'X-Account-Id': account }, body });
    expect((await send(alex, { recipientId: urn(SANDBOX.sarah), text: 'Hi Sarah' })).status).toBe(200);
    expect((await send(alex, { recipientId: urn(SANDBOX.marcus), text: 'Typed first' }, '/v1/messaging/send-with-typing')).status).toBe(200);
    expect((await send(jordan, { recipientId: salesUrn(SANDBOX.morgan), messageType: 'inmail', subject: 'Quick question', text: 'Hi Morgan' })).status).toBe(200);
    const upload = await uploadFile(key, new TextEncoder().encode('%PDF-1.4 secrets'), 'deck.pdf', 'application/pdf');
    expect(upload.status).toBe(201);
    expect((await send(alex, { recipientId: urn(SANDBOX.priya), text: 'The deck', attachments: [upload.body.attachment.id] })).status).toBe(200);

    // A campaign: two steps, one lead answers the first message.
    const members = (await emulator<{ members: Array<{ profileId: string; firstName: string }> }>('GET', '/scenario')).members.filter((m) => m.firstName.startsWith('Lead'));
    await emulator('POST', `/members/${members[0]!.profileId}/scripts`, { delayMs: 200, text: 'Sure, tell me more' });
    const steps = [
      { id: 's1', type: 'typing_and_send', template: 'Hi {{firstName}}' },
      { id: 'r', type: 'wait_for_reply', timeout: '2s' },
      { id: 's2', type: 'typing_and_send', template: 'Following up, {{firstName}}' },
    ];
    const { campaignId, leadIds } = await runCampaign(key, steps, members.map((m) => ({ profile: urn(m.profileId), attributes: { firstName: m.firstName } })), { senders: [alex] });
    await Promise.all(leadIds.map((id) => waitForLead(key, campaignId, id, ['completed', 'replied'], 90_000)));

    // An inbox sync, and the reads it serves.
    expect((await api('POST', '/v1/conversations/sync', { key, body: { accountId: alex } })).status).toBeLessThan(300);
    await waitForSyncPasses(key, alex, 1);
    const conversations = await api('GET', `/v1/conversations?accountId=${alex}&count=20`, { key });
    expect(conversations.status).toBe(200);
    const first = conversations.body.conversations[0].conversationUrn as string;
    expect((await api('GET', `/v1/conversations/${encodeURIComponent(first)}/messages?accountId=${alex}`, { key })).status).toBe(200);

    // LinkedIn fails on the way: a 5xx on a send (retried), a 429 (a hold).
    await emulator('POST', '/faults', { faults: [{ kind: '5xx', account: SANDBOX.alex, route: 'createMessage', times: 1 }, { kind: '429', account: SANDBOX.jordan, route: 'me', times: 1, retryAfterSeconds: 1 }] });
    expect((await send(alex, { recipientId: urn(SANDBOX.tom), text: 'After a 503' })).status).toBe(200);
    await api('GET', `/v1/accounts/${jordan}/status?refresh=true`, { key });

    // The session expires; the user reconnects with fresh cookies, and the account sends again.
    await emulator('PATCH', `/accounts/${SANDBOX.alex}`, { expired: true });
    await waitFor('the expired session to show', async () => (await api('GET', `/v1/accounts/${alex}/status?refresh=true`, { key })).body?.status === 'disconnected', 30_000, 500);
    expect((await send(alex, { recipientId: urn(SANDBOX.sarah), text: 'Refused while disconnected' })).status).toBe(409);
    expect((await api('PATCH', `/v1/accounts/${alex}`, { key, body: await freshCookies(SANDBOX.alex) })).status).toBe(200);
    expect((await send(alex, { recipientId: urn(SANDBOX.sarah), text: 'Back again' })).status).toBe(200);
    expect((await api('GET', '/v1/accounts', { key })).status).toBe(200);

    // A canary proves the history scan reads what it should: a run whose input carries a cookie-like value.
    const client = await temporalClient();
    const canary: Secret = { label: 'canary', value: `AQEDcanary${randomBytes(16).toString('hex')}` };
    const canaryRun = await client.workflow.start('secretsCanary', { taskQueue: 'secrets-canary', workflowId: `secrets-canary-${canary.value.slice(-8)}`, args: [{ liAt: canary.value }] });
    await canaryRun.terminate('canary of the secrets scan');
    const scan = await scanEverywhere({ client, logsDir: join(stackInfo().dataDir, 'logs'), answers: recorder.answers, databaseUrl: stackInfo().databaseUrl, secrets: [...secrets, canary] });
    expect(scan.findings.filter((f) => f.secret === 'canary').map((f) => f.where)).toContain(`history ${canaryRun.workflowId} (decoded json/plain)`);
    console.warn(`secrets scan: ${secrets.length} cookie values (sandbox, fresh at connect, fresh again after the expiry)\n${scan.summary}`);
    expect(scan.temporal.runs).toBeGreaterThanOrEqual(8);
    expect(scan.temporal.opaquePayloads).toBe(0);
    expect(scan.logs.files).toEqual(expect.arrayContaining(['api.log', 'worker.log', 'temporal.log', 'emulator.log']));
    expect(scan.db.encryptedCookieRows).toBeGreaterThanOrEqual(2);
    expect(describeFindings(scan.findings.filter((f) => f.secret !== 'canary'))).toBe('');
  });
});
