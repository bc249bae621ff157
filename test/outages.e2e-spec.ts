import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, startStack, type Stack } from '../scripts/stack';
import { api, type ApiResponse, type RequestOptions } from './support/api-client';
import { SANDBOX, received } from './support/emulator-admin';
import { closeTemporalClient, getCampaign, loadScenarioWithMembers, type Member, runCampaign, sentTo, temporalClient, waitForLead, waitForSent, workspaceWithAlex } from './support/sequences';
import type { StackInfo } from './support/stack-info';
import { waitFor } from './support/wait-for';

jest.setTimeout(300_000);

// The promise is 2 s; the bound leaves slack for a loaded 2-core machine.
const FAST_MS = 3_000;
// How long each outage lasts: long enough for gRPC and the pg pool to give up on the service and back off.
const OUTAGE_MS = 30_000;

async function timed(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse & { ms: number }> {
  const start = Date.now();
  const res = await api(method, path, options);
  return { ...res, ms: Date.now() - start };
}

/** A fast 503 in the error envelope with a Retry-After. */
function expectUnavailable(res: ApiResponse & { ms: number }, what: string): void {
  expect({ what, status: res.status, code: res.body?.code, fast: res.ms < FAST_MS }).toEqual({ what, status: 503, code: 'SERVICE_UNAVAILABLE', fast: true });
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(res.body.requestId).toEqual(expect.any(String));
}

/** Polls for `forMs` and fails as soon as the value changes: something that must not happen for a while. */
async function expectUnchanged<T>(what: string, probe: () => Promise<T>, forMs: number): Promise<T> {
  const first = JSON.stringify(await probe());
  for (const until = Date.now() + forMs; Date.now() < until;) {
    await new Promise((r) => setTimeout(r, 250));
    expect({ what, value: JSON.stringify(await probe()) }).toEqual({ what, value: first });
  }
  return JSON.parse(first) as T;
}

/**
 * Postgres and Temporal go away for 30 s under a running campaign, on a private stack (Temporal keeps
 * its state in a file, so it can restart): the API answers 503 with Retry-After within 2 s, stores no
 * half-done lifecycle change, and answers again once the service is back, without a restart; the
 * worker carries on by itself.
 */
describe('outages of Postgres and Temporal (private stack, services stopped and started)', () => {
  let stack: Stack;
  let dataDir: string;
  let key: string;
  let alexId: string;
  let members: Member[];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'threadline-outages-'));
    chmodSync(dataDir, 0o755);
    stack = await startStack({
      rootDir: resolve(__dirname, '..'),
      dataDir,
      ports: { api: await freePort(), emulator: await freePort(), temporal: await freePort(), temporalUi: 0, postgres: await freePort() },
      persistTemporal: true,
      postgresAsProcess: true,
      log: (line) => console.warn(`[outages] ${line}`),
      echo: false,
      env: { SEND_SPACING_SECONDS: '0.2', TYPING_MS_PER_CHAR: '5', TYPING_PING_MS: '300', SEND_WAIT_MS: '30000', API_RATE_LIMIT_PER_MINUTE: '100000', INBOX_POLL_SECONDS: '2' },
    });
    // Every helper of test/support talks to the stack named here: this file's own.
    const info: StackInfo = { apiUrl: stack.apiUrl, emulatorUrl: stack.emulatorUrl, adminToken: stack.adminToken, temporalAddress: stack.temporalAddress, namespace: stack.namespace, databaseUrl: stack.databaseUrl, dataDir };
    process.env.THREADLINE_E2E = JSON.stringify(info);
    members = await loadScenarioWithMembers(4);
    ({ key, alexId } = await workspaceWithAlex());
  });

  afterAll(async () => {
    await closeTemporalClient();
    await stack?.stop();
    rmSync(join(dataDir, 'postgres'), { recursive: true, force: true });
  });

  it('answers 503 with Retry-After within 2 s while Postgres is down, and 200 again once it is back', async () => {
    const send = (text: string) => timed('POST', '/v1/messages', { key, body: { recipientId: `urn:li:fsd_profile:${SANDBOX.sarah}`, text } });
    expect((await timed('GET', '/v1/accounts', { key })).status).toBe(200);

    await stack.postgres!.stop();
    try {
      const downUntil = Date.now() + OUTAGE_MS;
      expectUnavailable(await timed('GET', '/v1/accounts', { key }), 'accounts');
      expectUnavailable(await timed('GET', `/v1/accounts/${alexId}`, { key }), 'one account');
      expectUnavailable(await timed('GET', '/v1/campaigns', { key }), 'campaigns');
      expectUnavailable(await send('Hello during a database outage'), 'a send');
      // Still fast after the pool has failed for a while.
      while (Date.now() < downUntil) {
        expectUnavailable(await timed('GET', '/v1/conversations', { key }), 'conversations');
        await new Promise((r) => setTimeout(r, 2_000));
      }
      expect(stack.processes.worker.running && stack.processes.api.running).toBe(true);
    } finally {
      await stack.postgres!.start();
    }
    await waitFor('the API to answer again', async () => (await timed('GET', '/v1/accounts', { key })).status === 200 || undefined, 20_000, 250);
    // The worker recovered too: a send goes all the way to LinkedIn.
    const res = await send('Hello after the database outage');
    expect(res.status).toBe(200);
    expect((await received(SANDBOX.alex)).map((m) => m.text)).toContain('Hello after the database outage');
    expect((await received(SANDBOX.alex)).map((m) => m.text)).not.toContain('Hello during a database outage');
  });

  it('answers 503 within 2 s while Temporal is down, stores no pause, and a retried pause after it returns stops the sends', async () => {
    const leads = members.slice(0, 3);
    const steps = [
      { id: 's1', type: 'typing_and_send', template: 'One.' }, { id: 'w1', type: 'wait', duration: '3s' },
      { id: 's2', type: 'typing_and_send', template: 'Two.' }, { id: 'w2', type: 'wait', duration: '3s' },
      { id: 's3', type: 'typing_and_send', template: 'Three.' }, { id: 'w3', type: 'wait', duration: '3s' },
      { id: 's4', type: 'typing_and_send', template: 'Four.' },
    ];
    const { campaignId, leadIds } = await runCampaign(key, steps, leads.map((m) => ({ profile: m.urn })), { senders: [alexId] });
    await Promise.all(leads.map((m) => waitForSent(m, 1))).catch(async (err: Error) => {
      const timelines = await Promise.all(leadIds.map(async (id) => (await api('GET', `/v1/campaigns/${campaignId}/leads/${id}/timeline`, { key })).body.timeline?.entries));
      throw new Error(`${err.message}\ncampaign: ${JSON.stringify(await getCampaign(key, campaignId))}\nlead timelines: ${JSON.stringify(timelines)}`);
    });
    // LinkedIn has the message before the run records it: the first lead's timeline says sent before Temporal goes.
    const entries = async () => ((await api('GET', `/v1/campaigns/${campaignId}/leads/${leadIds[0]}/timeline`, { key })).body.timeline?.entries ?? []) as Array<{ type: string }>;
    await waitFor('the first send on the timeline', async () => (await entries()).some((e) => e.type === 'sent') || undefined, 30_000, 200);

    await stack.processes.temporal!.stop();
    try {
      const downUntil = Date.now() + OUTAGE_MS;
      expectUnavailable(await timed('POST', '/v1/messages', { key, body: { recipientId: `urn:li:fsd_profile:${SANDBOX.sarah}`, text: 'Hello during a Temporal outage' } }), 'a send');
      expectUnavailable(await timed('POST', `/v1/campaigns/${campaignId}/pause`, { key }), 'pause');
      // Nothing stored: the campaign still says running, as it does in Temporal.
      expect((await getCampaign(key, campaignId)).status).toBe('running');
      // The timeline is read from Postgres: it answers, without the live state only Temporal knows.
      const timeline = await timed('GET', `/v1/campaigns/${campaignId}/leads/${leadIds[0]}/timeline`, { key });
      expect({ status: timeline.status, fast: timeline.ms < FAST_MS, now: timeline.body.timeline?.now }).toEqual({ status: 200, fast: true, now: null });
      expect(timeline.body.timeline.entries.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['enrolled', 'step_started', 'sent']));
      while (Date.now() < downUntil) {
        expectUnavailable(await timed('POST', `/v1/campaigns/${campaignId}/pause`, { key }), 'pause, again');
        await new Promise((r) => setTimeout(r, 2_000));
      }
      expect(stack.processes.worker.running && stack.processes.api.running).toBe(true);
    } finally {
      await stack.processes.temporal!.start();
    }
    // The retry pauses: 200 once the API reaches Temporal again, without a restart.
    const paused = await waitFor('the retried pause to succeed', async () => {
      const res = await timed('POST', `/v1/campaigns/${campaignId}/pause`, { key });
      return res.status === 200 ? res : undefined;
    }, 30_000, 250);
    expect(paused.body.campaign.status).toBe('paused');

    // Every lead still running reaches its pause (the worker is back too), then nothing more is sent.
    const client = await temporalClient();
    const live = async () => {
      const states = await Promise.all(leadIds.map(async (id) => (await api('GET', `/v1/campaigns/${campaignId}/leads/${id}`, { key })).body.lead.state as string));
      // Live leads of a paused campaign read `paused` (issue 17: the lead's state is the workflow's).
      return leadIds.filter((_, i) => states[i] === 'active' || states[i] === 'paused');
    };
    await waitFor('every live lead to wait paused', async () => {
      let n = 0;
      for await (const _ of client.workflow.list({ query: `CampaignId='${campaignId}' AND LeadStatus='paused'` })) n++;
      return n > 0 && n === (await live()).length || undefined;
    }, 30_000, 500);
    const before = await expectUnchanged('the messages the leads received while paused', async () => (await Promise.all(leads.map((m) => sentTo(m)))).map((s) => s.length), 6_000);
    expect(before.some((n) => n < 4)).toBe(true);

    // Resume: the campaign finishes, each step sent once.
    expect((await api('POST', `/v1/campaigns/${campaignId}/resume`, { key })).status).toBe(200);
    for (const id of leadIds) expect((await waitForLead(key, campaignId, id, ['completed', 'failed'], 90_000)).state).toBe('completed');
    for (const m of leads) expect((await sentTo(m)).map((r) => r.text)).toEqual(['One.', 'Two.', 'Three.', 'Four.']);
    expect((await received(SANDBOX.alex)).map((m) => m.text)).not.toContain('Hello during a Temporal outage');
  });
});
