import type { InvitationEntity, LinkedinAccountEntity } from '@threadline/db';
import { DomainError } from '@threadline/domain';
import type { LeadInvitationInput } from '@threadline/contracts';
import { InvitationsService } from './invitations.service';

const ACCOUNT = { id: 'acc', workspaceId: 'ws', isPremium: false, holdUntil: null, invitationsHeldUntil: null } as unknown as LinkedinAccountEntity;
const PERSON = 'urn:li:fsd_profile:ACoAAperson';

/** The service over in-memory stand-ins: an invitations table, a ledger that grants, and a scripted LinkedIn client. */
function world(client: { sendInvitation?: jest.Mock; findPendingInvitation?: jest.Mock; listConnections?: jest.Mock }) {
  const rows = new Map<string, InvitationEntity>();
  const invitations = {
    begin: jest.fn(async (i: Partial<InvitationEntity>) => {
      if (!rows.has(i.operationId!)) rows.set(i.operationId!, { ...i, id: `inv-${rows.size + 1}`, state: 'sending', createdAt: new Date() } as InvitationEntity);
      return rows.get(i.operationId!)!;
    }),
    findByOperation: jest.fn(async (_ws: string, op: string) => rows.get(op) ?? null),
    latestFor: jest.fn(async () => [...rows.values()].find((r) => r.state === 'pending' || r.state === 'accepted') ?? null),
    markPending: jest.fn(async (_ws: string, op: string, urn: string, sentAt: Date, note: string | null) => Object.assign(rows.get(op)!, { state: 'pending', invitationUrn: urn, sentAt, note })),
    markFailed: jest.fn(async (_ws: string, op: string, code: string) => Object.assign(rows.get(op)!, { state: 'failed', errorCode: code })),
    pendingOf: jest.fn(async () => [...rows.values()].filter((r) => r.state === 'pending')),
    markAccepted: jest.fn(async (_ws: string, ids: string[], at: Date) => [...rows.values()].filter((r) => ids.includes(r.id) && r.state === 'pending').map((r) => Object.assign(r, { state: 'accepted', acceptedAt: at }))),
    discard: jest.fn(),
  };
  const quota = {
    reserve: jest.fn(async () => ({ granted: true })),
    claimDelivery: jest.fn(async () => ({ granted: true, gapMs: 0 })),
    claimSend: jest.fn(async () => ({ granted: true, gapMs: 0 })),
    commit: jest.fn(), release: jest.fn(), forget: jest.fn(), status: jest.fn(), deliveryDone: jest.fn(),
  };
  const accountRows = { holdInvitations: jest.fn(), findInWorkspace: jest.fn(async () => ACCOUNT) };
  const accounts = { forActivity: jest.fn(async () => ACCOUNT), withLinkedIn: jest.fn(async (_a: unknown, call: (c: unknown) => unknown) => call(client)) };
  const webhooks = { emit: jest.fn() };
  const leadEvents = { record: jest.fn() };
  const signal = jest.fn();
  const temporal = { workflow: { getHandle: jest.fn(() => ({ signal })) } };
  const service = new InvitationsService(accounts as never, accountRows as never, invitations as never, quota as never, webhooks as never, leadEvents as never, temporal as never);
  return { service, rows, invitations, quota, accountRows, webhooks, leadEvents, signal };
}

const lead = (over: Partial<LeadInvitationInput> = {}): LeadInvitationInput => ({
  workspaceId: 'ws', campaignId: 'c', leadId: 'l', accountId: 'acc', profileUrn: PERSON, stepIndex: 0, stepId: 'invite',
  operationId: 'lead:c:l:step-0', workflowId: 'lead:c:l', note: 'Hi there', noteFallback: 'without_note', ...over,
});
const sent = { invitationUrn: 'urn:li:fsd_invitation:1', profileUrn: PERSON, state: 'PENDING', sentAt: 1_000, withNote: true };

