// Contract: invitations (reference §5.14, §6) through the real client against the emulator: the create call,
// the read-back that catches the silent weekly cap, the sent list, acceptance seen in the connections read,
// and every refusal mapped at its level (account's invitations vs the prospect).
import type { LinkedInClient } from '@threadline/linkedin';
import { SANDBOX, admin, clientFor, expectLinkedInError, fakeProfileId, requestCounts, startEmulator, urnOf, type EmulatorServer } from './support/linkedin-contract';

const ALEX = urnOf(SANDBOX.alex);

describe('LinkedInClient contract: invitations', () => {
  let emu: EmulatorServer;
  let alex: LinkedInClient;

  beforeEach(async () => {
    emu = await startEmulator();
    alex = await clientFor(emu, SANDBOX.alex, { mailboxUrn: ALEX });
  });
  afterEach(async () => {
    await alex.close();
    await emu.close();
  });

  it('does send an invitation with a note and find it in the sent list', async () => {
    const sent = await alex.sendInvitation({ profileUrn: urnOf(SANDBOX.morgan), note: 'Hi Morgan, loved your talk.' });
    expect(sent).toMatchObject({ profileUrn: urnOf(SANDBOX.morgan), state: 'PENDING', withNote: true });
    expect(sent.invitationUrn).toMatch(/^urn:li:fsd_invitation:\d+$/);
    const list = await alex.listSentInvitations();
    expect(list.invitations.map((i) => i.profileUrn)).toEqual([urnOf(SANDBOX.morgan)]);
    // One create and the read-back.
    const counts = await requestCounts(emu, SANDBOX.alex);
    expect(counts.createInvitation).toBe(1);
    expect(counts.sentInvitations).toBe(2);
  });

  it('does see the acceptance in the connections read, newest first', async () => {
    await alex.sendInvitation({ profileUrn: urnOf(SANDBOX.morgan) });
    expect((await alex.listConnections()).connections.map((c) => c.profileUrn)).not.toContain(urnOf(SANDBOX.morgan));
    await admin(emu, 'POST', `/members/${SANDBOX.morgan}/accept-invitation`, {});
    const page = await alex.listConnections(0, 5);
    expect(page.connections[0]?.profileUrn).toBe(urnOf(SANDBOX.morgan));
    expect(await alex.findPendingInvitation(urnOf(SANDBOX.morgan))).toBeNull();
  });

  it('does let a simulated person accept after a delay', async () => {
    await admin(emu, 'PUT', `/members/${SANDBOX.david}/invitation-response`, { probability: 1, delayMs: 50 });
    await alex.sendInvitation({ profileUrn: urnOf(SANDBOX.david) });
    for (let i = 0; i < 50 && (await alex.listConnections()).connections[0]?.profileUrn !== urnOf(SANDBOX.david); i += 1) await new Promise((r) => setTimeout(r, 20));
    expect((await alex.listConnections()).connections[0]?.profileUrn).toBe(urnOf(SANDBOX.david));
  });

  it('does fail with the weekly invitation limit on FUSE_LIMIT_EXCEEDED', async () => {
    await admin(emu, 'POST', '/faults', { kind: 'invite_weekly_cap', account: SANDBOX.alex, times: 1 });
    await expectLinkedInError(alex.sendInvitation({ profileUrn: urnOf(SANDBOX.morgan) }), 'rate_limited', { status: 429, reason: 'weekly_invitation_limit', linkedinCode: 'FUSE_LIMIT_EXCEEDED' });
  });

  it('does fail with the weekly invitation limit when LinkedIn answers 200 but stored nothing (silent cap)', async () => {
    await admin(emu, 'POST', '/faults', { kind: 'invite_weekly_cap_silent', account: SANDBOX.alex, times: 1 });
    await expectLinkedInError(alex.sendInvitation({ profileUrn: urnOf(SANDBOX.morgan) }), 'rate_limited', { reason: 'weekly_invitation_limit' });
    expect((await alex.listSentInvitations()).invitations).toEqual([]);
  });

  it('does not let an invitation fault touch messaging', async () => {
    await admin(emu, 'POST', '/faults', { kind: 'invite_weekly_cap', account: SANDBOX.alex });
    await expect(alex.sendMessage({ recipientUrns: [urnOf(SANDBOX.sarah)], text: 'still flowing', originToken: 'c0ffee00-0000-4000-8000-000000000001' })).resolves.toBeDefined();
  });

  it.each([
    ['invite_already_invited', 'invalid_request', 'already_invited', 400],
    ['invite_cant_resend', 'invalid_request', 'cant_resend_yet', 400],
    ['invite_not_invitable', 'forbidden', 'not_invitable', 403],
    ['invite_invalid_state', 'invalid_request', 'invalid_invitation_state', 406],
  ] as const)('does map the per-person refusal %s to the prospect (%s / %s)', async (kind, code, reason, status) => {
    await admin(emu, 'POST', '/faults', { kind, account: SANDBOX.alex, invitee: SANDBOX.morgan });
    await expectLinkedInError(alex.sendInvitation({ profileUrn: urnOf(SANDBOX.morgan) }), code, { status, reason });
    // Another person is not affected.
    await expect(alex.sendInvitation({ profileUrn: urnOf(SANDBOX.david) })).resolves.toMatchObject({ state: 'PENDING' });
  });

  it('does refuse a second invitation to the same person with ALREADY_INVITED, and one to a connection as an invalid state', async () => {
    await alex.sendInvitation({ profileUrn: urnOf(SANDBOX.morgan) });
    await expectLinkedInError(alex.sendInvitation({ profileUrn: urnOf(SANDBOX.morgan) }), 'invalid_request', { reason: 'already_invited' });
    await expectLinkedInError(alex.sendInvitation({ profileUrn: urnOf(SANDBOX.sarah) }), 'invalid_request', { status: 406, reason: 'invalid_invitation_state' });
  });

  it('does refuse notes over the limit before calling LinkedIn, and a free account past its monthly notes', async () => {
    await expectLinkedInError(alex.sendInvitation({ profileUrn: urnOf(SANDBOX.morgan), note: 'x'.repeat(301) }), 'invalid_request', { reason: 'invitation_note_unavailable' });
    expect((await requestCounts(emu, SANDBOX.alex)).createInvitation).toBeUndefined();
    // Five notes a month on a free account (reference §7.1), then the note is refused and an invitation without one still goes.
    await admin(emu, 'POST', '/scenario', scenarioWithStrangers(6));
    const again = await clientFor(emu, SANDBOX.alex, { mailboxUrn: ALEX });
    try {
      for (let i = 0; i < 5; i += 1) await again.sendInvitation({ profileUrn: urnOf(stranger(i)), note: `Hi ${i}` });
      await expectLinkedInError(again.sendInvitation({ profileUrn: urnOf(stranger(5)), note: 'Hi 5' }), 'invalid_request', { reason: 'invitation_note_unavailable', linkedinCode: 'CUSTOM_MESSAGE_QUOTA_EXCEEDED' });
      await expect(again.sendInvitation({ profileUrn: urnOf(stranger(5)) })).resolves.toMatchObject({ withNote: false });
    } finally {
      await again.close();
    }
  });
});

function stranger(i: number): string {
  return fakeProfileId(900 + i);
}

/** A small scenario: Alex (a free account) and `n` strangers. */
function scenarioWithStrangers(n: number): unknown {
  return {
    accounts: [{ profileId: SANDBOX.alex, firstName: 'Alex', lastName: 'Sandbox', premium: false }],
    members: Array.from({ length: n }, (_, i) => ({ profileId: stranger(i), firstName: `S${i}`, lastName: 'Stranger' })),
  };
}
