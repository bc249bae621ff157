import { api, createWorkspace } from './support/api-client';
import { connectAccount, routeCounts } from './support/accounts';
import { SANDBOX, emulator } from './support/emulator-admin';
import { closeTemporalClient, recordHistory, temporalClient } from './support/sequences';
import { waitFor } from './support/wait-for';

const sarah = `urn:li:fsd_profile:${SANDBOX.sarah}`;

describe('messaging actions: typing, read state, recall (each a Temporal activity)', () => {
  let key: string;
  let accountId: string;
  let conversationUrn: string;
  let messageUrn: string;
  let other: { key: string; accountId: string };
  // This spec's own workspaces: other specs' action runs share the Temporal namespace.
  const workspaces: string[] = [];

  beforeAll(async () => {
    await emulator('POST', '/reset');
    let workspaceId: string;
    ({ key, workspaceId } = await createWorkspace());
    workspaces.push(workspaceId);
    accountId = await connectAccount(key, SANDBOX.alex);
    const sent = await api('POST', '/v1/messages', { key, body: { recipientId: sarah, text: 'Seeding a thread for actions' } });
    expect(sent.status).toBe(200);
    conversationUrn = sent.body.conversationUrn;
    messageUrn = sent.body.messageUrn;
    const second = await createWorkspace();
    workspaces.push(second.workspaceId);
    other = { key: second.key, accountId: await connectAccount(second.key, SANDBOX.jordan) };
  });

  afterAll(async () => {
    // THREADLINE_RECORD_HISTORIES=1 saves one run of each action type as a replay fixture.
    if (process.env.THREADLINE_RECORD_HISTORIES === '1') {
      const recorded = new Set<string>();
      for (const run of await completedActionRuns()) {
        if (recorded.has(run.action)) continue;
        recorded.add(run.action);
        await recordHistory(`account-action-${run.action.replace(/_/g, '-')}`, run.workflowId);
      }
    }
    await closeTemporalClient();
  });

  it('sends one typing ping when POST /messaging/typing-indicator names a conversation', async () => {
    const before = (await routeCounts(SANDBOX.alex)).typing ?? 0;
    const res = await api('POST', '/v1/messaging/typing-indicator', { key, body: { conversationUrn } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, accountId, conversationUrn, status: 'done' });
    expect((await routeCounts(SANDBOX.alex)).typing).toBe(before + 1);
  });

  it('marks a conversation unread then seen, at the v1 and hosted paths', async () => {
    const unread = await api('PATCH', `/linkedin/conversations/${encodeURIComponent(conversationUrn)}/mark-unread`, { key });
    expect(unread.status).toBe(200);
    expect(unread.body).toMatchObject({ success: true, conversationUrn });
    let threads = await emulator('GET', `/threads?account=${SANDBOX.alex}`);
    const view = () => threads.threads.map((t: { views: Record<string, { read: boolean }> }) => t.views[SANDBOX.alex]).find((v: { read: boolean } | undefined) => v && !v.read);
    expect(view()).toBeDefined();

    const seen = await api('POST', '/linkedin/messaging/mark-seen', { key, body: { accountId, conversationUrn } });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ success: true, accountId, conversationUrn, message: 'Conversation marked as seen successfully' });
    threads = await emulator('GET', `/threads?account=${SANDBOX.alex}`);
    expect(view()).toBeUndefined();
  });

  it('marks every unread conversation read with mark-all-read', async () => {
    await emulator('POST', `/members/${SANDBOX.marcus}/reply`, { text: 'Unread reply', accountProfileId: SANDBOX.alex });
    const res = await api('POST', '/v1/messaging/mark-all-read', { key, body: {} });
    expect(res.status).toBe(200);
    expect(res.body.conversationUrns.length).toBeGreaterThanOrEqual(1);
    expect((await routeCounts(SANDBOX.alex)).markAllSeen).toBeGreaterThanOrEqual(1);
    const threads = await emulator('GET', `/threads?account=${SANDBOX.alex}`);
    for (const t of threads.threads) if (t.views[SANDBOX.alex]) expect(t.views[SANDBOX.alex].read).toBe(true);
  });

  it('recalls a sent message with DELETE /conversations/{urn}/messages/{urn}', async () => {
    const res = await api('DELETE', `/v1/conversations/${encodeURIComponent(conversationUrn)}/messages/${encodeURIComponent(messageUrn)}`, { key });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, messageUrn, message: 'Message recalled' });
    expect((await routeCounts(SANDBOX.alex)).recall).toBe(1);
  });

  it('acts once for a retried Idempotency-Key and replays the stored answer', async () => {
    const before = (await routeCounts(SANDBOX.alex)).typing ?? 0;
    const request = { key, headers: { 'Idempotency-Key': `typing-${Date.now()}` }, body: { conversationUrn } };
    const first = await api('POST', '/v1/messaging/typing-indicator', request);
    const second = await api('POST', '/v1/messaging/typing-indicator', request);
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect((await routeCounts(SANDBOX.alex)).typing).toBe(before + 1);
    const changed = await api('POST', '/v1/messaging/typing-indicator', { ...request, body: { conversationUrn: `${conversationUrn}x` } });
    expect(changed.status).toBe(422);
    expect(changed.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('answers 400 naming the field when conversationUrn is missing or malformed', async () => {
    const missing = await api('POST', '/v1/messaging/mark-seen', { key, body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ success: false, code: 'VALIDATION_FAILED', field: 'conversationUrn' });
    const bad = await api('POST', '/v1/messaging/typing-indicator', { key, body: { conversationUrn: 'hello' } });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('conversationUrn');
  });

  it('never lets another workspace act with this account (404 on every action)', async () => {
    const asOther = { key: other.key, headers: { 'X-Account-Id': accountId } };
    const calls = [
      api('POST', '/v1/messaging/typing-indicator', { ...asOther, body: { conversationUrn } }),
      api('POST', '/v1/messaging/mark-seen', { ...asOther, body: { conversationUrn } }),
      api('PATCH', `/v1/conversations/${encodeURIComponent(conversationUrn)}/mark-unread`, asOther),
      api('POST', '/v1/messaging/mark-all-read', { ...asOther, body: {} }),
      api('DELETE', `/v1/conversations/${encodeURIComponent(conversationUrn)}/messages/${encodeURIComponent(messageUrn)}`, asOther),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('ACCOUNT_NOT_FOUND');
    }
  });

  it('answers 401 for an unknown key and 409 for a disconnected account', async () => {
    expect((await api('POST', '/v1/messaging/mark-all-read', { key: 'tl_unknown', body: {} })).status).toBe(401);
    await emulator('PATCH', `/accounts/${SANDBOX.jordan}`, { expired: true });
    const check = await api('GET', `/v1/accounts/${other.accountId}/status?refresh=true`, { key: other.key });
    expect(check.body.status).toBe('disconnected');
    const res = await api('POST', '/v1/messaging/mark-all-read', { key: other.key, body: {} });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ACCOUNT_DISCONNECTED');
    await emulator('PATCH', `/accounts/${SANDBOX.jordan}`, { expired: false });
  });

  it('runs each action type as its own activity, so the Web UI and metrics tell them apart', async () => {
    const activityTypes = async () => {
      const types = new Set<string>();
      for (const run of (await completedActionRuns()).filter((r) => workspaces.some((ws) => r.workflowId.startsWith(`action:${ws}:`)))) {
        for (const event of (await (await temporalClient()).workflow.getHandle(run.workflowId).fetchHistory()).events ?? []) {
          const name = event.activityTaskScheduledEventAttributes?.activityType?.name;
          if (name) types.add(name);
        }
      }
      return [...types].sort();
    };
    const expected = ['checkStatus', 'markAllRead', 'markRead', 'recall', 'typing'];
    // Visibility lags a run's completion a little.
    const types = await waitFor('the account-action runs to be listed', async () => {
      const seen = await activityTypes();
      return expected.every((t) => seen.includes(t)) || seen.includes('runAccountAction') ? seen : undefined;
    }, 15_000);
    expect(types).toEqual(expected);
  });
});

/** The completed account-action runs of this stack, with the action type from their memo. */
async function completedActionRuns(): Promise<Array<{ workflowId: string; action: string }>> {
  const runs: Array<{ workflowId: string; action: string }> = [];
  for await (const run of (await temporalClient()).workflow.list({ query: `WorkflowType = 'accountActionWorkflow' AND ExecutionStatus = 'Completed'` })) {
    runs.push({ workflowId: run.workflowId, action: String(run.memo?.action) });
  }
  return runs;
}
