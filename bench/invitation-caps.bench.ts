import type { Stack } from '../scripts/stack';
import { ALWAYS_OPEN, json, profileId, USER_AGENT } from './bench-support';

const WEEK_MS = 7 * 86_400_000;

interface EmulatorAccount { profileId: string; cookies: { li_at: string; JSESSIONID: string } }
interface EmulatorInvitation { from: string; to: string; sentAt: number }

export interface InvitationCapsOptions {
  accounts: number;
  /** The stack's WEEKLY_INVITATION_CAP: each account gets more connect leads than this. */
  weeklyCap: number;
  leadsPerAccount: number;
  timeoutSeconds: number;
}

export interface InvitationCapsFigures {
  invitations: number;
  /** Accounts with more invitations than the weekly budget in any rolling 7 days. */
  weeklyViolations: number;
  /** Invitations the held accounts sent after LinkedIn's weekly cap (FUSE_LIMIT_EXCEEDED) refused one. */
  sentWhileHeld: number;
  /** Messages the held accounts sent while their invitations were held (all should go). */
  messagesWhileHeld: string;
  budgetShare: number;
  seconds: number;
}

/** The most invitations of one account inside any rolling week. */
function weeklyMost(times: number[]): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= WEEK_MS) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/**
 * Invitation caps (issue 18): many accounts run a connect-first campaign with more strangers than their
 * weekly invitation budget; a quarter of them hit LinkedIn's weekly cap (FUSE_LIMIT_EXCEEDED) on their
 * first invitation. Counted from the emulator's own invitations: invitations past the weekly budget, any
 * sent by a held account, and whether the held accounts can still message.
 */
