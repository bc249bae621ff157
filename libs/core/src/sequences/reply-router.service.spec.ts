import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { LeadEntity, LeadsRepository } from '@threadline/db';
import { leadReplySignal, leadStopSignal } from '@threadline/contracts';
import type { CoreConfig } from '../config/config';
import type { LeadRunService } from './lead-run.service';
import { ReplyRouterService } from './reply-router.service';

const lead = (fields: Partial<LeadEntity>): LeadEntity => ({ id: 'l1', state: 'active', workflowId: 'lead:c1:l1', profileUrn: 'urn:li:fsd_profile:P', ...fields }) as LeadEntity;

function setup(bySender: LeadEntity[], byThread: LeadEntity[] = [], ended: LeadEntity[] = [], replyWindowDays = 14) {
  const signal = jest.fn().mockResolvedValue(undefined);
  const leads = {
    findLiveByProfile: jest.fn().mockResolvedValue(bySender),
    findLiveByConversation: jest.fn().mockResolvedValue(byThread),
    findRepliableAfterEnd: jest.fn().mockResolvedValue(ended),
    setState: jest.fn().mockResolvedValue(true),
  };
  const run = { recordLateReply: jest.fn().mockResolvedValue(true) };
  const client = { workflow: { getHandle: jest.fn(() => ({ signal })) } } as unknown as Client;
  const config = { REPLY_WINDOW_DAYS: replyWindowDays } as CoreConfig;
  return { router: new ReplyRouterService(leads as unknown as LeadsRepository, client, run as unknown as LeadRunService, config), signal, leads, client, run };
}

const event = { workspaceId: 'w', accountId: 'a', conversationUrn: 'urn:li:msg_conversation:1', senderProfileUrn: 'urn:li:fsd_profile:P', messageUrn: 'urn:li:msg_message:9', text: 'hi', sentAt: new Date(1000) };

describe('ReplyRouterService', () => {
  it('signals each live lead with that person on that account', async () => {
    const { router, signal } = setup([lead({}), lead({ id: 'l2', workflowId: 'lead:c2:l2' })]);
    expect(await router.onInboundMessage(event)).toBe(2);
    expect(signal).toHaveBeenCalledWith(leadReplySignal, { messageUrn: 'urn:li:msg_message:9', at: 1000, source: 'inbox_sync' });
  });

  it('falls back to the thread when the sender is unknown', async () => {
    const { router, leads, signal } = setup([], [lead({})]);
    expect(await router.onInboundMessage({ ...event, senderProfileUrn: null })).toBe(1);
    expect(leads.findLiveByProfile).not.toHaveBeenCalled();
    expect(signal).toHaveBeenCalledTimes(1);
  });

  it('marks a pending lead skipped when the person writes before the first touch', async () => {
    const { router, leads, signal } = setup([lead({ state: 'pending', workflowId: null })]);
    await router.onInboundMessage(event);
    expect(leads.setState).toHaveBeenCalledWith('w', 'l1', 'skipped', expect.any(String), ['pending']);
    expect(signal).not.toHaveBeenCalled();
  });

  it('treats a run that has already ended as nothing to do', async () => {
    const { router, signal } = setup([lead({})]);
    signal.mockRejectedValueOnce(new WorkflowNotFoundError('gone', 'lead:c1:l1', undefined));
    await expect(router.onInboundMessage(event)).resolves.toBe(0);
  });

  it('marks a lead that completed its sequence within the reply window as replied, in Postgres (its run has closed)', async () => {
    const done = lead({ state: 'completed', workflowId: 'lead:c1:l1' });
    const { router, leads, run, signal } = setup([], [], [done]);
    const sentAt = new Date(20 * 86_400_000);
    expect(await router.onInboundMessage({ ...event, sentAt })).toBe(1);
    expect(leads.findRepliableAfterEnd).toHaveBeenCalledWith('w', 'a', 'urn:li:fsd_profile:P', new Date(6 * 86_400_000), sentAt);
    expect(run.recordLateReply).toHaveBeenCalledWith(done, { messageUrn: 'urn:li:msg_message:9', at: sentAt });
    expect(signal).not.toHaveBeenCalled();
  });

  it('drops a reply after the sequence when the reply window is 0', async () => {
    const { router, leads } = setup([], [], [lead({ state: 'completed' })], 0);
    expect(await router.onInboundMessage(event)).toBe(0);
    expect(leads.findRepliableAfterEnd).not.toHaveBeenCalled();
  });

  it('stops a live lead when the owner writes to the person by hand after the lead was added, and skips one not started', async () => {
    const added = new Date(500);
    const { router, leads, signal } = setup([lead({ id: 'l2', state: 'pending', workflowId: null, createdAt: added })], [lead({ createdAt: added })]);
    const owner = { workspaceId: 'w', accountId: 'a', conversationUrn: 'urn:li:msg_conversation:1', participantUrns: ['urn:li:fsd_profile:P'], messageUrn: 'urn:li:msg_message:10', sentAt: new Date(1000) };
    expect(await router.onOwnerMessage(owner)).toBe(1);
    expect(signal).toHaveBeenCalledWith(leadStopSignal, { state: 'stopped', reason: expect.stringContaining('by hand') });
    expect(leads.setState).toHaveBeenCalledWith('w', 'l2', 'skipped', expect.any(String), ['pending']);
    // History from before the lead was added is not a reason to stop it.
    signal.mockClear();
    expect(await router.onOwnerMessage({ ...owner, sentAt: new Date(100) })).toBe(0);
    expect(signal).not.toHaveBeenCalled();
  });
});
