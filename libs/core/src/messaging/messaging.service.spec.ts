import type { Client } from '@temporalio/client';
import type { LinkedinAccountEntity, MessagesRepository } from '@threadline/db';
import type { AccountsService } from '../accounts/accounts.service';
import type { AttachmentsService } from '../attachments/attachments.service';
import type { CoreConfig } from '../config/config';
import type { QuotaService } from '../quota/quota.service';
import { MessagingService } from './messaging.service';

const account = { id: 'acc', workspaceId: 'ws', status: 'active', holdUntil: null, hasSalesNavigator: false, inmailCredits: null } as unknown as LinkedinAccountEntity;
const auth = { workspaceId: 'ws', apiKeyId: 'k' };

function service(start: () => Promise<unknown>) {
  const messages = {
    findByIdempotencyKey: jest.fn(async () => null),
    createPending: jest.fn(async (fields: object) => ({ id: 'm1', ...fields })),
    deleteUnstarted: jest.fn(async () => undefined),
  };
  const accounts = { resolve: jest.fn(async () => account), assertUsable: jest.fn() } as unknown as AccountsService;
  const quota = { status: jest.fn(async () => ({ action: 'message', limit: 100, used: 0, remaining: 100, resetAt: new Date() })), memberKey: jest.fn(() => 'member:0123456789abcdef') } as unknown as QuotaService;
  const temporal = { workflow: { start: jest.fn(start) } } as unknown as Client;
  const config = { TYPING_PING_MS: 5000, TYPING_MS_PER_CHAR: 40, TEMPORAL_UI_URL: 'http://ui', TEMPORAL_NAMESPACE: 'ns' } as CoreConfig;
  const svc = new MessagingService(accounts, messages as unknown as MessagesRepository, quota, temporal, config, {} as AttachmentsService);
  return { svc, messages, temporal };
}

const request = { recipients: ['urn:li:fsd_profile:ACoAA'], text: 'hi', messageType: 'normal' as const, channel: 'auto' as const, typing: false, idempotencyKey: 'k1' };

describe('MessagingService.send', () => {
  it('answers SERVICE_UNAVAILABLE and drops the pending row when Temporal cannot start the send', async () => {
    const { svc, messages } = service(async () => {
      throw new Error('14 UNAVAILABLE: connect ECONNREFUSED 127.0.0.1:7233');
    });
    await expect(svc.send(auth, request)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterMs: 5000 });
    expect(messages.createPending).toHaveBeenCalledTimes(1);
    const workflowId = (messages.createPending.mock.calls[0] as unknown as [{ workflowId: string }])[0].workflowId;
    expect(workflowId).toBe('send:ws:k1');
    expect(messages.deleteUnstarted).toHaveBeenCalledWith(workflowId);
  });

  it('paces the send by the account\'s LinkedIn member, not by the account row', async () => {
    const { svc, temporal } = service(async () => {
      throw new Error('stop here');
    });
    await svc.send(auth, request).catch(() => undefined);
    const [, options] = (temporal.workflow.start as jest.Mock).mock.calls[0] as [string, { args: [{ accountId: string; pacingKey: string }] }];
    expect(options.args[0]).toMatchObject({ accountId: 'acc', pacingKey: 'member:0123456789abcdef' });
  });
});
