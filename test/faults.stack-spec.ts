import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeOptionalFailureToOptionalError } from '@temporalio/common/lib/internal-non-workflow';
import { Prng } from '../apps/linkedin-emulator/src/util/prng';
import { api, createWorkspace, recordApiAnswers } from './support/api-client';
import { emulator, received, USER_AGENT } from './support/emulator-admin';
import { analyseRun, faultTable, type ReplyRecord, type SendRecord } from './support/fault-analysis';
import { FAULT_PROFILES, planFaultRun, type TimelineEvent } from './support/fault-plan';
import { startPrivateStack, type PrivateStack } from './support/private-stack';
import { describeFindings, scanEverywhere, sessionSecrets, type Secret } from './support/secret-scan';
import { ALWAYS_OPEN, closeTemporalClient, getCampaign, publishedSequence, temporalClient } from './support/sequences';
import { waitFor } from './support/wait-for';

const profile = FAULT_PROFILES[process.env.THREADLINE_PROFILE === 'long' ? 'long' : 'short'];
// A new seed each run explores new interleavings; THREADLINE_FAULT_SEED replays a run's plan and emulator draws.
const seed = Number(process.env.THREADLINE_FAULT_SEED ?? Math.floor(Math.random() * 1e6));
const STEPS = ['s1', 's2'];
const SEQUENCE = [
  { id: 's1', type: 'typing_and_send', template: '[s1] Hi {{firstName}}, a quick question about your work.' },
  { id: 'r1', type: 'wait_for_reply', timeout: '3s' },
  { id: 's2', type: 'typing_and_send', template: '[s2] Following up on my note, {{firstName}}.' },
];
const FINISHED = ['completed', 'replied'];
const LEFT_BEHIND = ['completed', 'replied', 'stopped', 'skipped', 'cancelled'];
// Leads are split evenly, so this cap is exactly what the campaign may send: one send more is a violation.
const CAP = (profile.leads / profile.accounts) * STEPS.length;
// The received log grows to megabytes in the long profile: read it less often there.
const POLL_MS = profile.name === 'long' ? 3000 : 500;

jest.setTimeout(profile.timeoutMs);

interface Sender {
  profileId: string;
  accountId: string;
}

type EmulatorAccount = { profileId: string; cookies: { li_at: string; JSESSIONID: string; li_a?: string } };

function id39(prng: Prng): string {
  return 'ACoAA' + prng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 34);
}

