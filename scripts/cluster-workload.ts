import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

// What the cluster check sends: direct messages through POST /v1/messages and a two-step campaign, each message
// with a text of its own, so the emulator's received log says exactly which were delivered, lost or sent twice.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36';
const ALWAYS_OPEN = { timeZone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' };
const FINAL_LEAD_STATES = ['replied', 'completed', 'stopped', 'skipped', 'failed', 'cancelled'];

interface Member { profileId: string; urn: string }
interface Received { account: string; text: string; originToken: string | null }

const member = (): Member => {
  const profileId = 'ACoAA' + [...randomBytes(34)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return { profileId, urn: `urn:li:fsd_profile:${profileId}` };
};

/** The emulator's sandbox plus fresh people, 1st-degree connections of both sandbox accounts, whom nobody has written to. */
export function clusterScenario(sandboxFile: string, people: number): { scenario: unknown; members: Member[] } {
  const sandbox = JSON.parse(readFileSync(sandboxFile, 'utf8')) as {
    members: unknown[]; accounts: Array<{ profileId: string }>; connections: Array<{ a: string; b: string; degree: number }>;
  };
  const members = Array.from({ length: people }, member);
  sandbox.members.push(...members.map((m, i) => ({ profileId: m.profileId, memberId: 300000000 + i, firstName: `Person${i}`, lastName: 'Cluster', headline: 'cluster check', publicIdentifier: `cluster-${m.profileId.slice(-12).toLowerCase()}` })));
  for (const account of sandbox.accounts) sandbox.connections.push(...members.map((m) => ({ a: account.profileId, b: m.profileId, degree: 1 })));
  return { scenario: sandbox, members };
}

async function call<T = any>(url: string, init: { method?: string; key?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; body: T; retryAfter: number }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { ...(init.key ? { authorization: `Bearer ${init.key}` } : {}), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: body as T, retryAfter: Number(res.headers.get('retry-after') ?? 1) || 1 };
}

async function ok<T = any>(url: string, init: Parameters<typeof call>[1] = {}): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await call<T>(url, init);
  if (res.status >= 300) throw new Error(`${init.method ?? 'GET'} ${url} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`);
  return res.body;
}

/**
 * Accepted messages against what LinkedIn received, each message known by its own text: a text received more
 * than once is a duplicate (each extra copy counts), an accepted text never received is lost, and a received
 * text nobody accepted counts as a duplicate too (a send that happened although its request was refused).
 */
export function tallyDeliveries(accepted: string[], received: string[]): { accepted: number; received: number; duplicates: number; lost: number; lostTexts: string[]; duplicateTexts: string[] } {
  const times = new Map<string, number>();
  for (const text of received) times.set(text, (times.get(text) ?? 0) + 1);
  const wanted = new Set(accepted);
  const lostTexts = accepted.filter((t) => !times.has(t));
  const duplicateTexts = [...times].filter(([t, n]) => n > 1 || !wanted.has(t)).map(([t, n]) => (wanted.has(t) ? `${t} ×${n}` : `${t} (never accepted) ×${n}`));
  const duplicates = [...times].reduce((sum, [t, n]) => sum + (wanted.has(t) ? n - 1 : n), 0);
  return { accepted: accepted.length, received: received.length, duplicates, lost: lostTexts.length, lostTexts, duplicateTexts };
}

export interface ClusterCounts {
  accepted: number;
  acceptedDirect: number;
  acceptedCampaign: number;
  received: number;
  duplicates: number;
  lost: number;
  /** POSTs answered 503 (Temporal away) and retried with the same Idempotency-Key, as a client does. */
  retried503: number;
  leads: Record<string, number>;
  campaignStatus: string;
  lostTexts: string[];
  duplicateTexts: string[];
}

/**
 * The traffic of one check: a workspace with both sandbox accounts, `directs` API sends trickled over the run
 * (one every `directEveryMs`, retried on 503 with their Idempotency-Key), and a campaign of `leads` leads,
 * two messages each.
 */
export class ClusterWorkload {
  readonly runId = randomBytes(4).toString('hex');
  private key = '';
  private accounts: Array<{ id: string; profileId: string }> = [];
  private campaignId = '';
  private readonly direct = new Map<number, { text: string; messageId?: string }>();
  private readonly campaignTexts: string[] = [];
  private retried = 0;
  private directsDone = false;
  /** The first unexpected answer of an API send (a 5xx other than 503 fails the check). */
  failure: Error | null = null;

  constructor(private readonly opts: { apiUrl: string; emulatorUrl: string; adminToken: string; members: Member[]; directs: number; leads: number; directEveryMs: number }) {
    if (opts.members.length < opts.directs + opts.leads) throw new Error('not enough fresh people for the workload');
  }

  /** Every message Threadline accepted so far is one LinkedIn should receive exactly once. */
  get expected(): number {
    return this.direct.size + this.campaignTexts.length;
  }

  get planned(): number {
    return this.opts.directs + this.opts.leads * 2;
  }

  async setUp(): Promise<void> {
    const { apiUrl, emulatorUrl, adminToken } = this.opts;
    const workspace = await ok(`${apiUrl}/v1/admin/workspaces`, { method: 'POST', key: adminToken, body: { name: `cluster-${this.runId}` } });
    this.key = workspace.apiKey.key;
    const scenario = await ok<{ accounts: Array<{ profileId: string; cookies: { li_at: string; JSESSIONID: string } }> }>(`${emulatorUrl}/__emulator/scenario`);
    for (const a of scenario.accounts.slice(0, 2)) {
      const connected = await ok(`${apiUrl}/v1/accounts`, { method: 'POST', key: this.key, body: { liAt: a.cookies.li_at, jsessionId: a.cookies.JSESSIONID, userAgent: USER_AGENT } });
      this.accounts.push({ id: connected.account.id, profileId: a.profileId });
    }
  }

  /** A published two-step sequence and a started campaign over both accounts. */
  async startCampaign(): Promise<void> {
    const { apiUrl, leads } = this.opts;
    const steps = [
      { id: 's1', type: 'typing_and_send', template: `cluster ${this.runId} campaign {{ref}} step 1` },
      { id: 'w1', type: 'wait', duration: '2s' },
      { id: 's2', type: 'typing_and_send', template: `cluster ${this.runId} campaign {{ref}} step 2` },
    ];
    const sequence = await ok(`${apiUrl}/v1/sequences`, { method: 'POST', key: this.key, body: { name: `cluster ${this.runId}`, steps } });
    await ok(`${apiUrl}/v1/sequences/${sequence.sequence.id}/publish`, { method: 'POST', key: this.key });
    const campaign = await ok(`${apiUrl}/v1/campaigns`, {
      method: 'POST', key: this.key,
      body: { name: `cluster ${this.runId}`, sequenceId: sequence.sequence.id, senders: this.accounts.map((a) => ({ accountId: a.id })), workingHours: ALWAYS_OPEN },
    });
    this.campaignId = campaign.campaign.id;
    const people = this.opts.members.slice(this.opts.directs, this.opts.directs + leads);
    const added = await ok(`${apiUrl}/v1/campaigns/${this.campaignId}/leads`, { method: 'POST', key: this.key, body: { leads: people.map((m, i) => ({ profile: m.urn, attributes: { ref: `lead-${i}` } })) } });
    if (added.skipped.length) throw new Error(`leads skipped: ${JSON.stringify(added.skipped)}`);
    await ok(`${apiUrl}/v1/campaigns/${this.campaignId}/start`, { method: 'POST', key: this.key });
    for (let i = 0; i < leads; i++) this.campaignTexts.push(`cluster ${this.runId} campaign lead-${i} step 1`, `cluster ${this.runId} campaign lead-${i} step 2`);
  }

  /** The API sends, one every directEveryMs whatever is down, each retried until accepted (a 503 while Temporal restarts). */
  async sendDirects(deadline: number): Promise<void> {
    const { apiUrl, directs, directEveryMs } = this.opts;
    const pending: Array<Promise<void>> = [];
    for (let i = 0; i < directs; i++) {
      if (this.failure) break;
      pending.push(this.sendOneOrFail(apiUrl, i, deadline));
      await new Promise((r) => setTimeout(r, directEveryMs));
    }
    await Promise.all(pending);
    this.directsDone = true;
  }

  /** Stops the sends at their first unexpected answer, recorded for the check to report. */
  private async sendOneOrFail(apiUrl: string, i: number, deadline: number): Promise<void> {
    try {
      await this.sendOne(apiUrl, i, deadline);
    } catch (err) {
      this.failure ??= err instanceof Error ? err : new Error(String(err));
    }
  }

  private async sendOne(apiUrl: string, i: number, deadline: number): Promise<void> {
    const account = this.accounts[i % this.accounts.length]!;
    const text = `cluster ${this.runId} direct ${i}`;
    for (;;) {
      if (Date.now() > deadline) throw new Error(`API send ${i} was not accepted before the deadline`);
      const res = await call(`${apiUrl}/v1/messages`, {
        method: 'POST', key: this.key, headers: { 'idempotency-key': `cluster-${this.runId}-${i}`, 'x-account-id': account.id },
        body: { recipientId: this.opts.members[i]!.urn, text },
      }).catch(() => ({ status: 0, body: undefined, retryAfter: 1 }));
      if (res.status === 200 || res.status === 202) {
        this.direct.set(i, { text, messageId: res.body.messageId });
        return;
      }
      if (res.status !== 503 && res.status !== 0) throw new Error(`POST /v1/messages answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
      this.retried++;
      await new Promise((r) => setTimeout(r, res.retryAfter * 1000));
    }
  }

  async received(): Promise<Received[]> {
    const all = await ok<{ received: Received[] }>(`${this.opts.emulatorUrl}/__emulator/received`);
    return all.received.filter((r) => r.text.startsWith(`cluster ${this.runId} `));
  }

  /** Done: every API send posted and stored as sent, the campaign completed, and LinkedIn holds every accepted text. */
  async finished(): Promise<boolean> {
    if (!this.directsDone) return false;
    const campaign = (await ok(`${this.opts.apiUrl}/v1/campaigns/${this.campaignId}`, { key: this.key })).campaign;
    if (campaign.status !== 'completed') return false;
    for (const d of this.direct.values()) {
      const message = await ok(`${this.opts.apiUrl}/v1/messages/${d.messageId}`, { key: this.key });
      if (message.status === 'pending') return false;
    }
    const texts = new Set((await this.received()).map((r) => r.text));
    return [...this.direct.values()].every((d) => texts.has(d.text)) && this.campaignTexts.every((t) => texts.has(t));
  }

  async counts(): Promise<ClusterCounts> {
    const accepted = [...[...this.direct.values()].map((d) => d.text), ...this.campaignTexts];
    const tally = tallyDeliveries(accepted, (await this.received()).map((r) => r.text));
    const campaign = (await ok(`${this.opts.apiUrl}/v1/campaigns/${this.campaignId}`, { key: this.key })).campaign;
    const leads = Object.fromEntries(Object.entries(campaign.leads as Record<string, number>).filter(([state, n]) => state !== 'total' && n > 0));
    return { ...tally, acceptedDirect: this.direct.size, acceptedCampaign: this.campaignTexts.length, retried503: this.retried, leads, campaignStatus: campaign.status };
  }

  /** Leads in a final state, for progress lines. */
  finalLeads(leads: Record<string, number>): number {
    return FINAL_LEAD_STATES.reduce((sum, s) => sum + (leads[s] ?? 0), 0);
  }
}
