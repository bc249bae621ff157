import type { AccountsRepository, ConversationsRepository, InboxMessagesRepository, InboxSyncStatesRepository, LinkedinAccountEntity } from '@threadline/db';
import { LinkedInError } from '@threadline/linkedin';
import type { AccountsService } from '../accounts/accounts.service';
import { INFERRED_RESTRICTION_REASON } from '../accounts/restriction-window';
import type { LinkedInClientFactory } from '../linkedin/linkedin-client.factory';
import type { ReplyRouterService } from '../sequences/reply-router.service';
import type { WebhooksService } from '../webhooks/webhooks.service';
import { InboxSyncService } from './inbox-sync.service';

const OWNER = 'urn:li:fsd_profile:ACoAAOwner0000000000000000000000000000';
const conversation = { entityUrn: `urn:li:msg_conversation:(${OWNER},2-abc)`, lastActivityAt: 1_700_000_000_000, messages: { elements: [] } };

function setup(account: Partial<LinkedinAccountEntity>, reads: { syncConversations: () => Promise<unknown>; getMessages?: () => Promise<unknown> }, upsert: () => Promise<void> = async () => undefined, known: string[] = []) {
  const acc = { id: 'acc', workspaceId: 'ws', profileUrn: OWNER, status: 'active', statusReason: null, holdUntil: null, hasSalesNavigator: false, ...account } as LinkedinAccountEntity;
  const states = {
    ensure: jest.fn(async () => ({ syncToken: 'tok', baselineAt: new Date(0), salesNavSyncedUntil: null })),
    recordSuccess: jest.fn(async () => undefined),
    recordError: jest.fn(async () => undefined),
    markStopped: jest.fn(async () => undefined),
  };
  const accounts = {
    clearRestriction: jest.fn(async () => undefined),
    effectOf: jest.fn((error: { code: string }) => (error.code === 'ACCOUNT_RESTRICTED' ? { status: 'restricted', reason: 'LinkedIn restricted the account', holdUntil: null } : null)),
    applyEffect: jest.fn(async (_account: unknown, effect: unknown) => effect),
  };
  const client = { getMessages: async () => ({ messages: [], prevCursor: null }), ...reads };
  const clients = { use: jest.fn(async (_a: unknown, call: (c: unknown) => Promise<unknown>) => call(client)) };
  const messages = {
    unnotified: jest.fn(async () => []), markNotified: jest.fn(async () => undefined), knownUrns: jest.fn(async (_a: string, urns: string[]) => new Set(urns.filter((u) => known.includes(u)))),
    markEdited: jest.fn(async () => []), markRecalled: jest.fn(async () => undefined),
  };
  const svc = new InboxSyncService(
    { findInWorkspace: jest.fn(async () => acc) } as unknown as AccountsRepository,
    accounts as unknown as AccountsService,
    clients as unknown as LinkedInClientFactory,
    { upsert: jest.fn(upsert), markDeleted: jest.fn(async () => undefined) } as unknown as ConversationsRepository,
    messages as unknown as InboxMessagesRepository,
    states as unknown as InboxSyncStatesRepository,
    {} as WebhooksService,
    {} as ReplyRouterService,
  );
  return { svc, states, accounts, clients, messages };
}

const input = { workspaceId: 'ws', accountId: 'acc' };
const delta = async () => ({ conversations: [conversation], newSyncToken: 'tok2', deletedConversationUrns: [] });