describe(`faults: a ${profile.leads}-lead campaign while processes crash, services restart and LinkedIn misbehaves (seed ${seed}, ${profile.name} profile)`, () => {
  let env: PrivateStack;
  let key: string;
  const senders: Sender[] = [];
  let members: string[] = [];
  const secrets: Secret[] = [];
  const recorder = recordApiAnswers();
  const happened: Record<string, number> = {};
  const notes: string[] = [];
  const count = (what: string, n = 1) => {
    happened[what] = (happened[what] ?? 0) + n;
  };

  beforeAll(async () => {
    env = await startPrivateStack('faults', {
      LOG_LEVEL: 'info',
      SEND_SPACING_SECONDS: String(profile.spacingSeconds),
      TYPING_MS_PER_CHAR: '5',
      TYPING_PING_MS: '500',
      SEND_WAIT_MS: '30000',
      API_RATE_LIMIT_PER_MINUTE: '100000',
      SEQUENCE_ACCOUNT_RECHECK_SECONDS: '3',
      ACCOUNT_MIN_HOLD_SECONDS: '1',
      INBOX_POLL_SECONDS: '3',
      INBOX_RECONCILE_SECONDS: '1',
      DAILY_MESSAGE_CAP: String(CAP),
      WEEKLY_MESSAGE_CAP: String(CAP),
    });
  }, 180_000);

  afterAll(async () => {
    recorder.stop();
    await closeTemporalClient();
    await env?.stop();
  });

  /** A process that died without being told to is restarted, as a supervisor would, and counted. */
  const supervise = async () => {
    const running = await env.processes();
    for (const name of ['worker', 'api', 'emulator'] as const) {
      if (running[name]) continue;
      count(`${name} exited by itself`);
      notes.push(`${name} exited by itself; restarted`);
      await env.startProcess(name);
    }
  };

  const sendCount = async () => (await emulator<{ received: unknown[] }>('GET', '/received')).received.length;

  const reconnect = async (sender: Sender) => {
    const fresh = await emulator<EmulatorAccount>('POST', `/accounts/${sender.profileId}/login`);
    secrets.push(...sessionSecrets([fresh]));
    const body = { liAt: fresh.cookies.li_at, jsessionId: fresh.cookies.JSESSIONID, ...(fresh.cookies.li_a ? { liA: fresh.cookies.li_a } : {}), userAgent: USER_AGENT };
    await waitFor(`the reconnect of ${sender.accountId} with fresh cookies`, async () => (await api('PATCH', `/v1/accounts/${sender.accountId}`, { key, body })).status === 200, 60_000, 1000);
  };

  const fire = async (e: TimelineEvent) => {
    const sender = senders[e.account]!;
    switch (e.kind) {
      case 'workerKill':
        await env.crashWorker(e.downMs);
        return count('worker SIGKILL + restart');
      case 'temporalRestart':
        await env.restartTemporal(e.downMs);
        return count('Temporal server restart');
      case 'postgresRestart':
        await env.restartPostgres(e.downMs);
        return count('Postgres restart');
      case 'sessionExpiry': {
        await emulator('PATCH', `/accounts/${sender.profileId}`, { expired: true });
        count('session expired (then reconnected with fresh cookies)');
        // The user notices the account went disconnected, logs in on LinkedIn again and pastes the new cookies.
        const noticed = await waitFor('the product to see the expired session', async () => (await api('GET', `/v1/accounts/${sender.accountId}`, { key })).body?.account?.status === 'disconnected', 20_000, 500).catch(() => false);
        if (!noticed) notes.push(`expired session of ${sender.profileId} not shown as disconnected within 20 s; reconnected anyway`);
        return reconnect(sender);
      }
      case '429':
        await emulator('POST', '/faults', { kind: '429', account: sender.profileId, route: e.route, times: e.times, retryAfterSeconds: e.retryAfterSeconds });
        return;
      case '999': {
        // LinkedIn's bot wall holds the account for hours; the operator checks the proxy and resumes it, as a user would.
        const { faults: [rule] } = await emulator<{ faults: Array<{ id: string }> }>('POST', '/faults', { kind: '999', account: sender.profileId, route: e.route, times: 1 });
        const held = await waitFor('the 999 to put the account on hold', async () => (await api('GET', `/v1/accounts/${sender.accountId}`, { key })).body?.account?.status === 'on_hold', 30_000, 500).catch(() => false);
        if (!held) {
          await emulator('DELETE', `/faults/${rule!.id}`);
          notes.push(`999 on ${e.route} for ${sender.profileId} did not hold the account within 30 s; removed`);
          return;
        }
        count('operator resumed a held account (PATCH holdUntil: null)');
        await waitFor('the operator to resume the account', async () => (await api('PATCH', `/v1/accounts/${sender.accountId}`, { key, body: { holdUntil: null } })).status === 200, 30_000, 1000);
        return;
      }
      case '5xx':
        await emulator('POST', '/faults', { kind: '5xx', status: e.status, route: e.route, times: e.times });
        return;
      case 'drop':
        await emulator('POST', '/faults', { kind: 'drop', account: '*', route: 'realtime', times: e.times });
        return;
      case 'lost':
        await emulator('POST', '/faults', { kind: 'lost', account: sender.profileId, route: 'createMessage', times: 1 });
        return;
    }
  };

  it('sends nothing twice, loses no step, sends nothing after a reply, keeps the caps, and finishes every lead', async () => {
    const plan = planFaultRun(profile, seed);
    const prng = new Prng(seed ^ 0x5eed);

    // The emulator: the sandbox's two accounts plus minted ones, and fresh leads connected to all of them.
    const sandbox = await emulator<{ accounts: Array<EmulatorAccount & { name: string }> }>('GET', '/scenario');
    const alex = sandbox.accounts.find((a) => a.name.startsWith('Alex'))!;
    const jordan = sandbox.accounts.find((a) => a.name.startsWith('Jordan'))!;
    const accountInputs = [
      { profileId: alex.profileId, firstName: 'Alex', lastName: 'Sandbox' },
      { profileId: jordan.profileId, firstName: 'Jordan', lastName: 'Seller', salesNavigator: true },
      ...Array.from({ length: profile.accounts - 2 }, (_, i) => ({ profileId: id39(prng), firstName: `Sender${i}`, lastName: 'Faults' })),
    ].map((a) => ({ ...a, dailySendLimit: null })); // the ledger's caps are what is under test
    members = Array.from({ length: profile.leads }, () => id39(prng));
    const scenario = await emulator<{ accounts: EmulatorAccount[] }>('POST', '/scenario', {
      seed,
      accounts: accountInputs,
      members: members.map((profileId, i) => ({ profileId, firstName: `Lead${i}`, lastName: 'Faults' })),
      connections: accountInputs.flatMap((a) => members.map((m) => ({ a: a.profileId, b: m, degree: 1 }))),
    });
    secrets.push(...sessionSecrets(scenario.accounts));

    ({ key } = await createWorkspace(`faults-${seed}`));
    for (const account of scenario.accounts) {
      const res = await api('POST', '/v1/accounts', { key, body: { liAt: account.cookies.li_at, jsessionId: account.cookies.JSESSIONID, ...(account.cookies.li_a ? { liA: account.cookies.li_a } : {}), userAgent: USER_AGENT } });
      expect(res.status).toBe(201);
      senders.push({ profileId: account.profileId, accountId: res.body.account.id });
    }
    for (const r of plan.replies) {
      await emulator('POST', `/members/${members[r.lead]}/scripts`, { trigger: r.trigger, delayMs: r.delayMs, maxReplies: 1, text: `Reply from Lead${r.lead} (${r.trigger})` });
    }

    const sequenceId = await publishedSequence(key, SEQUENCE, 'faults');
    const created = await api('POST', '/v1/campaigns', { key, body: { name: `faults ${seed}`, sequenceId, senders: senders.map((s) => ({ accountId: s.accountId })), workingHours: ALWAYS_OPEN } });
    expect(created.status).toBe(201);
    const campaignId = created.body.campaign.id as string;
    const batch = profile.accounts * 50; // a multiple of the senders, so every account gets the same number of leads
    for (let i = 0; i < members.length; i += batch) {
      const added = await api('POST', `/v1/campaigns/${campaignId}/leads`, { key, body: { leads: members.slice(i, i + batch).map((m, j) => ({ profile: `urn:li:fsd_profile:${m}`, attributes: { firstName: `Lead${i + j}` } })) } });
      expect(added.status).toBe(201);
      expect(added.body.skipped).toEqual([]);
    }
    expect((await api('POST', `/v1/campaigns/${campaignId}/start`, { key })).status).toBe(200);
    const t0 = Date.now();

    // LinkedIn is slow and flaky all along; the timeline adds bursts, outages, crashes and an expired session.
    await emulator('POST', '/faults', { faults: [
      { kind: 'delay', delayMs: 800, probability: 0.08 },
      { kind: 'delay', delayMs: 2500, probability: 0.03, route: 'createMessage' },
      { kind: '5xx', status: 503, probability: 0.03 },
    ] });
    for (const event of plan.timeline) {
      await waitFor(`${event.afterSends} messages out before ${event.kind}`, async () => {
        await supervise();
        return (await sendCount()) >= event.afterSends;
      }, 120_000, POLL_MS).catch(() => notes.push(`${event.kind} fired after 120 s without reaching ${event.afterSends} messages`));
      await fire(event);
    }
    const faultsOverAt = Date.now();
    const { injected } = await emulator<{ injected: Record<string, number> }>('GET', '/faults');
    await emulator('DELETE', '/faults');

    // Settle: every lead must end; a lead still live (or failed, holding for a retry) by the deadline never finished.
    await waitFor('every lead to finish', async () => {
      await supervise();
      const { leads } = await getCampaign(key, campaignId);
      return Object.entries(leads).every(([state, n]) => state === 'total' || LEFT_BEHIND.includes(state) || n === 0);
    }, profile.settleMs, 1000).catch(() => notes.push(`not every lead finished within ${profile.settleMs / 1000} s of the last fault`));
    const doneAt = Date.now();

    // Count from the emulator's own record.
    const senderOf = new Map(senders.map((s) => [s.accountId, s.profileId]));
    const accountIds = new Set(senders.map((s) => s.profileId));
    const sends: SendRecord[] = (await received('')).map((r) => ({
      account: r.account, recipient: r.recipients[0] ?? '', step: /^\[(\w+)\]/.exec(r.text)?.[1] ?? null, originToken: r.originToken, at: r.deliveredAt,
    }));
    const threads = (await emulator<{ threads: Array<{ participants: string[]; messages: Array<{ sender: string; origin: string; deliveredAt: number }> }> }>('GET', '/threads')).threads;
    const replies: ReplyRecord[] = threads.flatMap((t) => t.messages.filter((m) => m.origin === 'reply').flatMap((m) =>
      t.participants.filter((p) => accountIds.has(p)).map((account) => ({ account, member: m.sender, at: m.deliveredAt }))));
    const leads: Array<{ accountId: string; profile: string; state: string }> = [];
    for (let offset = 0; offset < profile.leads; offset += 500) {
      leads.push(...(await api('GET', `/v1/campaigns/${campaignId}/leads?limit=500&offset=${offset}`, { key })).body.leads);
    }
    // The ledger counts what LinkedIn stored: each account's `used` equals what the emulator received from it.
    const quotaUsed: Record<string, number> = {};
    for (const s of senders) quotaUsed[s.profileId] = (await api('GET', `/v1/accounts/${s.accountId}/limits`, { key })).body.actions.messages.daily.used;
    const analysis = analyseRun({
      quotaUsed,
      sends,
      replies,
      leads: leads.map((l) => ({ account: senderOf.get(l.accountId)!, member: l.profile.replace('urn:li:fsd_profile:', ''), state: l.state })),
      rules: { steps: STEPS, dailyCap: CAP, weeklyCap: CAP, spacingMs: profile.spacingSeconds * 1000, spacingToleranceMs: 20, finishedStates: FINISHED },
    });

    // What the stuck leads wait on, for whoever reads a failed run: the lead, its timeline tail and its pending activities.
    const stuck = leads.filter((l) => !FINISHED.includes(l.state)).slice(0, 5);
    const client = await temporalClient();
    for (const lead of stuck as Array<typeof leads[number] & { id: string; workflowId: string; currentStep: unknown; stateReason: string | null }>) {
        const timeline = (await api('GET', `/v1/campaigns/${campaignId}/leads/${lead.id}/timeline`, { key })).body?.timeline?.entries ?? [];
        const run = await client.workflow.getHandle(lead.workflowId).describe().catch((err: Error) => ({ error: err.message }));
        // Failure messages may be encrypted by the payload codec: decoded with the client's own converter.
        const why = async (failure: Parameters<typeof decodeOptionalFailureToOptionalError>[1]) => (await decodeOptionalFailureToOptionalError(client.options.loadedDataConverter, failure))?.message ?? '';
        const pending = 'raw' in run
          ? await Promise.all((run.raw.pendingActivities ?? []).map(async (a) => `${a.activityType?.name} attempt ${a.attempt} ${await why(a.lastFailure)}`.trim()))
          : [String((run as { error: string }).error)];
      notes.push(`stuck ${lead.profile.slice(-8)} ${lead.state} at ${JSON.stringify(lead.currentStep)} (${lead.stateReason ?? '-'}); pending: ${pending.join('; ') || 'none'}; timeline tail: ${JSON.stringify(timeline.slice(-4))}`);
    }
    writeFileSync(join(env.info.dataDir, 'received.json'), JSON.stringify({ sends, replies, leads }, null, 1));

    const scripts = (await emulator<{ replyScripts: Array<{ trigger: string; replies: number }> }>('GET', '/scenario')).replyScripts;
    const states = leads.reduce<Record<string, number>>((acc, l) => ({ ...acc, [l.state]: (acc[l.state] ?? 0) + 1 }), {});
    const table = faultTable(analysis, {
      ...happened,
      ...Object.fromEntries(Object.entries(injected).map(([kind, n]) => [`LinkedIn ${kind}${kind === 'drop' ? ' (realtime)' : kind === 'delay' ? ' (slow answer)' : ''}`, n])),
      'lead replies after a message': scripts.filter((s) => s.trigger === 'any').reduce((n, s) => n + s.replies, 0),
      'lead replies while the account typed': scripts.filter((s) => s.trigger === 'typing').reduce((n, s) => n + s.replies, 0),
    }, [
      `fault run: THREADLINE_PROFILE=${profile.name} THREADLINE_FAULT_SEED=${seed} npm run test:faults`,
      `${profile.leads} leads, ${profile.accounts} accounts, 2 sends each (wait_for_reply 3s), SEND_SPACING_SECONDS=${profile.spacingSeconds}, caps ${CAP}/day and /week per account`,
      `${sends.length} messages received; lead states ${JSON.stringify(states)}; shortest gaps per account (ms) ${JSON.stringify(Object.values(analysis.minGapMs))}`,
      `faults over after ${((faultsOverAt - t0) / 1000).toFixed(0)} s, leads settled ${((doneAt - faultsOverAt) / 1000).toFixed(0)} s later`,
      ...notes,
    ].join('\n'));
    writeFileSync(join(env.info.dataDir, 'fault-table.txt'), table + '\n');
    console.warn(table);

    // The inputs are what they should be, so a zero means something: every scripted reply was found, every send has its step.
    expect(replies.length).toBe(scripts.reduce((n, s) => n + s.replies, 0));
    expect(sends.filter((s) => !STEPS.includes(s.step ?? '')).length).toBe(0);
    expect(analysis.counts).toEqual({ duplicateSends: 0, duplicateOriginTokens: 0, lostSteps: 0, sendsAfterReply: 0, dailyCapExcess: 0, weeklyCapExcess: 0, spacingViolations: 0, unfinishedLeads: 0, quotaMismatches: 0 });
    expect(Object.keys(happened).filter((k) => k.includes('by itself'))).toEqual([]);
  });

  it('leaves no session cookie in Temporal history, any log, any API answer, or Postgres in clear', async () => {
    const scan = await scanEverywhere({ client: await temporalClient(), logsDir: env.info.logsDir, answers: recorder.answers, databaseUrl: env.info.databaseUrl, secrets });
    console.warn(`secrets scan after the fault run: ${secrets.length} cookie values (${senders.length} accounts, fresh cookies after each expiry)\n${scan.summary}`);
    expect(scan.temporal.runs).toBeGreaterThan(profile.leads);
    expect(scan.temporal.opaquePayloads).toBe(0);
    expect(scan.db.encryptedCookieRows).toBe(senders.length);
    expect(describeFindings(scan.findings)).toBe('');
  });
});
