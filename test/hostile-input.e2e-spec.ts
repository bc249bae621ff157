import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { api } from './support/api-client';
import { SANDBOX } from './support/emulator-admin';
import { publishedSequence, workspaceWithAlex } from './support/sequences';
import { stackInfo } from './support/stack-info';
import { waitFor } from './support/wait-for';

const STEPS = [{ id: 'intro', type: 'typing_and_send', template: 'Hi {{firstName|there}}' }, { id: 'done', type: 'end' }];
const profileUrl = (tag: string, i: number) => `https://www.linkedin.com/in/edge-${tag}-${i}`;

interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
  headers: Headers;
}

/** A request with exactly these headers and body bytes (the shared client always sends JSON). */
async function raw(method: string, path: string, init: { key?: string; headers?: Record<string, string>; body?: string | Uint8Array } = {}): Promise<Answer> {
  const headers = { ...(init.key ? { authorization: `Bearer ${init.key}` } : {}), ...init.headers };
  const res = await fetch(`${stackInfo().apiUrl}${path}`, { method, headers, body: init.body });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text, headers: res.headers };
}

/** Bytes straight onto a socket, for requests no HTTP client would send; resolves with the whole answer. */
function rawSocket(payload: string): Promise<string> {
  const { hostname, port } = new URL(stackInfo().apiUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(payload));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

/** The error envelope, with a request id that is also in the X-Request-Id header. */
function expectEnvelope(res: Answer, status: number, code: string, field?: string): void {
  expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { success: false, code, ...(field ? { field } : {}) } });
  expect(typeof res.body.error).toBe('string');
  expect(res.body.requestId).toMatch(/^[\w.-]{8,}$/);
  expect(res.headers.get('x-request-id')).toBe(res.body.requestId);
}

