import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { api } from './support/api-client';
import { SANDBOX } from './support/emulator-admin';
import { closeTemporalClient, loadScenarioWithMembers, resetEmulator, runCampaign, temporalClient, waitForLead, workspaceWithAlex } from './support/sequences';
import { stackInfo } from './support/stack-info';
import { waitFor } from './support/wait-for';

jest.setTimeout(120_000);

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/**
 * Message texts, lead attributes, names and profile URNs never sit in clear in Temporal's history:
 * each history is read with a client that has no codec, and its raw bytes are searched.
 */
describe('Temporal payload encryption (codec on the API, the worker and the codec endpoint)', () => {
  let raw: Client;
  let key: string;
  let alexId: string;

  /** A run's whole history as the server stores it, in bytes, once the run has closed (described with the codec: its memo is encrypted too). */
  const historyBytes = async (workflowId: string): Promise<Buffer> => {
    const described = (await temporalClient()).workflow.getHandle(workflowId);
    await waitFor(`${workflowId} to close`, async () => (await described.describe()).status.name !== 'RUNNING' || undefined, 60_000, 300);
    return Buffer.from(temporal.api.history.v1.History.encode(await raw.workflow.getHandle(workflowId).fetchHistory()).finish());
  };
  const expectNoneIn = (bytes: Buffer, secrets: string[]) => {
    for (const secret of secrets) expect({ secret, found: bytes.includes(Buffer.from(secret)) }).toEqual({ secret, found: false });
    // And the payloads are there, encrypted (not merely missing).
    expect(bytes.includes(Buffer.from('binary/encrypted'))).toBe(true);
  };

  beforeAll(async () => {
    const { temporalAddress, namespace } = stackInfo();
    raw = new Client({ connection: await Connection.connect({ address: temporalAddress }), namespace });
    ({ key, alexId } = await workspaceWithAlex());
  });

  afterAll(async () => {
    await raw.connection.close();
    await closeTemporalClient();
    await resetEmulator();
  });

  it('keeps an API send\'s text out of its history in clear, while the API still reads the send', async () => {
    const text = `Private note ${unique()} about the offer`;
    const res = await api('POST', '/v1/messages', { key, body: { recipientId: `urn:li:fsd_profile:${SANDBOX.sarah}`, text } });
    expect(res.status).toBe(200);
    const workflowId = decodeURIComponent(res.body.temporalUrl.split('/workflows/')[1]);
    expectNoneIn(await historyBytes(workflowId), [text, SANDBOX.sarah]);
    expect((await api('GET', `/v1/messages/${res.body.messageId}`, { key })).body).toMatchObject({ status: 'sent', text });
  });

  it('keeps a lead\'s message, attributes, name and profile out of its history in clear, while the timeline still reads the run', async () => {
    const [member] = await loadScenarioWithMembers(1);
    const firstName = `Zeb${unique()}`;
    const company = `Acme${unique()}`;
    const { campaignId, leadIds } = await runCampaign(key, [{ id: 'hello', type: 'typing_and_send', template: 'Hi {{firstName}}, how is {{company}}?' }], [{ profile: member!.urn, attributes: { firstName, lastName: 'Quux', company } }], { senders: [alexId] });
    expect((await waitForLead(key, campaignId, leadIds[0]!, ['completed', 'failed'])).state).toBe('completed');
    const leadHistory = await historyBytes(`lead:${campaignId}:${leadIds[0]}`);
    expectNoneIn(leadHistory, [firstName, company, 'Quux', `Hi ${firstName}`, member!.profileId]);

    const timeline = (await api('GET', `/v1/campaigns/${campaignId}/leads/${leadIds[0]}/timeline`, { key })).body.timeline;
    expect(timeline.entries.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['enrolled', 'step_started', 'sent', 'run_completed']));
    expect(timeline.entries.find((e: { type: string }) => e.type === 'sent')).toMatchObject({ stepId: 'hello', detail: { messageUrn: expect.stringContaining('urn:li:msg_message:') } });
  });

  describe('the codec endpoint (Temporal remote codec protocol, for the Web UI)', () => {
    const { adminToken, apiUrl } = stackInfo();
    type PayloadsJson = { payloads: Array<{ metadata: Record<string, string>; data: string }> };
    const post = (op: 'encode' | 'decode', body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${apiUrl}/codec/${op}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-namespace': 'threadline', ...headers }, body: JSON.stringify(body) });
    const asOperator = { authorization: `Bearer ${adminToken}` };
    const plain = { payloads: [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from(JSON.stringify({ text: 'hello codec' })).toString('base64') }] };

    it('decodes what it encoded for the operator, and a real run\'s input', async () => {
      const encoded = (await (await post('encode', plain, asOperator)).json()) as PayloadsJson;
      expect(Buffer.from(encoded.payloads[0].metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
      const decoded = await post('decode', encoded, asOperator);
      expect(decoded.status).toBe(200);
      expect(await decoded.json()).toEqual(plain);

      const text = `Codec endpoint ${unique()}`;
      const sent = await api('POST', '/v1/messages', { key, body: { recipientId: `urn:li:fsd_profile:${SANDBOX.priya}`, text } });
      const history = await raw.workflow.getHandle(decodeURIComponent(sent.body.temporalUrl.split('/workflows/')[1])).fetchHistory();
      const input = history.events![0]!.workflowExecutionStartedEventAttributes!.input!;
      const json = temporal.api.common.v1.Payloads.toObject(temporal.api.common.v1.Payloads.create(input), { bytes: String });
      const read = (await (await post('decode', json, asOperator)).json()) as PayloadsJson;
      expect(Buffer.from(read.payloads[0].data, 'base64').toString()).toContain(text);
    });

    it('refuses a caller without the operator token, or with a workspace API key', async () => {
      for (const headers of [{}, { authorization: 'Bearer not-the-token' }, { authorization: `Bearer ${key}` }] as Array<Record<string, string>>) {
        const res = await post('decode', plain, headers);
        expect(res.status).toBe(401);
        expect(((await res.json()) as { code: string }).code).toBe('UNAUTHORIZED');
      }
    });

    it('refuses a body that is not Payloads, naming the field', async () => {
      const res = await post('decode', { payloads: [{ data: 'not base64!' }] }, asOperator);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: expect.stringContaining('payloads') });
    });

    it('lets the Web UI\'s origin (and only it) call it from a browser', async () => {
      const preflight = (origin: string) => fetch(`${apiUrl}/codec/decode`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' } });
      const uiOrigin = stackInfo().temporalUiUrl!;
      const ui = await preflight(uiOrigin);
      expect(ui.status).toBe(204);
      expect(ui.headers.get('access-control-allow-origin')).toBe(uiOrigin);
      expect(ui.headers.get('access-control-allow-headers')).toMatch(/X-Namespace/i);
      expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});