export async function invitationCapsBench(stack: Stack, opts: InvitationCapsOptions): Promise<InvitationCapsFigures> {
  const admin = <T>(path: string, init: RequestInit = {}) => json<T>(`${stack.emulatorUrl}/__emulator${path}`, init);
  const workspace = await json<{ apiKey: { key: string } }>(`${stack.apiUrl}/v1/admin/workspaces`, { method: 'POST', headers: { authorization: `Bearer ${stack.adminToken}` }, body: JSON.stringify({ name: 'bench-invitations' }) });
  const key = workspace.apiKey.key;
  const api = <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    json<T>(`${stack.apiUrl}${path}`, { method, headers: { authorization: `Bearer ${key}`, ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });

  const run = Date.now().toString(36);
  const senders = Array.from({ length: opts.accounts }, (_, i) => ({ profileId: profileId(`inv${run}s`, i), firstName: `Sender${i}`, lastName: 'Invites', weeklyInvitationLimit: null }));
  const strangers = Array.from({ length: opts.accounts * opts.leadsPerAccount }, (_, i) => ({ profileId: profileId(`inv${run}m`, i), firstName: `Lead${i}`, lastName: 'Invites' }));
  // One friend per sender: a 1st-degree connection the held accounts still message.
  const friends = senders.map((_, i) => ({ profileId: profileId(`inv${run}f`, i), firstName: `Friend${i}`, lastName: 'Invites' }));
  const held = new Set(senders.filter((_, i) => i % 4 === 0).map((s) => s.profileId));
  console.warn(`[bench] invitation caps: ${opts.accounts} accounts × ${opts.leadsPerAccount} connect leads, weekly budget ${opts.weeklyCap}, ${held.size} hit LinkedIn's weekly cap at once`);
  await admin('/reset', { method: 'POST' });
  const scenario = await admin<{ accounts: EmulatorAccount[] }>('/scenario', {
    method: 'POST',
    body: JSON.stringify({ seed: 18, accounts: senders, members: [...strangers, ...friends], connections: senders.map((s, i) => ({ a: s.profileId, b: friends[i]!.profileId, degree: 1 })) }),
  });
  for (const id of held) await admin('/faults', { method: 'POST', body: JSON.stringify({ kind: 'invite_weekly_cap', account: id, times: 1 }) });

  const accounts: Array<{ id: string; profileId: string; friend: string }> = [];
  for (const [i, a] of scenario.accounts.entries()) {
    const res = await api<{ account: { id: string } }>('POST', '/v1/accounts', { liAt: a.cookies.li_at, jsessionId: a.cookies.JSESSIONID, userAgent: USER_AGENT });
    accounts.push({ id: res.account.id, profileId: a.profileId, friend: friends[i]!.profileId });
  }
  const sequence = await api<{ sequence: { id: string } }>('POST', '/v1/sequences', { name: 'invitation caps bench', steps: [
    { id: 'invite', type: 'connect', note: 'Hi {{firstName}}, {great|good} to e-meet you.' },
    { id: 'accepted', type: 'wait_for_acceptance', timeout: '7d' },
    { id: 'hello', type: 'typing_and_send', template: 'Thanks for connecting, {{firstName}}.', typing: false },
  ] });
  await api('POST', `/v1/sequences/${sequence.sequence.id}/publish`);
  const campaignIds: string[] = [];
  for (let c = 0; c < accounts.length; c += 50) {
    const group = accounts.slice(c, c + 50);
    const campaign = await api<{ campaign: { id: string } }>('POST', '/v1/campaigns', { name: `invitation caps ${c / 50 + 1}`, sequenceId: sequence.sequence.id, senders: group.map((a) => ({ accountId: a.id })), workingHours: ALWAYS_OPEN });
    const leads = strangers.slice(c * opts.leadsPerAccount, (c + group.length) * opts.leadsPerAccount);
    await api('POST', `/v1/campaigns/${campaign.campaign.id}/leads`, { leads: leads.map((m) => ({ profile: `urn:li:fsd_profile:${m.profileId}`, attributes: { firstName: m.firstName } })) });
    campaignIds.push(campaign.campaign.id);
  }
  const t0 = Date.now();
  for (const id of campaignIds) await api('POST', `/v1/campaigns/${id}/start`);

  // The budget of the accounts that were not held: each sends up to the weekly cap, then waits a week.
  const budget = (opts.accounts - held.size) * Math.min(opts.weeklyCap, opts.leadsPerAccount);
  const all = async () => (await admin<{ invitations: EmulatorInvitation[] }>('/invitations')).invitations;
  let invitations: EmulatorInvitation[] = [];
  let stableSince = Date.now();
  for (let last = -1; Date.now() - t0 < opts.timeoutSeconds * 1000; ) {
    invitations = await all();
    if (invitations.length !== last) {
      last = invitations.length;
      stableSince = Date.now();
      console.warn(`[bench]   ${invitations.length}/${budget} invitations, ${((Date.now() - t0) / 1000).toFixed(0)}s`);
    }
    if (invitations.length >= budget && Date.now() - stableSince > 5000) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const seconds = (Date.now() - t0) / 1000;

  // Messages still go from the held accounts.
  let messagesOk = 0;
  const heldAccounts = accounts.filter((a) => held.has(a.profileId));
  for (const a of heldAccounts) {
    try {
      await api('POST', '/v1/messages', { recipientId: `urn:li:fsd_profile:${a.friend}`, text: 'Messages are not held by the invitation cap.' }, { 'x-account-id': a.id });
      messagesOk++;
    } catch (err) {
      console.warn(`[bench]   message from held account ${a.id} failed: ${String(err)}`);
    }
  }
  const byAccount = new Map<string, number[]>();
  for (const inv of invitations) byAccount.set(inv.from, [...(byAccount.get(inv.from) ?? []), inv.sentAt].sort((x, y) => x - y));
  const weeklyViolations = [...byAccount.values()].filter((times) => weeklyMost(times) > opts.weeklyCap).length;
  const sentWhileHeld = invitations.filter((i) => held.has(i.from)).length;
  return { invitations: invitations.length, weeklyViolations, sentWhileHeld, messagesWhileHeld: `${messagesOk}/${heldAccounts.length}`, budgetShare: budget ? invitations.length / budget : 0, seconds };
}

export function printInvitationCaps(f: InvitationCapsFigures, opts: InvitationCapsOptions): void {
  console.log('\ninvitation-caps');
  console.log(`  accounts ${opts.accounts}, ${opts.leadsPerAccount} connect leads each, weekly budget ${opts.weeklyCap}`);
  console.log(`  invitations sent                     ${f.invitations} in ${f.seconds.toFixed(1)}s (${(f.budgetShare * 100).toFixed(0)}% of the unheld accounts' weekly budget)`);
  console.log(`  weekly budget violations             ${f.weeklyViolations}`);
  console.log(`  invitations sent while held          ${f.sentWhileHeld}`);
  console.log(`  messages from held accounts          ${f.messagesWhileHeld}`);
}
