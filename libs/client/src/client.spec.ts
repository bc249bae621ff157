import { ThreadlineApiError } from './errors';
import { createThreadlineClient, unwrap } from './client';

/** A fake API: records each request it gets and answers from a script. */
function fakeApi(answer: (request: Request, index: number) => Response | Promise<Response>) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return answer(request, requests.length - 1);
  };
  return { requests, fetch };
}
const json = (status: number, body: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const status = (over: Record<string, unknown>) => ({ success: true, messageId: 'm1', accountId: 'a1', direction: 'outbound', status: 'pending', messageType: 'normal', text: 'Hi', createdAt: '2026-11-25T10:00:00.000Z', error: null, ...over });

describe('createThreadlineClient', () => {
  it('sends the API key, the account, and an Idempotency-Key on a POST only', async () => {
    const api = fakeApi(() => json(200, { success: true }));
    const tl = createThreadlineClient({ baseUrl: 'http://api.test/', apiKey: 'tl_key', accountId: 'acc-1', fetch: api.fetch });
    await tl.GET('/v1/accounts');
    await tl.POST('/v1/messaging/mark-seen', { body: { conversationUrn: 'urn:li:msg_conversation:(urn:li:fsd_profile:A,2-x)' } });
    const [get, post] = api.requests;
    expect(get!.url).toBe('http://api.test/v1/accounts');
    expect(get!.headers.get('authorization')).toBe('Bearer tl_key');
    expect(get!.headers.get('x-account-id')).toBe('acc-1');
    expect(get!.headers.get('idempotency-key')).toBeNull();
    expect(post!.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps the Idempotency-Key and X-Account-Id a request names itself', async () => {
    const api = fakeApi(() => json(200, { success: true }));
    const tl = createThreadlineClient({ baseUrl: 'http://api.test', apiKey: 'k', accountId: 'acc-1', fetch: api.fetch });
    await tl.POST('/v1/campaigns/{id}/start', { params: { path: { id: 'c1' } }, headers: { 'Idempotency-Key': 'mine' } });
    await tl.GET('/v1/conversations', { params: { header: { 'X-Account-Id': 'acc-2' } } });
    expect(api.requests[0]!.headers.get('idempotency-key')).toBe('mine');
    expect(api.requests[1]!.headers.get('x-account-id')).toBe('acc-2');
  });

  it('sends a POST again with the same key and body after a 503 and after a network failure, and gives up after its retries', async () => {
    const api = fakeApi((_, i) => {
      if (i === 0) return json(503, { success: false, code: 'SERVICE_UNAVAILABLE', error: 'down' }, { 'retry-after': '0' });
      if (i === 1) throw new TypeError('fetch failed');
      return json(200, { success: true, status: 'sent' });
    });
    const tl = createThreadlineClient({ baseUrl: 'http://api.test', apiKey: 'k', fetch: api.fetch, retryDelayMs: 1 });
    const { response } = await tl.POST('/v1/messages', { body: { recipientId: 'sarah-chen', text: 'Hi' } });
    expect(response.status).toBe(200);
    const keys = api.requests.map((r) => r.headers.get('idempotency-key'));
    expect(new Set(keys).size).toBe(1);
    expect(await Promise.all(api.requests.map((r) => r.text()))).toEqual(Array(3).fill(JSON.stringify({ recipientId: 'sarah-chen', text: 'Hi' })));

    const down = fakeApi(() => json(503, { success: false, code: 'SERVICE_UNAVAILABLE', error: 'down' }, { 'retry-after': '0' }));
    const once = createThreadlineClient({ baseUrl: 'http://api.test', apiKey: 'k', fetch: down.fetch, retries: 1, retryDelayMs: 1 });
    await expect(unwrap(once.GET('/v1/accounts'))).rejects.toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', retryAfterMs: 0 });
    expect(down.requests).toHaveLength(2);
  });

  it('does not retry a refusal', async () => {
    const api = fakeApi(() => json(429, { success: false, code: 'QUOTA_EXCEEDED', error: 'Daily message cap reached', requestId: 'r1' }));
    const tl = createThreadlineClient({ baseUrl: 'http://api.test', apiKey: 'k', fetch: api.fetch });
    const err = await unwrap(tl.POST('/v1/messages', { body: { recipientId: 'sarah-chen', text: 'Hi' } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ThreadlineApiError);
    expect(err).toMatchObject({ status: 429, code: 'QUOTA_EXCEEDED', requestId: 'r1', message: 'QUOTA_EXCEEDED: Daily message cap reached' });
    expect(api.requests).toHaveLength(1);
  });
});

describe('sendMessage', () => {
  it('returns at once when the API answers 200 sent', async () => {
    const api = fakeApi((request) => (request.method === 'POST' ? json(200, { success: true, status: 'sent', messageId: 'm1', statusUrl: '/v1/messages/m1' }) : json(200, status({ status: 'sent', messageUrn: 'urn:li:msg_message:1' }))));
    const tl = createThreadlineClient({ baseUrl: 'http://api.test', apiKey: 'k', fetch: api.fetch });
    const result = await tl.sendMessage({ recipientId: 'sarah-chen', text: 'Hi' }, { idempotencyKey: 'send-1' });
    expect(result).toMatchObject({ polled: false, accepted: { status: 'sent' }, message: { status: 'sent', messageUrn: 'urn:li:msg_message:1' } });
    expect(api.requests[0]!.headers.get('idempotency-key')).toBe('send-1');
  });

  it('polls the status of a 202 until the message is sent or failed', async () => {
    const reads = [status({}), status({}), status({ status: 'failed', error: { code: 'RECIPIENT_NOT_REACHABLE', message: 'not connected' } })];
    const api = fakeApi((request) => (request.method === 'POST' ? json(202, { success: true, status: 'pending', messageId: 'm1', statusUrl: '/v1/messages/m1' }) : json(200, reads.shift())));
    const tl = createThreadlineClient({ baseUrl: 'http://api.test', apiKey: 'k', fetch: api.fetch });
    const pending: string[] = [];
    const result = await tl.sendMessage({ recipientId: 'sarah-chen', text: 'Hi' }, { pollIntervalMs: 1, onPending: (s) => pending.push(s.status) });
    expect(result).toMatchObject({ polled: true, message: { status: 'failed', error: { code: 'RECIPIENT_NOT_REACHABLE' } } });
    expect(pending).toEqual(['pending', 'pending']);
    expect(api.requests.slice(1).map((r) => new URL(r.url).pathname)).toEqual(['/v1/messages/m1', '/v1/messages/m1', '/v1/messages/m1']);
  });

  it('throws the API\'s refusal of the send', async () => {
    const api = fakeApi(() => json(429, { success: false, code: 'QUOTA_EXCEEDED', error: 'Daily message cap reached' }));
    const tl = createThreadlineClient({ baseUrl: 'http://api.test', apiKey: 'k', fetch: api.fetch });
    await expect(tl.sendMessage({ recipientId: 'sarah-chen', text: 'Hi' })).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
  });

  it('gives up waiting after timeoutMs, naming the message to poll later', async () => {
    const api = fakeApi((request) => (request.method === 'POST' ? json(202, { success: true, status: 'pending', messageId: 'm1' }) : json(200, status({}))));
    const tl = createThreadlineClient({ baseUrl: 'http://api.test', apiKey: 'k', fetch: api.fetch });
    await expect(tl.sendMessage({ recipientId: 'sarah-chen', text: 'Hi' }, { pollIntervalMs: 1, timeoutMs: 0 })).rejects.toMatchObject({ name: 'ThreadlineSendTimeoutError', messageId: 'm1' });
  });
});