describe('the HTTP edge answers hostile input with a 4xx in the envelope, never a 500', () => {
  let key: string;
  let alexId: string;
  let sequenceId: string;
  let campaignId: string;

  beforeAll(async () => {
    ({ key, alexId } = await workspaceWithAlex());
    sequenceId = await publishedSequence(key, STEPS);
    const campaign = await api('POST', '/v1/campaigns', { key, body: { name: 'hostile input', sequenceId, senders: [{ accountId: alexId }] } });
    expect(campaign.status).toBe(201);
    campaignId = campaign.body.campaign.id;
  });

  describe('body limits fit the DTOs', () => {
    it('imports 3,000 leads in one request', async () => {
      const leads = Array.from({ length: 3000 }, (_, i) => ({ profile: profileUrl('lead', i), attributes: { firstName: `Lead${i}`, company: 'Northwind Traders' } }));
      const res = await api('POST', `/v1/campaigns/${campaignId}/leads`, { key, body: { leads } });
      expect(res.status).toBe(201);
      expect(res.body.leads).toHaveLength(3000);
    });

    it('takes 3,000 exclusions in one request', async () => {
      const profiles = Array.from({ length: 3000 }, (_, i) => profileUrl('excluded', i));
      const res = await api('POST', '/v1/lead-exclusions', { key, body: { profiles, reason: 'asked not to be contacted' } });
      expect(res.status).toBe(201);
      expect(res.body.profileKeys).toHaveLength(3000);
    });

    it('parses and validates a 10,000-lead import (the DTO maximum) instead of refusing its size', async () => {
      const leads = Array.from({ length: 10_000 }, (_, i) => ({ profile: profileUrl('max', i), attributes: { firstName: `Lead${i}`, company: 'Northwind Traders', title: 'Head of Operations' } }));
      expect(JSON.stringify({ leads }).length).toBeGreaterThan(1_000_000);
      // An unknown campaign: the answer proves the body got through parsing and validation, without importing 10,000 rows.
      const res = await raw('POST', `/v1/campaigns/${randomUUID()}/leads`, { key, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ leads }) });
      expectEnvelope(res, 404, 'NOT_FOUND');
    });

    it('imports 10,000 leads in one request, as JSON and as CSV', async () => {
      const draft = async (name: string) => (await api('POST', '/v1/campaigns', { key, body: { name, sequenceId, senders: [{ accountId: alexId }] } })).body.campaign.id as string;
      const leads = Array.from({ length: 10_000 }, (_, i) => ({ profile: profileUrl('bulk', i), attributes: { firstName: `Lead${i}`, company: 'Northwind Traders' } }));
      const json = await api('POST', `/v1/campaigns/${await draft('bulk json')}/leads`, { key, body: { leads } });
      expect(json.status).toBe(201);
      expect(json.body.leads).toHaveLength(10_000);
      const form = new FormData();
      const rows = Array.from({ length: 10_000 }, (_, i) => `${profileUrl('bulk-csv', i)},Lead${i},"Northwind Traders, ${'Operations '.repeat(10)}"`);
      form.append('file', new Blob([`profileUrl,firstName,company\n${rows.join('\n')}\n`], { type: 'text/csv' }), 'leads.csv');
      const csv = await fetch(`${stackInfo().apiUrl}/v1/campaigns/${await draft('bulk csv')}/leads/csv`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: form });
      const body = (await csv.json()) as { leads: unknown[]; skipped: unknown[] };
      expect([csv.status, body.leads.length, body.skipped.length]).toEqual([201, 10_000, 0]);
    });

    it('answers 413 PAYLOAD_TOO_LARGE past the limit of a route', async () => {
      const send = await raw('POST', '/v1/messages', { key, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ recipientId: `urn:li:fsd_profile:${SANDBOX.sarah}`, text: 'x'.repeat(300_000) }) });
      expectEnvelope(send, 413, 'PAYLOAD_TOO_LARGE');
      const bulk = await raw('POST', '/v1/lead-exclusions', { key, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ profiles: Array.from({ length: 40_000 }, (_, i) => `${profileUrl('huge', i)}-${'x'.repeat(400)}`) }) });
      expectEnvelope(bulk, 413, 'PAYLOAD_TOO_LARGE');
    });
  });

  describe('media types, encodings and nesting', () => {
    const body = JSON.stringify({ name: 'encoded', steps: STEPS });

    it('answers 415 to a charset other than UTF-8, and to a body that is not JSON', async () => {
      expectEnvelope(await raw('POST', '/v1/sequences', { key, headers: { 'content-type': 'application/json; charset=latin1' }, body }), 415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type');
      expectEnvelope(await raw('POST', '/v1/sequences', { key, headers: { 'content-type': 'application/json; charset=utf-99' }, body }), 415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type');
      expectEnvelope(await raw('POST', '/v1/sequences', { key, headers: { 'content-type': 'text/plain' }, body }), 415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type');
    });

    it('answers 400 to a broken or unknown content-encoding', async () => {
      const garbage = Uint8Array.from([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02, 0x03]);
      expectEnvelope(await raw('POST', '/v1/sequences', { key, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: garbage }), 400, 'VALIDATION_FAILED', 'Content-Encoding');
      expectEnvelope(await raw('POST', '/v1/sequences', { key, headers: { 'content-type': 'application/json', 'content-encoding': 'x-snappy' }, body }), 400, 'VALIDATION_FAILED', 'Content-Encoding');
      // A well-formed gzip body is still welcome.
      const gzipped = await raw('POST', '/v1/sequences', { key, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync(body) });
      expect(gzipped.status).toBe(201);
    });

    it('answers 400 to JSON nested 5,000 deep', async () => {
      const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
      const leads = await raw('POST', `/v1/campaigns/${campaignId}/leads`, { key, headers: { 'content-type': 'application/json' }, body: `{"leads":[{"profile":"${profileUrl('deep', 1)}","attributes":${deep}}]}` });
      expectEnvelope(leads, 400, 'VALIDATION_FAILED');
      const send = await raw('POST', '/v1/messages', { key, headers: { 'content-type': 'application/json' }, body: `{"recipientId":"urn:li:fsd_profile:${SANDBOX.sarah}","text":"hi","x":${deep}}` });
      expectEnvelope(send, 400, 'VALIDATION_FAILED');
    });
  });

  describe('text Postgres cannot store', () => {
    it('answers 400 naming the field for a NUL byte in a body, a nested attribute, a key, a query or a path parameter', async () => {
      expectEnvelope(await raw('POST', '/v1/sequences', { key, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'nul\u0000name', steps: STEPS }) }), 400, 'VALIDATION_FAILED', 'name');
      const lead = (attributes: Record<string, unknown>) => api('POST', `/v1/campaigns/${campaignId}/leads`, { key, body: { leads: [{ profile: profileUrl('nul', 1), attributes }] } });
      expectEnvelope(await raw('POST', `/v1/campaigns/${campaignId}/leads`, { key, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ leads: [{ profile: profileUrl('nul', 0) }, { profile: profileUrl('nul', 1), attributes: { firstName: 'Ada\u0000' } }] }) }), 400, 'VALIDATION_FAILED', 'leads[1].attributes.firstName');
      const keyed = await lead({ 'first\u0000Name': 'Ada' });
      expect(keyed).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', field: 'leads[0].attributes.first\\u0000Name' } });
      expectEnvelope(await raw('GET', '/v1/conversations?keyword=a%00b', { key }), 400, 'VALIDATION_FAILED', 'keyword');
      expectEnvelope(await raw('DELETE', '/v1/lead-exclusions/a%00b', { key }), 400, 'VALIDATION_FAILED', 'profile');
    });

    it('answers 400 naming the field for an unpaired surrogate, which jsonb refuses', async () => {
      const body = `{"leads":[{"profile":"${profileUrl('surrogate', 1)}","attributes":{"firstName":"Ada\\ud800"}}]}`;
      expectEnvelope(await raw('POST', `/v1/campaigns/${campaignId}/leads`, { key, headers: { 'content-type': 'application/json' }, body }), 400, 'VALIDATION_FAILED', 'leads[0].attributes.firstName');
    });
  });

  describe('numbers past what Postgres takes', () => {
    it('answers 400 naming the field for an out-of-range offset', async () => {
      for (const path of ['/v1/lead-exclusions', `/v1/campaigns/${campaignId}/leads`, '/v1/campaigns']) {
        expectEnvelope(await raw('GET', `${path}?offset=99999999999999999999`, { key }), 400, 'VALIDATION_FAILED', 'offset');
        expectEnvelope(await raw('GET', `${path}?offset=2147483648`, { key }), 400, 'VALIDATION_FAILED', 'offset');
      }
      expect((await raw('GET', '/v1/lead-exclusions?offset=2147483647', { key })).status).toBe(200);
    });

    it('answers 400 naming the field for a sequence version of 1e308', async () => {
      const campaign = await raw('POST', '/v1/campaigns', { key, headers: { 'content-type': 'application/json' }, body: `{"name":"huge version","sequenceId":"${sequenceId}","sequenceVersion":1e308,"senders":[{"accountId":"${alexId}"}]}` });
      expectEnvelope(campaign, 400, 'VALIDATION_FAILED', 'sequenceVersion');
      const preview = await raw('POST', `/v1/sequences/${sequenceId}/preview`, { key, headers: { 'content-type': 'application/json' }, body: '{"version":1e308}' });
      expectEnvelope(preview, 400, 'VALIDATION_FAILED', 'version');
    });

    it('answers 400 naming the field for a time before Postgres timestamps begin', async () => {
      // A synced conversation, so that the time would reach a query.
      const conversationUrn = await waitFor('a synced conversation of Alex', async () => (await api('GET', `/v1/conversations?accountId=${alexId}`, { key })).body.conversations?.[0]?.conversationUrn as string | undefined);
      const res = await raw('GET', `/v1/messaging/conversation-details?conversationUrn=${encodeURIComponent(conversationUrn)}&deliveredAt=-271821-04-20T00:00:00.000Z`, { key, headers: { 'x-account-id': alexId } });
      expectEnvelope(res, 400, 'VALIDATION_FAILED', 'deliveredAt');
      const since = await raw('GET', `/v1/conversations/${encodeURIComponent(conversationUrn)}/messages?accountId=${alexId}&since=-271821-04-20T00:00:00.000Z`, { key });
      expectEnvelope(since, 400, 'VALIDATION_FAILED', 'since');
    });
  });

  describe('null where a value cannot be cleared', () => {
    it('answers 400 naming the field for null in a PATCH field whose column is NOT NULL', async () => {
      for (const field of ['name', 'steps']) {
        expectEnvelope(await raw('PATCH', `/v1/sequences/${sequenceId}`, { key, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ [field]: null }) }), 400, 'VALIDATION_FAILED', field);
      }
      for (const field of ['name', 'liAt', 'jsessionId', 'userAgent', 'timeZone']) {
        expectEnvelope(await raw('PATCH', `/v1/accounts/${alexId}`, { key, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ [field]: null }) }), 400, 'VALIDATION_FAILED', field);
      }
    });
  });

  describe('every error carries the envelope and a request id', () => {
    it('gives body-parser errors a request id, the caller’s own when it sent one', async () => {
      const res = await raw('POST', '/v1/sequences', { key, headers: { 'content-type': 'application/json', 'x-request-id': 'client-chosen-id.42' }, body: '{"name": ' });
      expectEnvelope(res, 400, 'VALIDATION_FAILED');
      expect(res.body.requestId).toBe('client-chosen-id.42');
    });

    it('answers a 20 KB query string with 431 in the envelope', async () => {
      const res = await raw('GET', `/v1/conversations?keyword=${'k'.repeat(20_000)}`, { key });
      expectEnvelope(res, 431, 'HEADERS_TOO_LARGE');
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    });

    it('answers a request Node’s HTTP parser refuses with 400 in the envelope', async () => {
      const answer = await rawSocket('GET /health HTTP/1.1\r\nHost: x\r\nBroken Header Line\r\n\r\n');
      const [head, body] = answer.split('\r\n\r\n', 2) as [string, string];
      expect(head).toMatch(/^HTTP\/1\.1 400 /);
      const requestId = /x-request-id: (\S+)/i.exec(head)?.[1];
      expect(JSON.parse(body)).toEqual({ success: false, error: expect.any(String), code: 'VALIDATION_FAILED', requestId });
    });
  });

  describe('secrets and surface', () => {
    it('keeps API keys sent in a query string out of the request log', async () => {
      const secrets = { apiKey: `tl_query_${randomUUID()}`, api_key: `tl_query_${randomUUID()}`, access_token: `tok_${randomUUID()}`, key: `k_${randomUUID()}` };
      const requestId = `query-secret-${randomUUID()}`;
      const res = await raw('GET', `/v1/lead-exclusions?${new URLSearchParams(secrets)}`, { key, headers: { 'x-request-id': requestId } });
      expect(res.status).toBeLessThan(500);
      const log = join(stackInfo().dataDir, 'logs', 'api.log');
      const line = await waitFor('the request in the API log', async () => readFileSync(log, 'utf8').split('\n').find((l) => l.includes(requestId) && l.includes('/v1/lead-exclusions')));
      for (const secret of Object.values(secrets)) expect(readFileSync(log, 'utf8')).not.toContain(secret);
      expect(line).toContain('/v1/lead-exclusions?[redacted]');
    });

    it('says only up or down on the public health routes, and gives details for the operator token', async () => {
      for (const path of ['/health', '/v1/health', '/health/ready', '/v1/health/ready']) {
        const res = await raw('GET', path);
        expect({ path, status: res.status, body: res.body }).toEqual({ path, status: 200, body: { success: true, status: 'up' } });
      }
      expectEnvelope(await raw('GET', '/v1/admin/health'), 401, 'UNAUTHORIZED');
      expectEnvelope(await raw('GET', '/v1/admin/health', { key }), 401, 'UNAUTHORIZED');
      const details = await raw('GET', '/v1/admin/health', { key: stackInfo().adminToken });
      expect(details.status).toBe(200);
      expect(details.body).toMatchObject({ success: true, status: 'ok', ready: true, checks: { postgres: { ok: true }, temporal: { ok: true }, linkedin: { ok: true, baseUrl: stackInfo().emulatorUrl } } });
    });

    it('does not say which framework answers', async () => {
      for (const res of [await raw('GET', '/health'), await raw('GET', '/v1/lead-exclusions', { key }), await raw('GET', '/no-such-route')]) expect(res.headers.get('x-powered-by')).toBeNull();
    });
  });
});
