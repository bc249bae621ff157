import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { unwrap } from '@threadline/client';
import { ManagedProcess } from '../scripts/managed-process';
import { freePort } from '../scripts/stack';
import { api, createWorkspace, threadline } from './support/api-client';
import { connectAccount } from './support/accounts';
import { SANDBOX, received } from './support/emulator-admin';
import { ALWAYS_OPEN, type Member, loadScenarioWithMembers, publishedSequence, resetEmulator, waitForSent } from './support/sequences';
import { stackInfo } from './support/stack-info';
import { waitFor } from './support/wait-for';

const MAIN = join(__dirname, '..', 'dist/apps/mcp/src/main.js');
const TOOLS = ['get_account_limits', 'get_lead_timeline', 'list_accounts', 'list_campaigns', 'list_conversations', 'mark_seen', 'pause_campaign', 'read_conversation', 'resume_campaign', 'send_message', 'start_campaign'];

type ToolAnswer = { isError?: boolean; content: Array<{ type: string; text?: string }> };
const textOf = (answer: unknown) => (answer as ToolAnswer).content.map((c) => c.text ?? '').join('\n');
/** A tool's JSON answer; fails with the tool's own text when it refused. */
function json<T = any>(answer: unknown): T { // eslint-disable-line @typescript-eslint/no-explicit-any
  if ((answer as ToolAnswer).isError) throw new Error(`the tool refused: ${textOf(answer)}`);
  return JSON.parse(textOf(answer)) as T;
}

