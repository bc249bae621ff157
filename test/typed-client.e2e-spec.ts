import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ThreadlineApiError, createThreadlineClient } from '@threadline/client';
import { CLIENT_DOCUMENT_PATH, differences, renderClientDocument } from '../scripts/client-schema';
import { createWorkspace, recordApiAnswers, threadline } from './support/api-client';
import { connectAccount } from './support/accounts';
import { startApiReplica } from './support/api-replica';
import { SANDBOX, received } from './support/emulator-admin';
import { ResponseSchemas } from './support/response-schemas';
import { stackInfo } from './support/stack-info';

const urn = (id: string) => `urn:li:fsd_profile:${id}`;

describe('the typed client (@threadline/client) against the running API', () => {
  let key: string;
  let alex: string;
  // Every answer the client gets here (not the replica's), checked against the document at the end.
  const recorder = recordApiAnswers();

  beforeAll(async () => {
    ({ key } = await createWorkspace());
    alex = await connectAccount(key, SANDBOX.alex);
  });

  afterAll(() => recorder.stop());

  it('was generated from the document the running API serves at /openapi.json', async () => {
    const served = (await (await fetch(`${stackInfo().apiUrl}/openapi.json`)).json()) as object;
    const committed = readFileSync(join(__dirname, '..', CLIENT_DOCUMENT_PATH), 'utf8');
    expect(differences(committed, renderClientDocument(served))).toEqual([]);
  });

  it('sends a message (200 sent), and the same Idempotency-Key again returns the first result without a second send', async () => {
    const tl = threadline(key, alex);
    const text = `Typed client ${Date.now()}`;
    const before = (await received(SANDBOX.alex)).length;
    const first = await tl.sendMessage({ recipientId: urn(SANDBOX.sarah), text }, { idempotencyKey: `typed-${text}` });
    expect(first).toMatchObject({ polled: false, accepted: { status: 'sent', accountId: alex }, message: { status: 'sent', text, error: null } });
    expect(first.message.messageUrn).toMatch(/^urn:li:msg_message:/);

    const again = await tl.sendMessage({ recipientId: urn(SANDBOX.sarah), text }, { idempotencyKey: `typed-${text}` });
    expect(again.accepted.messageId).toBe(first.accepted.messageId);
    expect((await received(SANDBOX.alex)).slice(before).map((m) => m.text)).toEqual([text]);
  });

  it('polls a 202 until the message is sent (an API replica that answers 202 at once: SEND_WAIT_MS=0)', async () => {
    const replica = await startApiReplica({ SEND_WAIT_MS: '0' });
    try {
      const tl = createThreadlineClient({ baseUrl: replica.url, apiKey: key, accountId: alex, retries: 0 });
      const text = `Typed client, polled ${Date.now()}`;
      const result = await tl.sendMessage({ recipientId: urn(SANDBOX.sarah), text }, { pollIntervalMs: 100 });
      expect(result.polled).toBe(true);
      expect(result.accepted).toMatchObject({ status: 'pending', statusUrl: `/v1/messages/${result.accepted.messageId}` });
      expect(result.message).toMatchObject({ status: 'sent', text, messageId: result.accepted.messageId });
      expect((await received(SANDBOX.alex)).filter((m) => m.text === text)).toHaveLength(1);
    } finally {
      await replica.stop();
    }
  });

  it('throws the API\'s refusal with its status, code, message and request id', async () => {
    const refusal = await threadline(key, alex).sendMessage({ recipientId: urn(SANDBOX.david), text: 'Hello stranger' }).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(ThreadlineApiError);
    expect(refusal).toMatchObject({ status: 403, code: 'RECIPIENT_NOT_REACHABLE', requestId: expect.any(String) });
    expect((refusal as Error).message).toMatch(/^RECIPIENT_NOT_REACHABLE: /);
  });

  it('got answers of the shapes the document describes for sends, message statuses and accounts', async () => {
    const tl = threadline(key);
    expect((await tl.GET('/v1/accounts')).data?.accounts.map((a) => a.id)).toEqual([alex]);
    expect((await tl.GET('/v1/accounts/{id}', { params: { path: { id: alex } } })).data?.account).toMatchObject({ id: alex, status: 'active' });
    expect((await tl.GET('/v1/messages/{id}', { params: { path: { id: '00000000-0000-4000-8000-000000000000' } } })).error).toMatchObject({ code: 'NOT_FOUND' });
    const schemas = await ResponseSchemas.load();
    const checked = recorder.answers.filter((a) => /^\/v1\/(messages|accounts)(\/|$)/.test(a.path.split('?')[0]!));
    expect(new Set(checked.map((a) => `${a.method} ${a.status}`))).toEqual(new Set(['POST 201', 'POST 200', 'POST 403', 'GET 200', 'GET 404']));
    expect(checked.flatMap((a) => schemas.problems(a))).toEqual([]);
  });
});
