import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../scripts/stack';
import { api, createWorkspace } from './support/api-client';
import { connectAccount } from './support/accounts';
import { SANDBOX } from './support/emulator-admin';
import { closeTemporalClient, loadScenarioWithMembers, type Member, resetEmulator, runCampaign, waitForLead } from './support/sequences';
import { stackInfo } from './support/stack-info';
import { waitFor } from './support/wait-for';
import { WebhookReceiver } from './support/webhook-receiver';

/** One Prometheus sample: name, labels, value. */
interface Sample { name: string; labels: Record<string, string>; value: number }

function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m || line.startsWith('#')) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

/** The sum of a series over the samples whose labels include `labels`. */
function total(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((n, s) => n + s.value, 0);
}

async function scrape(url: string, token?: string): Promise<{ status: number; contentType: string | null; samples: Sample[]; text: string }> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type'), samples: parseMetrics(text), text };
}

const info = stackInfo();
const workerUrl = () => {
  if (!info.workerMetricsUrl) throw new Error('the e2e stack runs the worker without a metrics port');
  return info.workerMetricsUrl;
};
const apiMetrics = () => scrape(`${info.apiUrl}/metrics`, info.adminToken);
const workerMetrics = () => scrape(`${workerUrl()}/metrics`);

describe('operations: metrics, probes and logs of the API and the worker', () => {
  const receiver = new WebhookReceiver();
  let key: string;
  let alexId: string;
  let workspaceId: string;
  let members: Member[];

  beforeAll(async () => {
    members = await loadScenarioWithMembers(3);
    ({ key, workspaceId } = await createWorkspace());
    alexId = await connectAccount(key, SANDBOX.alex);
    await receiver.start();
    const hook = await api('POST', '/v1/webhooks', { key, body: { url: receiver.url, events: ['message.sent', 'lead.completed'] } });
    expect(hook.status).toBe(201);
  });

  afterAll(async () => {
    await receiver.stop();
    await resetEmulator();
    await closeTemporalClient();
  });

  it('refuses /metrics on the API without the operator token, and serves Prometheus text with it', async () => {
    expect((await scrape(`${info.apiUrl}/metrics`)).status).toBe(401);
    const ok = await apiMetrics();
    expect(ok.status).toBe(200);
    expect(ok.contentType).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(ok.text).toContain('# TYPE threadline_http_request_duration_seconds histogram');
  });

  it('moves the send, webhook, quota and latency series of both processes when an API send goes out', async () => {
    const [apiBefore, workerBefore] = await Promise.all([apiMetrics(), workerMetrics()]);
    const res = await api('POST', '/v1/messages', { key, body: { recipientId: members[0]!.urn, text: 'Metrics, please move.' } });
    expect(res.status).toBe(200);

    const worker = await waitFor('the worker to count the send and its webhook', async () => {
      const now = await workerMetrics();
      const sent = total(now.samples, 'threadline_sends_total', { kind: 'message', outcome: 'sent' }) - total(workerBefore.samples, 'threadline_sends_total', { kind: 'message', outcome: 'sent' });
      const hooks = total(now.samples, 'threadline_webhook_deliveries_total', { outcome: 'delivered' }) - total(workerBefore.samples, 'threadline_webhook_deliveries_total', { outcome: 'delivered' });
      return sent >= 1 && hooks >= 1 ? now : undefined;
    }, 30_000);
    expect(total(worker.samples, 'threadline_send_attempts_total', { kind: 'message', outcome: 'delivered' })).toBeGreaterThan(total(workerBefore.samples, 'threadline_send_attempts_total', { kind: 'message', outcome: 'delivered' }));

    expect((await api('GET', `/v1/accounts/${alexId}`, { key })).status).toBe(200);
    const apiAfter = await apiMetrics();
    const posts = { method: 'POST', route: '/v1/messages', status_code: '200' };
    expect(total(apiAfter.samples, 'threadline_http_request_duration_seconds_count', posts)).toBe(total(apiBefore.samples, 'threadline_http_request_duration_seconds_count', posts) + 1);
    // Route templates, never raw paths: no account id in any label.
    expect(apiAfter.text).not.toContain(alexId);
    expect(apiAfter.samples.some((s) => s.labels.route === '/v1/accounts/:id')).toBe(true);
    const used = total(apiAfter.samples, 'threadline_quota_daily_used', { workspace_id: workspaceId, kind: 'message' });
    expect(used).toBeGreaterThanOrEqual(1);
    expect(total(apiAfter.samples, 'threadline_quota_daily_remaining', { workspace_id: workspaceId, kind: 'message' }))
      .toBe(total(apiAfter.samples, 'threadline_quota_daily_cap', { workspace_id: workspaceId, kind: 'message' }) - used);
    expect(total(apiAfter.samples, 'threadline_accounts', { status: 'active' })).toBeGreaterThanOrEqual(1);
    expect(apiAfter.samples.some((s) => s.name === 'threadline_inbox_syncs' && s.labels.state === 'running')).toBe(true);
  });

  it('counts a campaign\'s sends on the worker, and Temporal\'s own SDK metrics are served', async () => {
    const before = await workerMetrics();
    const { campaignId, leadIds } = await runCampaign(key, [{ id: 'hello', type: 'typing_and_send', template: 'Hi {{firstName|there}}' }, { id: 'done', type: 'end' }],
      [{ profile: members[1]!.urn }, { profile: members[2]!.urn }], { senders: [alexId] });
    for (const leadId of leadIds) await waitForLead(key, campaignId, leadId, ['completed']);
    const after = await waitFor('the worker to count both campaign sends', async () => {
      const now = await workerMetrics();
      return total(now.samples, 'threadline_sends_total', { kind: 'sequence', outcome: 'sent' }) - total(before.samples, 'threadline_sends_total', { kind: 'sequence', outcome: 'sent' }) >= 2 ? now : undefined;
    }, 30_000);
    expect(total(after.samples, 'threadline_send_attempts_total', { kind: 'sequence', outcome: 'delivered' })).toBeGreaterThanOrEqual(2);

    expect(info.temporalMetricsUrl).toBeTruthy();
    const temporal = await scrape(`${info.temporalMetricsUrl}/metrics`);
    expect(temporal.status).toBe(200);
    const names = [...new Set(temporal.samples.map((s) => s.name))];
    expect(names).toEqual(expect.arrayContaining(['temporal_worker_task_slots_available', 'temporal_sticky_cache_size', 'temporal_workflow_task_schedule_to_start_latency_bucket', 'temporal_activity_schedule_to_start_latency_bucket']));
  });

  it('stays ready, on the API and on the worker, while LinkedIn cannot be reached for an account', async () => {
    // Jordan's LinkedIn lives at a closed port: nothing answers there (set in the database: the API accepts only allowed base URLs).
    const jordanId = await connectAccount(key, SANDBOX.jordan);
    const db = new Client({ connectionString: info.databaseUrl });
    await db.connect();
    try {
      await db.query('UPDATE linkedin_accounts SET base_url = $2 WHERE id = $1', [jordanId, `http://127.0.0.1:${await freePort()}`]);
    } finally {
      await db.end();
    }
    // Reachability is the account's answer: a live check of that account fails, and only it.
    const unreachable = await api('GET', `/v1/accounts/${jordanId}/status?refresh=true`, { key });
    expect({ status: unreachable.status, code: unreachable.body?.code }).toEqual({ status: 502, code: 'LINKEDIN_UNAVAILABLE' });
    expect((await api('GET', `/v1/accounts/${alexId}/status?refresh=true`, { key })).status).toBe(200);
    for (const url of [`${info.apiUrl}/health/ready`, `${info.apiUrl}/v1/health/ready`, `${workerUrl()}/health/ready`]) {
      const res = await fetch(url);
      expect({ url, status: res.status, body: await res.json() }).toEqual({ url, status: 200, body: { success: true, status: 'up' } });
    }
    for (const url of [`${info.apiUrl}/health`, `${workerUrl()}/health`]) expect((await fetch(url)).status).toBe(200);
    const details = await api('GET', '/v1/admin/health', { key: info.adminToken });
    expect(details.body).toMatchObject({ ready: true, checks: { postgres: { ok: true }, temporal: { ok: true } } });
    expect((await api('DELETE', `/v1/accounts/${jordanId}`, { key })).status).toBeLessThan(300);
  });

  it('writes the worker\'s log as JSON lines, with workflow ids on the lines of workflows and activities, and no query strings', () => {
    const lines = readFileSync(join(info.dataDir, 'logs', 'worker.log'), 'utf8').split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThan(0);
    const parsed = lines.map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON line in worker.log: ${line.slice(0, 300)}`);
      }
    });
    // Every line has a level and a time; most a msg (Nest's object-only lines, e.g. account.status_changed, have none).
    for (const entry of parsed) expect(entry).toMatchObject({ level: expect.any(Number), time: expect.any(Number) });
    const sends = parsed.filter((e) => e.msg === 'send recorded as sent');
    expect(sends.length).toBeGreaterThanOrEqual(3);
    for (const e of sends) expect(e).toMatchObject({ sdkComponent: 'activity', workflowId: expect.any(String), activityId: expect.any(String), activityType: expect.any(String) });
    expect(parsed.filter((e) => 'taskToken' in e)).toEqual([]);
    expect(parsed.some((e) => e.msg !== undefined && /worker ready/.test(String(e.msg)))).toBe(true);
    expect(lines.filter((l) => /https?:\/\/[^\s"]+\?(?!\[redacted\])/.test(l))).toEqual([]);
  });
});
