import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { api, createWorkspace } from './support/api-client';
import { SANDBOX, accountCookies, emulator, received } from './support/emulator-admin';
import { closeTemporalClient, temporalClient } from './support/sequences';
import { stackInfo } from './support/stack-info';
import { waitFor } from './support/wait-for';

const sarah = `urn:li:fsd_profile:${SANDBOX.sarah}`;

describe('the first vertical slice: POST /v1/messages through Temporal to LinkedIn (emulated)', () => {
  let key: string;
  let accountId: string;
  let other: { key: string; accountId: string };

  afterAll(async () => {
    await closeTemporalClient();
  });

  beforeAll(async () => {
    await emulator('POST', '/reset');
    ({ key } = await createWorkspace());
    const connected = await api('POST', '/v1/accounts', { key, body: { name: 'Alex', ...(await accountCookies(SANDBOX.alex)) } });
    expect(connected.status).toBe(201);
    accountId = connected.body.account.id;

    const second = await createWorkspace();
    const jordan = await api('POST', '/v1/accounts', { key: second.key, body: await accountCookies(SANDBOX.jordan) });
    other = { key: second.key, accountId: jordan.body.account.id };
  });

  it('reports Postgres, Temporal and LinkedIn reachable when the stack is up', async () => {
    expect(await api('GET', '/health/ready')).toMatchObject({ status: 200, body: { status: 'up' } });
    const res = await api('GET', '/v1/admin/health', { key: stackInfo().adminToken });
    expect(res.status).toBe(200);
    expect(res.body.checks.postgres.ok).toBe(true);
    expect(res.body.checks.temporal.ok).toBe(true);
    expect(res.body.checks.linkedin.ok).toBe(true);
  });

  it('sends a message that the emulator receives once, and answers with its LinkedIn URNs', async () => {
    const before = (await received(SANDBOX.alex)).length;
    const res = await api('POST', '/v1/messages', {
      key,
      headers: { 'X-Account-Id': accountId },
      body: { recipientId: sarah, text: 'Hey Sarah — loved your post on RAG evals.' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, status: 'sent', accountId, recipientProfileUrn: sarah });
    expect(res.body.messageUrn).toMatch(/^urn:li:msg_message:\(urn:li:fsd_profile:ACoAA/);
    expect(res.body.conversationUrn).toMatch(/^urn:li:msg_conversation:/);
    expect(res.headers.get('x-ratelimit-limit')).toBe('1000'); // DAILY_MESSAGE_CAP of the e2e stack
    expect(Number(res.headers.get('x-ratelimit-remaining'))).toBeLessThan(1000);

    const after = await received(SANDBOX.alex);
    expect(after.length).toBe(before + 1);
    const last = after[after.length - 1]!;
    expect(last.text).toBe('Hey Sarah — loved your post on RAG evals.');
    expect(last.messageUrn).toBe(res.body.messageUrn);
    expect(last.originToken).toBeTruthy();

    const status = await api('GET', `/v1/messages/${res.body.messageId}`, { key });
    expect(status.body).toMatchObject({ status: 'sent', messageUrn: res.body.messageUrn });

    // The run is findable by account in Temporal visibility (what the Web UI filters on).
    const workflowId = decodeURIComponent(res.body.temporalUrl.split('/workflows/')[1]);
    const client = await temporalClient();
    await waitFor('the send in visibility by AccountId', async () => {
      for await (const run of client.workflow.list({ query: `AccountId='${accountId}'` })) if (run.workflowId === workflowId) return true;
      return undefined;
    }, 20_000, 300);
  });

  it('accepts the hosted API body style (accountId, recipientProfileUrn, message)', async () => {
    const res = await api('POST', '/linkedin/messaging/send', { key, body: { accountId, recipientProfileUrn: `urn:li:fsd_profile:${SANDBOX.priya}`, message: 'Hi Priya' } });
    expect(res.status).toBe(200);
    expect(res.body.recipientProfileUrn).toBe(`urn:li:fsd_profile:${SANDBOX.priya}`);
  });

  it('shows a typing indicator before the send when the conversation exists, and says so', async () => {
    const typingCalls = async () => (await emulator<{ byAccount: Record<string, Record<string, number>> }>('GET', '/requests')).byAccount[SANDBOX.alex]?.typing ?? 0;
    const before = await typingCalls();
    const res = await api('POST', '/v1/messaging/send-with-typing', { key, headers: { 'X-Account-Id': accountId }, body: { recipientId: sarah, text: 'Typed like a person.' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'sent', typingIndicatorSent: true });
    // About 2 s of typing, pinged every 300 ms in the test stack (TYPING_PING_MS).
    expect((await typingCalls()) - before).toBeGreaterThanOrEqual(3);

    const fresh = await api('POST', '/linkedin/messaging/send-with-typing', { key, body: { accountId, recipientProfileUrn: `urn:li:fsd_profile:${SANDBOX.marcus}`, message: 'A first line' } });
    expect(fresh.status).toBe(200);
    expect(typeof fresh.body.typingIndicatorSent).toBe('boolean');
  });

  it('sends once when the same Idempotency-Key is retried', async () => {
    const before = (await received(SANDBOX.alex)).length;
    const request = { key, headers: { 'X-Account-Id': accountId, 'Idempotency-Key': `retry-${Date.now()}` }, body: { recipientId: `urn:li:fsd_profile:${SANDBOX.tom}`, text: 'Only once, please' } };
    const [first, second] = await Promise.all([api('POST', '/v1/messages', request), api('POST', '/v1/messages', request)]);
    const third = await api('POST', '/v1/messages', request);
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    expect(new Set([first.body.messageId, second.body.messageId, third.body.messageId]).size).toBe(1);
    expect((await received(SANDBOX.alex)).length).toBe(before + 1);
  });

  it('refuses a reused Idempotency-Key with a different body with 422', async () => {
    const headers = { 'X-Account-Id': accountId, 'Idempotency-Key': `reuse-${Date.now()}` };
    await api('POST', '/v1/messages', { key, headers, body: { recipientId: sarah, text: 'first' } });
    const res = await api('POST', '/v1/messages', { key, headers, body: { recipientId: sarah, text: 'second' } });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ success: false, code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('answers 401 with a code when the API key is unknown or missing', async () => {
    for (const headers of [{ authorization: 'Bearer tl_not-a-real-key' }, {}] as Array<Record<string, string>>) {
      const res = await api('POST', '/v1/messages', { headers, body: { recipientId: sarah, text: 'x' } });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ success: false, code: 'UNAUTHORIZED' });
      expect(res.body.requestId).toBeTruthy();
    }
  });

  it('answers 404 when the account belongs to another workspace', async () => {
    const before = (await received(SANDBOX.jordan)).length;
    const res = await api('POST', '/v1/messages', { key, headers: { 'X-Account-Id': other.accountId }, body: { recipientId: sarah, text: 'x' } });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'ACCOUNT_NOT_FOUND', field: 'accountId' });
    expect((await api('GET', `/v1/accounts/${other.accountId}`, { key })).status).toBe(404);
    expect((await received(SANDBOX.jordan)).length).toBe(before);
  });

  it('answers 400 naming the field when the body is malformed', async () => {
    const cases: Array<[unknown, string]> = [
      [{ recipientId: sarah }, 'text'],
      [{ text: 'no recipient' }, 'recipientId'],
      [{ recipientId: sarah, text: 42 }, 'text'],
      [{ recipientId: sarah, text: 'x', messageType: 'carrier-pigeon' }, 'messageType'],
      [{ recipientId: sarah, text: 'x', surprise: true }, 'surprise'],
      [{ recipientId: sarah, text: 'x'.repeat(8001) }, 'text'],
    ];
    for (const [body, field] of cases) {
      const res = await api('POST', '/v1/messages', { key, headers: { 'X-Account-Id': accountId }, body });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ success: false, code: 'VALIDATION_FAILED', field });
    }
    const broken = await api('POST', '/v1/messages', { key, headers: { 'X-Account-Id': accountId, 'content-type': 'application/json' }, body: '{"recipientId": ' });
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('VALIDATION_FAILED');
  });

  it('answers 403 RECIPIENT_NOT_REACHABLE when LinkedIn refuses a non-connection', async () => {
    const res = await api('POST', '/v1/messages', { key, headers: { 'X-Account-Id': accountId }, body: { recipientId: `urn:li:fsd_profile:${SANDBOX.david}`, text: 'Hi David' } });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ success: false, code: 'RECIPIENT_NOT_REACHABLE' });
  });

  it('keeps the session cookies out of the database in clear, out of every log and out of every answer', async () => {
    const cookies = await accountCookies(SANDBOX.alex);
    const secrets = [cookies.liAt, cookies.jsessionId.replace(/"/g, '')];
    const db = new Client({ connectionString: stackInfo().databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query('SELECT row_to_json(a)::text AS row FROM linkedin_accounts a WHERE id = $1', [accountId]);
      expect(rows).toHaveLength(1);
      expect(rows[0].row).toContain('cookies_encrypted');
      for (const secret of secrets) expect(rows[0].row).not.toContain(secret);
    } finally {
      await db.end();
    }
    const logsDir = join(stackInfo().dataDir, 'logs');
    const logs = readdirSync(logsDir).filter((f) => f !== 'emulator.log').map((f) => readFileSync(join(logsDir, f), 'utf8')).join('\n');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(logs).not.toContain(secret);
    const listed = JSON.stringify((await api('GET', '/v1/accounts', { key })).body);
    for (const secret of secrets) expect(listed).not.toContain(secret);
  });
});
