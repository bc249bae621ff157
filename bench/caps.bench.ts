import type { Stack } from '../scripts/stack';
import { ALWAYS_OPEN, type BenchFigure, benchWorkspace, json, profileId, USER_AGENT } from './bench-support';

interface Received { account: string; deliveredAt: number }
interface EmulatorAccount { profileId: string; cookies: { li_at: string; JSESSIONID: string } }

export interface CapsBenchOptions {
  accounts: number;
  /** Each account's dailyMessageCap; it gets `leadsPerAccount` leads, more work than its budget. */
  cap: number;
  leadsPerAccount: number;
  spacingSeconds: number;
  /** A quarter of the accounts start on a manual hold this long: their backlog must drain at the normal pace after it. */
  holdSeconds: number;
  timeoutSeconds: number;
}

export interface CapsFigures {
  capViolations: number;
  budgetShare: number;
  largestBurst: number;
  largestBurstAfterHold: number;
  medianGapCv: number;
  sends: number;
  seconds: number;
}

/** The most sends of one account inside any window as long as the minimum spacing. */
function burst(times: number[], windowMs: number): number {
  let most = times.length ? 1 : 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

function coefficientOfVariation(values: number[]): number | null {
  if (values.length < 2) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return Math.sqrt(variance) / mean;
}

/**
 * The caps run (issue 16): many accounts, each with more queued leads than its daily cap, one campaign, a
 * quarter of them on hold at the start. Counted from the emulator's received log: sends past a cap, the share
 * of the budget spent, the largest burst (after a hold ends, and overall) and how irregular the gaps are.
 */
export async function capsBench(stack: Stack, opts: CapsBenchOptions): Promise<CapsFigures> {
  const admin = (path: string, init: RequestInit = {}) => json<unknown>(`${stack.emulatorUrl}/__emulator${path}`, init);
  const { key } = await benchWorkspace(stack, 'bench caps', 0);
  const api = <T>(method: string, path: string, body?: unknown) =>
    json<T>(`${stack.apiUrl}${path}`, { method, headers: { authorization: `Bearer ${key}` }, body: body === undefined ? undefined : JSON.stringify(body) });

  const run = Date.now().toString(36);
  const senders = Array.from({ length: opts.accounts }, (_, i) => ({ profileId: profileId(`cap${run}s`, i), firstName: `Sender${i}`, lastName: 'Caps', dailySendLimit: null }));
  const members = Array.from({ length: opts.accounts * opts.leadsPerAccount }, (_, i) => ({ profileId: profileId(`cap${run}m`, i), firstName: `Lead${i}`, lastName: 'Caps' }));
  console.warn(`[bench] caps: ${opts.accounts} accounts × cap ${opts.cap}, ${opts.leadsPerAccount} leads each, ${Math.ceil(opts.accounts / 4)} held ${opts.holdSeconds}s at start`);
  await admin('/reset', { method: 'POST' });
  const scenario = (await admin('/scenario', {
    method: 'POST',
    body: JSON.stringify({ seed: 7, accounts: senders, members, connections: senders.flatMap((a) => members.map((m) => ({ a: a.profileId, b: m.profileId, degree: 1 }))) }),
  })) as { accounts: EmulatorAccount[] };

  const accounts: Array<{ id: string; profileId: string; heldUntil: number | null }> = [];
  for (const [i, a] of scenario.accounts.entries()) {
    const res = await api<{ account: { id: string } }>('POST', '/v1/accounts', { liAt: a.cookies.li_at, jsessionId: a.cookies.JSESSIONID, userAgent: USER_AGENT });
    const heldUntil = i % 4 === 0 ? Date.now() + opts.holdSeconds * 1000 : null;
    await api('PATCH', `/v1/accounts/${res.account.id}`, { dailyMessageCap: opts.cap, ...(heldUntil ? { holdUntil: new Date(heldUntil).toISOString() } : {}) });
    accounts.push({ id: res.account.id, profileId: a.profileId, heldUntil });
    if ((i + 1) % 50 === 0) console.warn(`[bench]   ${i + 1}/${opts.accounts} accounts connected`);
  }

  const sequence = await api<{ sequence: { id: string } }>('POST', '/v1/sequences', { name: 'caps bench', steps: [{ id: 's1', type: 'typing_and_send', template: 'Hi {{firstName}}, a quick question.', typing: false }] });
  await api('POST', `/v1/sequences/${sequence.sequence.id}/publish`);
  // A campaign has at most 50 senders: one campaign per 50 accounts, each with its accounts' leads.
  const campaignIds: string[] = [];
  for (let c = 0; c < accounts.length; c += 50) {
    const group = accounts.slice(c, c + 50);
    const campaign = await api<{ campaign: { id: string } }>('POST', '/v1/campaigns', { name: `caps bench ${c / 50 + 1}`, sequenceId: sequence.sequence.id, senders: group.map((a) => ({ accountId: a.id })), workingHours: ALWAYS_OPEN });
    const leads = members.slice(c * opts.leadsPerAccount, (c + group.length) * opts.leadsPerAccount);
    await api('POST', `/v1/campaigns/${campaign.campaign.id}/leads`, { leads: leads.map((m) => ({ profile: `urn:li:fsd_profile:${m.profileId}`, attributes: { firstName: m.firstName } })) });
    campaignIds.push(campaign.campaign.id);
  }
  const t0 = Date.now();
  for (const id of campaignIds) await api('POST', `/v1/campaigns/${id}/start`);

  const budget = opts.accounts * opts.cap;
  const receivedAll = async () => ((await admin('/received')) as { received: Received[] }).received;
  let received: Received[] = [];
  for (let last = -1; Date.now() - t0 < opts.timeoutSeconds * 1000;) {
    received = await receivedAll();
    if (received.length !== last && (received.length - last >= budget / 10 || received.length >= budget)) {
      console.warn(`[bench]   ${received.length}/${budget} sends (the whole budget) after ${((Date.now() - t0) / 1000).toFixed(0)}s`);
      last = received.length;
    }
    if (received.length >= budget) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const seconds = (Date.now() - t0) / 1000;
  // Leave time for a send past a cap to show up.
  await new Promise((r) => setTimeout(r, Math.max(5, 3 * opts.spacingSeconds) * 1000));
  received = await receivedAll();
  for (const id of campaignIds) await api('POST', `/v1/campaigns/${id}/pause`).catch(() => undefined);

  const spacingMs = opts.spacingSeconds * 1000;
  let capViolations = 0;
  let largestBurst = 0;
  let largestBurstAfterHold = 0;
  const cvs: number[] = [];
  for (const account of accounts) {
    const times = received.filter((r) => r.account === account.profileId).map((r) => r.deliveredAt).sort((a, b) => a - b);
    capViolations += Math.max(0, times.length - opts.cap);
    largestBurst = Math.max(largestBurst, burst(times, spacingMs));
    if (account.heldUntil) {
      if (times.some((t) => t < account.heldUntil!)) capViolations++; // a send inside the hold breaks it
      largestBurstAfterHold = Math.max(largestBurstAfterHold, burst(times.filter((t) => t >= account.heldUntil!), spacingMs));
    }
    const cv = coefficientOfVariation(times.slice(1).map((t, i) => t - times[i]!));
    if (cv !== null) cvs.push(cv);
  }
  cvs.sort((a, b) => a - b);
  return {
    capViolations, budgetShare: Math.min(received.length, budget) / budget, largestBurst, largestBurstAfterHold,
    medianGapCv: cvs.length ? cvs[Math.floor(cvs.length / 2)]! : 0, sends: received.length, seconds,
  };
}

/** The caps run's figures, each with its goal, for the printed table and bench/results.json. */
export function capsFigures(f: CapsFigures, opts: CapsBenchOptions): BenchFigure[] {
  const setup = `${opts.accounts} accounts, cap ${opts.cap}/day each, ${opts.leadsPerAccount} leads each, a quarter held ${opts.holdSeconds} s; ${f.sends} sends in ${f.seconds.toFixed(0)} s`;
  return [
    { what: 'caps: sends past a cap or inside a hold', threadline: String(f.capViolations), baseline: '—', ratio: '—', goal: '0', met: f.capViolations === 0, note: setup },
    { what: 'caps: share of the allowed budget used', threadline: `${(f.budgetShare * 100).toFixed(1)}%`, baseline: '—', ratio: '—', goal: '≥ 95%', met: f.budgetShare >= 0.95 },
    { what: 'caps: largest burst after a hold ends (sends within one spacing)', threadline: String(f.largestBurstAfterHold), baseline: '—', ratio: '—', goal: '≤ 1', met: f.largestBurstAfterHold <= 1 },
    { what: 'caps: largest burst anywhere', threadline: String(f.largestBurst), baseline: '—', ratio: '—', goal: '≤ 1', met: f.largestBurst <= 1 },
    { what: 'caps: coefficient of variation of the gaps (median account)', threadline: f.medianGapCv.toFixed(2), baseline: '—', ratio: '—', goal: '≥ 0.25', met: f.medianGapCv >= 0.25 },
  ];
}