describe('InvitationsService', () => {
  it('does commit the unit and fire invitation.sent once LinkedIn stored the invitation', async () => {
    const w = world({ sendInvitation: jest.fn(async () => sent) });
    expect(await w.service.sendForLead(lead())).toEqual({ status: 'sent', invitationUrn: sent.invitationUrn, sentAt: 1_000, withNote: true });
    expect(w.quota.commit).toHaveBeenCalledWith('ws', 'lead:c:l:step-0', new Date(1_000));
    // The member's next write counts its gap from this one's answer.
    expect(w.quota.deliveryDone).toHaveBeenCalledWith('lead:c:l:step-0');
    expect(w.webhooks.emit).toHaveBeenCalledWith('ws', 'invitation.sent', expect.objectContaining({ profile_urn: PERSON, with_note: true }), expect.any(String));
    expect(w.leadEvents.record).toHaveBeenCalledWith(expect.objectContaining({ type: 'invited', eventKey: 'invited:0' }));
  });

  it('does hold the account\'s invitations, release the unit and ask the run to wait when the weekly cap is hit', async () => {
    const w = world({ sendInvitation: jest.fn(async () => { throw new DomainError('INVITATIONS_HELD', 'weekly cap', { retryAfterMs: 3_600_000 }); }) });
    const before = Date.now();
    const outcome = await w.service.sendForLead(lead());
    expect(outcome).toMatchObject({ status: 'wait', reason: 'hold' });
    expect(outcome.status === 'wait' && outcome.notBefore).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(w.accountRows.holdInvitations).toHaveBeenCalledWith('ws', 'acc', expect.any(Date));
    expect(w.quota.release).toHaveBeenCalledWith('ws', 'lead:c:l:step-0');
    expect(w.quota.commit).not.toHaveBeenCalled();
  });

  it('does answer a refusal about the person as an outcome, never holding the account', async () => {
    const w = world({ sendInvitation: jest.fn(async () => { throw new DomainError('INVITATION_RESEND_TOO_SOON', 'recently'); }) });
    expect(await w.service.sendForLead(lead())).toMatchObject({ status: 'refused', code: 'INVITATION_RESEND_TOO_SOON' });
    expect(w.accountRows.holdInvitations).not.toHaveBeenCalled();
    expect(w.rows.get('lead:c:l:step-0')).toMatchObject({ state: 'failed', errorCode: 'INVITATION_RESEND_TOO_SOON' });
  });

  it('does send without the note when LinkedIn will not take it and the step says so, and skips when it says skip', async () => {
    const send = jest.fn()
      .mockRejectedValueOnce(new DomainError('INVITATION_NOTE_UNAVAILABLE', 'no notes left'))
      .mockResolvedValueOnce({ ...sent, withNote: false });
    const w = world({ sendInvitation: send, findPendingInvitation: jest.fn(async () => null) });
    expect(await w.service.sendForLead(lead())).toMatchObject({ status: 'sent', withNote: false });
    expect(send.mock.calls.map((c) => c[0].note)).toEqual(['Hi there', undefined]);

    const skip = world({ sendInvitation: jest.fn() });
    expect(await skip.service.sendForLead(lead({ note: 'x'.repeat(201), noteFallback: 'skip' }))).toMatchObject({ status: 'refused', code: 'INVITATION_NOTE_UNAVAILABLE' });
  });

  it('does wait without calling LinkedIn when the budget is used', async () => {
    const sendInvitation = jest.fn();
    const w = world({ sendInvitation });
    w.quota.reserve.mockResolvedValueOnce({ granted: false, notBefore: new Date(5_000), reason: 'quota' } as never);
    expect(await w.service.sendForLead(lead())).toEqual({ status: 'wait', notBefore: 5_000, reason: 'quota' });
    expect(sendInvitation).not.toHaveBeenCalled();
  });

  it('does read the sent list back first on a retried operation, and never invites twice', async () => {
    const sendInvitation = jest.fn();
    const w = world({ sendInvitation, findPendingInvitation: jest.fn(async () => sent) });
    await w.invitations.begin({ workspaceId: 'ws', operationId: 'lead:c:l:step-0', profileUrn: PERSON } as never);
    expect(await w.service.sendForLead(lead())).toMatchObject({ status: 'sent' });
    expect(sendInvitation).not.toHaveBeenCalled();
  });

  it('does mark an invitee found among the connections accepted: webhook, timeline, and the lead\'s signal', async () => {
    const w = world({ sendInvitation: jest.fn(async () => sent), listConnections: jest.fn(async () => ({ connections: [{ profileUrn: PERSON, connectedAt: 2_000 }], nextStart: null })) });
    await w.service.sendForLead(lead());
    expect(await w.service.checkAcceptances(ACCOUNT)).toBe(1);
    expect(w.webhooks.emit).toHaveBeenCalledWith('ws', 'invitation.accepted', expect.objectContaining({ state: 'accepted' }), expect.any(String));
    expect(w.leadEvents.record).toHaveBeenCalledWith(expect.objectContaining({ type: 'invitation_accepted' }));
    expect(w.signal).toHaveBeenCalledWith(expect.anything(), { profileUrn: PERSON, at: 2_000 });
    expect(await w.service.checkAcceptances(ACCOUNT)).toBe(0);
  });
});
