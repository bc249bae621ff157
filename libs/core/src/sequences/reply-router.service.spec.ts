import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { LeadEntity, LeadsRepository } from '@threadline/db';
import { leadReplySignal } from '@threadline/contracts';
import { ReplyRouterService } from './reply-router.service';

const lead = (fields: Partial<LeadEntity>): LeadEntity => ({ id: 'l1', state: 'active', workflowId: 'lead:c1:l1', profileUrn: 'urn:li:fsd_profile:P', ...fields }) as LeadEntity;

function setup(bySender: LeadEntity[], byThread: LeadEntity[] = []) {
  const signal = jest.fn().mockResolvedValue(undefined);
  const leads = {
    findLiveByProfile: jest.fn().mockResolvedValue(bySender),
    findLiveByConversation: jest.fn().mockResolvedValue(byThread),
    setState: jest.fn().mockResolvedValue(true),
  };
  const client = { workflow: { getHandle: jest.fn(() => ({ signal })) } } as unknown as Client;
  return { router: new ReplyRouterService(leads as unknown as LeadsRepository, client), signal, leads, client };
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
});