describe('the MCP server, driven by the SDK\'s own client over stdio and streamable HTTP', () => {
  let key: string;
  let alex: string;
  let lead: Member;
  let stdio: Client;

  beforeAll(async () => {
    // The sandbox plus one person connected to Alex whom nobody has written to (a campaign lead).
    [lead] = await loadScenarioWithMembers(1);
    ({ key } = await createWorkspace());
    alex = await connectAccount(key, SANDBOX.alex);
    stdio = new Client({ name: 'threadline-e2e', version: '1.0.0' });
    await stdio.connect(new StdioClientTransport({
      command: process.execPath,
      args: [MAIN],
      env: { THREADLINE_API_URL: stackInfo().apiUrl, THREADLINE_API_KEY: key, MCP_SEND_WAIT_SECONDS: '60', LOG_LEVEL: 'warn' },
      stderr: 'inherit',
    }));
  });

  afterAll(async () => {
    await stdio?.close();
    await api('PATCH', `/v1/accounts/${alex}`, { key, body: { dailyMessageCap: null } });
    await resetEmulator();
  });

  it('lists its tools, and each description says what the tool spends', async () => {
    const { tools } = await stdio.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOLS);
    for (const tool of tools) expect(`${tool.name}: ${tool.description}`).toMatch(/spends/i);
    expect(tools.find((t) => t.name === 'send_message')!.description).toMatch(/one message of the sending account's daily cap/);
    expect(tools.find((t) => t.name === 'send_message')!.inputSchema.required).toEqual(['text']);
  });

  it('sends a message with a typing indicator that reaches LinkedIn, reads it back, marks the conversation seen and shows it in the limits', async () => {
    const before = (await received(SANDBOX.alex)).length;
    const limitsBefore = json(await stdio.callTool({ name: 'get_account_limits', arguments: {} }));
    const text = `Sent by an agent through MCP ${Date.now()}`;
    const sent = json(await stdio.callTool({ name: 'send_message', arguments: { recipientId: `urn:li:fsd_profile:${SANDBOX.sarah}`, text } }));
    expect(sent).toMatchObject({ status: 'sent', accountId: alex, messageUrn: expect.stringMatching(/^urn:li:msg_message:/), conversationUrn: expect.stringMatching(/^urn:li:msg_conversation:/) });
    expect((await received(SANDBOX.alex)).slice(before).map((m) => m.text)).toEqual([text]);

    const listed = await waitFor('the conversation in the synced inbox', async () => {
      const { conversations } = json(await stdio.callTool({ name: 'list_conversations', arguments: { count: 50 } }));
      return conversations.find((c: { conversationUrn: string }) => c.conversationUrn === sent.conversationUrn);
    });
    expect(listed).toMatchObject({ participants: [expect.objectContaining({ profileUrn: `urn:li:fsd_profile:${SANDBOX.sarah}` })] });
    const thread = await waitFor('the sent message in the conversation', async () => {
      const { messages } = json(await stdio.callTool({ name: 'read_conversation', arguments: { conversationUrn: sent.conversationUrn } }));
      return messages.find((m: { messageUrn: string }) => m.messageUrn === sent.messageUrn);
    });
    expect(thread).toMatchObject({ direction: 'outbound', text });
    expect(json(await stdio.callTool({ name: 'mark_seen', arguments: { conversationUrn: sent.conversationUrn } }))).toMatchObject({ status: 'done', accountId: alex });

    const limitsAfter = json(await stdio.callTool({ name: 'get_account_limits', arguments: { accountId: alex } }));
    expect(limitsAfter).toMatchObject({ accountId: alex, actions: { messages: { daily: { used: limitsBefore.actions.messages.daily.used + 1 } } } });
  });

  describe('over streamable HTTP', () => {
    let mcp: ManagedProcess;
    let url: string;

    beforeAll(async () => {
      const port = await freePort();
      url = `http://127.0.0.1:${port}/mcp`;
      mcp = new ManagedProcess({
        name: 'mcp', command: process.execPath, args: [MAIN], cwd: join(__dirname, '..'),
        env: { ...process.env, THREADLINE_API_URL: stackInfo().apiUrl, MCP_TRANSPORT: 'http', MCP_PORT: String(port), LOG_LEVEL: 'info' },
        readyLine: /mcp listening on/, logFile: join(stackInfo().dataDir, 'logs', 'mcp.log'),
      });
      await mcp.start(30_000);
    });

    afterAll(async () => {
      await mcp?.stop();
      mcp?.close();
    });

    const connect = async (apiKey: string) => {
      const client = new Client({ name: 'threadline-e2e-http', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${apiKey}` } } }));
      return client;
    };

    it('answers 401 with a Bearer challenge without a key or with a key the API refuses', async () => {
      const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };
      for (const headers of [{}, { Authorization: 'Bearer tl_not_a_key' }] as Array<Record<string, string>>) {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers }, body: JSON.stringify(initialize) });
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^UNAUTHORIZED/);
      }
      await expect(connect('tl_not_a_key')).rejects.toThrow();
    });

    it('starts, pauses and resumes a campaign and reads its lead\'s timeline, for the workspace of the Bearer key only', async () => {
      const sequenceId = await publishedSequence(key, [
        { id: 'hello', type: 'typing_and_send', template: 'Hi {{firstName|there}}, from an MCP-started campaign' },
        { id: 'later', type: 'wait', duration: '1d' },
        { id: 'done', type: 'end' },
      ]);
      const created = await api('POST', '/v1/campaigns', { key, body: { name: 'MCP campaign', sequenceId, senders: [{ accountId: alex }], workingHours: ALWAYS_OPEN } });
      expect(created.status).toBe(201);
      const campaignId = created.body.campaign.id as string;
      const added = await api('POST', `/v1/campaigns/${campaignId}/leads`, { key, body: { leads: [{ profile: lead.urn }] } });
      const leadId = added.body.leads[0].id as string;

      const client = await connect(key);
      try {
        const { campaigns } = json(await client.callTool({ name: 'list_campaigns', arguments: {} }));
        expect(campaigns.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([[campaignId, 'draft']]);
        expect(json(await client.callTool({ name: 'start_campaign', arguments: { campaignId } }))).toMatchObject({ id: campaignId, status: 'running' });
        // The first step's message reached LinkedIn; the lead now waits a day on its second step (its run records the
        // send a moment after LinkedIn has it: wait for the timeline to say so before pausing).
        await waitForSent(lead, 1);
        await waitFor('the lead on its second step', async () => {
          const t = json<{ entries: Array<{ type: string; stepId: string | null }> }>(await client.callTool({ name: 'get_lead_timeline', arguments: { campaignId, leadId } }));
          return t.entries.some((e) => e.type === 'step_started' && e.stepId === 'later') || undefined;
        }, 30_000, 300);
        expect(json(await client.callTool({ name: 'pause_campaign', arguments: { campaignId } }))).toMatchObject({ id: campaignId, status: 'paused' });
        expect(json(await client.callTool({ name: 'resume_campaign', arguments: { campaignId } }))).toMatchObject({ id: campaignId, status: 'running' });
        // The coordinator fans the resume out to the lead's run, which then records it: read until it has.
        type Timeline = { leadId: string; state: string; entries: Array<{ type: string; stepId: string | null }> };
        const timeline = await waitFor('the lead active again', async () => {
          const t = json<Timeline>(await client.callTool({ name: 'get_lead_timeline', arguments: { campaignId, leadId } }));
          return t.state === 'active' ? t : undefined;
        }, 20_000, 300);
        expect(timeline).toMatchObject({ leadId, state: 'active' });
        expect(timeline.entries.map((e) => `${e.type}:${e.stepId}`)).toEqual(expect.arrayContaining(['sent:hello', 'step_started:later']));

        // Another workspace's key sees none of it.
        const other = await connect((await createWorkspace()).key);
        try {
          expect(json(await other.callTool({ name: 'list_campaigns', arguments: {} })).campaigns).toEqual([]);
          const foreign = await other.callTool({ name: 'pause_campaign', arguments: { campaignId } });
          expect(foreign.isError).toBe(true);
          expect(textOf(foreign)).toMatch(/NOT_FOUND/);
        } finally {
          await other.close();
        }
      } finally {
        await client.close();
        await api('POST', `/v1/campaigns/${campaignId}/cancel`, { key });
      }
    });
  });

  it('refuses a send past the account\'s daily cap with the API\'s code and message, and LinkedIn gets nothing', async () => {
    const tl = threadline(key);
    const { used } = (await unwrap(tl.GET('/v1/accounts/{id}/limits', { params: { path: { id: alex } } }))).actions.messages.daily;
    await unwrap(tl.PATCH('/v1/accounts/{id}', { params: { path: { id: alex } }, body: { dailyMessageCap: used } }));
    const before = (await received(SANDBOX.alex)).length;

    const refused = await stdio.callTool({ name: 'send_message', arguments: { recipientId: `urn:li:fsd_profile:${SANDBOX.sarah}`, text: 'One too many' } });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/^Threadline refused \(HTTP 429\) QUOTA_EXCEEDED: .+/);
    const direct = await tl.POST('/v1/messages', { body: { accountId: alex, recipientId: `urn:li:fsd_profile:${SANDBOX.sarah}`, text: 'One too many, directly' } });
    // The same words as the API's own answer.
    expect(textOf(refused)).toContain(direct.error!.error);
    expect((await received(SANDBOX.alex)).length).toBe(before);
  });
});
