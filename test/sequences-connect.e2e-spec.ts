// A connect-first sequence against the real stack: connect with a note → wait for acceptance → message →
// wait for reply → follow-up, with people who accept, who ignore the invitation until the timeout, and who
// accept late (found by the worker's scheduled acceptance check, then signalled to the lead's run).
import { api } from './support/api-client';
import { SANDBOX, emulator } from './support/emulator-admin';
import { type Member, loadScenarioWithMembers, resetEmulator, runCampaign, sentTo, waitForLead, workspaceWithAlex } from './support/sequences';

const STEPS = [
  { type: 'connect', id: 'invite', note: 'Hi {{firstName}}, {great|nice} to e-meet you.' },
  { type: 'wait_for_acceptance', id: 'accepted', timeout: '20s' },
  { type: 'typing_and_send', id: 'hello', template: 'Thanks for connecting, {{firstName}}!' },
  { type: 'wait_for_reply', id: 'reply', timeout: '3s' },
  { type: 'typing_and_send', id: 'followup', template: 'Following up, {{firstName}}.' },
];

describe('a connect-first sequence', () => {
  let people: Member[];
  let friend: Member;
  let key: string;
  let alex: string;

  beforeAll(async () => {
    // The first is a connection of Alex already; the other three are strangers.
    [friend, ...people] = (await loadScenarioWithMembers(1, 3)) as [Member, ...Member[]];
    ({ key, alexId: alex } = await workspaceWithAlex());
  });
  afterAll(() => resetEmulator());

  it('does message people once they accept, follow up when they do not reply, stop on a reply, end people who never accept as skipped, and go straight on for a connection', async () => {
    const [quick, ignores, late] = people as [Member, Member, Member];
    // Quick accepts at once and never replies; Ignores never accepts; Late accepts after a while and replies.
    await emulator('PUT', `/members/${quick.profileId}/invitation-response`, { probability: 1, delayMs: 300 });
    await emulator('PUT', `/members/${late.profileId}/invitation-response`, { probability: 1, delayMs: 8_000 });
    await emulator('POST', `/members/${late.profileId}/scripts`, { trigger: 'any', delayMs: 300, text: 'Happy to chat!' });

    const { campaignId, leadIds } = await runCampaign(key, STEPS, [...people, friend].map((p) => ({ profile: p.urn, attributes: { firstName: p.firstName } })), { senders: [alex] });
    const [quickLead, ignoresLead, lateLead, friendLead] = leadIds as [string, string, string, string];

    const [q, i, l, f] = await Promise.all([
      waitForLead(key, campaignId, quickLead, ['completed', 'failed', 'skipped', 'replied'], 90_000),
      waitForLead(key, campaignId, ignoresLead, ['completed', 'failed', 'skipped', 'replied'], 90_000),
      waitForLead(key, campaignId, lateLead, ['completed', 'failed', 'skipped', 'replied'], 90_000),
      waitForLead(key, campaignId, friendLead, ['completed', 'failed', 'skipped', 'replied'], 90_000),
    ]);
    // Already a connection: LinkedIn refuses the invitation (406), the step sees the connection and goes on.
    expect(f.state).toBe('completed');
    expect((await sentTo(friend)).map((m) => m.text)).toEqual([`Thanks for connecting, ${friend.firstName}!`, `Following up, ${friend.firstName}.`]);
    expect(q.state).toBe('completed');
    expect(i).toMatchObject({ state: 'skipped' });
    expect(l.state).toBe('replied');

    // Every stranger got exactly one invitation, with the rendered note; the connection none.
    expect(((await emulator('GET', `/invitations?account=${SANDBOX.alex}`)).invitations as Array<{ to: string }>).filter((inv) => inv.to === friend.profileId)).toEqual([]);
    const invitations = (await emulator('GET', `/invitations?account=${SANDBOX.alex}`)).invitations as Array<{ to: string; note: string | null; state: string }>;
    for (const p of people) {
      const mine = invitations.filter((inv) => inv.to === p.profileId);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.note).toMatch(new RegExp(`^Hi ${p.firstName}, (great|nice) to e-meet you\\.$`));
    }
    expect(invitations.find((inv) => inv.to === ignores.profileId)!.state).toBe('PENDING');

    // Messages only after acceptance: hello + follow-up for Quick, hello only for Late (replied), nothing for Ignores.
    expect((await sentTo(quick)).map((m) => m.text)).toEqual([`Thanks for connecting, ${quick.firstName}!`, `Following up, ${quick.firstName}.`]);
    expect((await sentTo(late)).map((m) => m.text)).toEqual([`Thanks for connecting, ${late.firstName}!`]);
    expect(await sentTo(ignores)).toEqual([]);

    // The API shows the same: accepted for two, still pending for the one who ignored it.
    const listed = (await api('GET', `/v1/invitations?accountId=${alex}`, { key })).body.invitations as Array<{ profileUrn: string; state: string; leadId: string }>;
    expect(Object.fromEntries(listed.map((x) => [x.profileUrn, x.state]))).toEqual({ [quick.urn]: 'accepted', [ignores.urn]: 'pending', [late.urn]: 'accepted' });
    expect(listed.every((x) => leadIds.includes(x.leadId))).toBe(true);
  });
});
