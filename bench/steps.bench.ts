import { performance } from 'node:perf_hooks';
import type { Stack } from '../scripts/stack';
import type { BareEngine } from './bare-engine';
import { ALWAYS_OPEN, type BenchFigure, benchWorkspace, describeShape, historyShape, json, printTable, profileId, USER_AGENT } from './bench-support';

const GOAL_RATIO = 0.8;
const FINAL = ['completed', 'failed', 'stopped', 'skipped', 'replied', 'cancelled'] as const;

export interface StepsBenchOptions {
  accounts: number;
  leadsPerAccount: number;
  timeoutSeconds: number;
}

interface EmulatorAccount { profileId: string; cookies: { li_at: string; JSESSIONID: string } }
type LeadCounts = Partial<Record<(typeof FINAL)[number] | 'active' | 'pending', number>>;

/**
 * Sequencer throughput: one campaign whose sequence is one typing_and_send step (typing off, spacing off),
 * N leads over M minted accounts, from start until every lead has finished; against N bare workflows of one
 * no-op activity each (one per step), started 20 at a time on the same Temporal server, until all end.
 */
export async function stepsBench(stack: Stack, bare: BareEngine, opts: StepsBenchOptions): Promise<BenchFigure[]> {
  const leads = opts.accounts * opts.leadsPerAccount;
  const admin = (path: string, init: RequestInit = {}) => json<unknown>(`${stack.emulatorUrl}/__emulator${path}`, init);
  const { key } = await benchWorkspace(stack, 'bench steps', 0);
  const api = <T>(method: string, path: string, body?: unknown) =>
    json<T>(`${stack.apiUrl}${path}`, { method, headers: { authorization: `Bearer ${key}` }, body: body === undefined ? undefined : JSON.stringify(body) });

  // Minted senders and members, every member a first-degree connection of every sender (the campaign picks the sender).
  const run = Date.now().toString(36);
  const senders = Array.from({ length: opts.accounts }, (_, i) => ({ profileId: profileId(`st${run}s`, i), firstName: `Sender${i}`, lastName: 'Steps', dailySendLimit: null }));
  const members = Array.from({ length: leads }, (_, i) => ({ profileId: profileId(`st${run}m`, i), firstName: `Lead${i}`, lastName: 'Steps' }));
  console.warn(`[bench] steps: ${leads} leads over ${opts.accounts} accounts, one typing_and_send step (typing and spacing off), and ${leads} bare one-activity workflows`);
  await admin('/reset', { method: 'POST' });
  const scenario = (await admin('/scenario', {
    method: 'POST',
    body: JSON.stringify({ seed: 11, accounts: senders, members, connections: senders.flatMap((a) => members.map((m) => ({ a: a.profileId, b: m.profileId, degree: 1 }))) }),
  })) as { accounts: EmulatorAccount[] };
  const accountIds: string[] = [];
  for (const a of scenario.accounts) {
    const res = await api<{ account: { id: string } }>('POST', '/v1/accounts', { liAt: a.cookies.li_at, jsessionId: a.cookies.JSESSIONID, userAgent: USER_AGENT });
    accountIds.push(res.account.id);
  }
  const sequence = await api<{ sequence: { id: string } }>('POST', '/v1/sequences', { name: 'steps bench', steps: [{ id: 's1', type: 'typing_and_send', template: 'Hi {{firstName}}, a quick question.', typing: false }] });
  await api('POST', `/v1/sequences/${sequence.sequence.id}/publish`);
  const campaign = await api<{ campaign: { id: string } }>('POST', '/v1/campaigns', { name: 'steps bench', sequenceId: sequence.sequence.id, senders: accountIds.map((accountId) => ({ accountId })), workingHours: ALWAYS_OPEN });
  const campaignId = campaign.campaign.id;
  const added = await api<{ added: number; leads: Array<{ id: string }> }>('POST', `/v1/campaigns/${campaignId}/leads`, {
    leads: members.map((m) => ({ profile: `urn:li:fsd_profile:${m.profileId}`, attributes: { firstName: m.firstName } })),
  });
  if (added.added !== leads) throw new Error(`steps: ${added.added} of ${leads} leads added`);

  let t = performance.now();
  await api('POST', `/v1/campaigns/${campaignId}/start`);
  let counts: LeadCounts = {};
  for (let lastLog = 0; ;) {
    counts = (await api<{ campaign: { leads: LeadCounts } }>('GET', `/v1/campaigns/${campaignId}`)).campaign.leads;
    const finished = FINAL.reduce((n, s) => n + (counts[s] ?? 0), 0);
    if (finished >= leads) break;
    const elapsed = (performance.now() - t) / 1000;
    if (elapsed > opts.timeoutSeconds) throw new Error(`steps: ${finished}/${leads} leads finished after ${opts.timeoutSeconds} s (${JSON.stringify(counts)})`);
    if (elapsed - lastLog >= 10) {
      lastLog = elapsed;
      console.warn(`[bench]   ${finished}/${leads} leads finished after ${elapsed.toFixed(0)} s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const threadlineSeconds = (performance.now() - t) / 1000;
  if ((counts.completed ?? 0) !== leads) console.warn(`[bench]   not every lead completed: ${JSON.stringify(counts)}`);
  const leadShape = await historyShape(bare.client, `lead:${campaignId}:${added.leads[0]!.id}`);

  t = performance.now();
  await bare.runMany(leads, 1, 20);
  const bareSeconds = (performance.now() - t) / 1000;
  const bareShape = await historyShape(bare.client, bare.lastWorkflowId());

  const [rate, bareRate] = [leads / threadlineSeconds, leads / bareSeconds];
  const ratio = rate / bareRate;
  const met = ratio >= GOAL_RATIO;
  const figure: BenchFigure = {
    what: `sequencer steps/s: ${leads} leads × 1 typing_and_send step, ${opts.accounts} accounts, typing and spacing off (start → every lead finished)`,
    threadline: `${rate.toFixed(1)} steps/s (${threadlineSeconds.toFixed(1)} s${(counts.completed ?? 0) === leads ? '' : `; ${JSON.stringify(counts)}`})`,
    baseline: `${leads} bare workflows of 1 no-op activity: ${bareRate.toFixed(1)}/s (${bareSeconds.toFixed(1)} s)`,
    ratio: `${ratio.toFixed(2)}×`,
    goal: `≥ ${GOAL_RATIO}× bare`,
    met,
    note: `a lead's run: ${describeShape(leadShape)}; a bare run: ${describeShape(bareShape)}.${met ? '' : ' The engine work per step is what separates them: each workflow task and activity is a round trip through the Temporal server and a task for the worker. What would close it: issue 19\'s lean step (check, prepare and deliver as one activity, bookkeeping as local activities or folded in), a change to workflows/ outside this run.'}`,
  };
  console.warn(`[bench]   Threadline ${rate.toFixed(1)} steps/s, bare ${bareRate.toFixed(1)} runs/s`);
  printTable('sequencer steps', [figure]);
  return [figure];
}