describe('InboxSyncService.syncAccount', () => {
  it('does record a database error as INTERNAL and rethrow it unchanged, not as a LinkedIn outage', async () => {
    const dbError = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { name: 'QueryFailedError' });
    const { svc, states, accounts } = setup({}, { syncConversations: delta }, async () => {
      throw dbError;
    });
    await expect(svc.syncAccount(input)).rejects.toBe(dbError);
    expect(states.recordError).toHaveBeenCalledWith('acc', 'INTERNAL', expect.stringContaining('not at LinkedIn'));
    expect(states.recordError).not.toHaveBeenCalledWith('acc', 'LINKEDIN_UNAVAILABLE', expect.anything());
    expect(accounts.applyEffect).not.toHaveBeenCalled();
  });

  it('does read the inbox of a restricted account and clear a restriction LinkedIn signalled when the pass succeeds', async () => {
    const { svc, states, accounts } = setup({ status: 'restricted', statusReason: 'LinkedIn restricted the account' }, { syncConversations: delta });
    await expect(svc.syncAccount(input)).resolves.toMatchObject({ outcome: 'synced' });
    expect(states.recordSuccess).toHaveBeenCalled();
    expect(accounts.clearRestriction).toHaveBeenCalledTimes(1);
  });

  it('does keep a restriction inferred from refused writes when the read pass succeeds', async () => {
    const { svc, accounts } = setup({ status: 'restricted', statusReason: INFERRED_RESTRICTION_REASON }, { syncConversations: delta });
    await expect(svc.syncAccount(input)).resolves.toMatchObject({ outcome: 'synced' });
    expect(accounts.clearRestriction).not.toHaveBeenCalled();
  });

  it('does stop when LinkedIn still shows the restriction notice', async () => {
    const notice = new LinkedInError('restricted', 'restricted', { status: 403, reason: 'restriction_notice' });
    const { svc, states, accounts } = setup({ status: 'restricted', statusReason: 'LinkedIn restricted the account' }, { syncConversations: async () => Promise.reject(notice) });
    await expect(svc.syncAccount(input)).resolves.toEqual({ outcome: 'stopped', reason: 'restricted' });
    expect(states.markStopped).toHaveBeenCalledWith('acc', 'restricted');
    expect(accounts.clearRestriction).not.toHaveBeenCalled();
  });

  it('does not call LinkedIn for a disconnected account', async () => {
    const { svc, clients } = setup({ status: 'disconnected' }, { syncConversations: delta });
    await expect(svc.syncAccount(input)).resolves.toEqual({ outcome: 'stopped', reason: 'disconnected' });
    expect(clients.use).not.toHaveBeenCalled();
  });

  it('does heartbeat after every LinkedIn page, so a long pass stays alive and a stuck one is noticed', async () => {
    const log: string[] = [];
    const changed = (i: number) => ({ ...conversation, entityUrn: `urn:li:msg_conversation:(${OWNER},2-c${i})`, messages: { elements: [{ entityUrn: `urn:li:msg_message:(${OWNER},2-m${i})`, deliveredAt: 1_700_000_000_000 }] } });
    const { svc } = setup({}, {
      syncConversations: async () => {
        log.push('linkedin');
        return { conversations: [changed(1), changed(2), changed(3)], newSyncToken: 'tok2', deletedConversationUrns: [] };
      },
      getMessages: async () => {
        log.push('linkedin');
        return { messages: [], prevCursor: null };
      },
    });
    await expect(svc.syncAccount(input, () => log.push('beat'))).resolves.toMatchObject({ outcome: 'synced' });
    expect(log.filter((e) => e === 'linkedin')).toHaveLength(4);
    // Never two LinkedIn calls without a heartbeat between them, and one after the last.
    expect(log.join(' ')).not.toMatch(/linkedin linkedin/);
    expect(log.lastIndexOf('beat')).toBeGreaterThan(log.lastIndexOf('linkedin'));
  });

  it('stores the new text of a message LinkedIn now shows edited, whether it is the newest or further back', async () => {
    const m = (id: string, format?: string, text = 'old') => ({ entityUrn: `urn:li:msg_message:(${OWNER},2-${id})`, deliveredAt: 1_700_000_000_000, body: { text }, ...(format ? { messageBodyRenderFormat: format } : {}) });
    const newestEdited = { ...conversation, entityUrn: `urn:li:msg_conversation:(${OWNER},2-a)`, messages: { elements: [m('n1', 'EDITED', 'new text')] } };
    const newerMessage = { ...conversation, entityUrn: `urn:li:msg_conversation:(${OWNER},2-b)`, messages: { elements: [m('n2')] } };
    const { svc, messages } = setup({}, {
      syncConversations: async () => ({ conversations: [newestEdited, newerMessage], newSyncToken: 'tok2', deletedConversationUrns: [] }),
      getMessages: async () => ({ messages: [m('old1', 'EDITED', 'edited further back'), m('old2')], prevCursor: null }),
    }, undefined, [m('n1').entityUrn, m('old1').entityUrn, m('old2').entityUrn]);
    (messages as unknown as { insertSynced: jest.Mock }).insertSynced = jest.fn(async () => true);
    await expect(svc.syncAccount(input)).resolves.toMatchObject({ outcome: 'synced' });
    expect(messages.markEdited.mock.calls).toEqual([
      ['acc', [{ messageUrn: m('n1').entityUrn, text: 'new text' }]],
      ['acc', [{ messageUrn: m('old1').entityUrn, text: 'edited further back' }]],
    ]);
  });
});
