import type { AccountsRepository, MessagesRepository } from '@threadline/db';
import type { DeliverInput } from '@threadline/contracts';
import type { LinkedInClient } from '@threadline/linkedin';
import type { AccountsService } from '../accounts/accounts.service';
import type { SentMessageHooks } from '../inbox/sent-message-hooks.service';
import type { QuotaService } from '../quota/quota.service';
import { MessageDeliveryService } from './message-delivery.service';

const conversationUrn = 'urn:li:msg_conversation:(urn:li:fsd_profile:ACoAAOwner,2-abc)';
const unconfirmed: DeliverInput = {
  send: { workspaceId: 'w', accountId: 'a', recipients: ['urn:li:fsd_profile:ACoAAPeer'], text: 'Hi', messageType: 'normal', channel: 'linkedin_inbox', typingMs: 0, typingPingMs: 300 },
  prepared: { conversationUrn, recipientUrns: ['urn:li:fsd_profile:ACoAAPeer'] },
  originToken: 'token-1',
  operationId: 'op-1',
  readBackFirst: true,
};

function setUp(readBack: () => Promise<unknown>) {
  const client = { findMessageByOriginToken: jest.fn(readBack), findConversationByRecipient: jest.fn() } as unknown as LinkedInClient;
  const accounts = { forActivity: jest.fn(async () => ({ id: 'a' })), withLinkedIn: jest.fn(async (_a: unknown, call: (c: LinkedInClient) => Promise<unknown>) => call(client)) };
  const quota = { commit: jest.fn(async () => true), release: jest.fn(async () => true) };
  const service = new MessageDeliveryService(accounts as unknown as AccountsService, quota as unknown as QuotaService, {} as MessagesRepository, {} as SentMessageHooks, {} as AccountsRepository);
  return { service, quota };
}

describe('MessageDeliveryService.releaseSendSlot', () => {
  it('releases the unit of a step that never tried to deliver, without asking LinkedIn', async () => {
    const { service, quota } = setUp(async () => { throw new Error('not asked'); });
    await expect(service.releaseSendSlot({ workspaceId: 'w', operationId: 'op-1' })).resolves.toBeNull();
    expect(quota.release).toHaveBeenCalledWith('w', 'op-1');
  });

  it('commits the unit and answers the send when LinkedIn has the unconfirmed delivery', async () => {
    const { service, quota } = setUp(async () => ({ entityUrn: 'urn:li:msg_message:m1', deliveredAt: 1_700_000_000_000 }));
    await expect(service.releaseSendSlot({ workspaceId: 'w', operationId: 'op-1', unconfirmed })).resolves.toMatchObject({ messageUrn: 'urn:li:msg_message:m1', conversationUrn, originToken: 'token-1' });
    expect(quota.commit).toHaveBeenCalledWith('w', 'op-1', new Date(1_700_000_000_000));
    expect(quota.release).not.toHaveBeenCalled();
  });

  it('releases the unit when LinkedIn does not have it, and keeps it reserved when LinkedIn cannot say', async () => {
    const absent = setUp(async () => null);
    await expect(absent.service.releaseSendSlot({ workspaceId: 'w', operationId: 'op-1', unconfirmed })).resolves.toBeNull();
    expect(absent.quota.release).toHaveBeenCalledWith('w', 'op-1');
    const throttled = setUp(async () => { throw new Error('429'); });
    await expect(throttled.service.releaseSendSlot({ workspaceId: 'w', operationId: 'op-1', unconfirmed })).resolves.toBeNull();
    expect(throttled.quota.release).not.toHaveBeenCalled();
    expect(throttled.quota.commit).not.toHaveBeenCalled();
  });
});
