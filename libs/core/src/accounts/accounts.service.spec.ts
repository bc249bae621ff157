import type { AccountsRepository, ConversationsRepository, LinkedinAccountEntity } from '@threadline/db';
import { LinkedInError } from '@threadline/linkedin';
import type { CoreConfig } from '../config/config';
import type { SecretBox } from '../crypto/secret-box';
import type { LinkedInClientFactory } from '../linkedin/linkedin-client.factory';
import type { AccountStatusEvents } from './account-status-events';
import { AccountsService } from './accounts.service';
import { INFERRED_RESTRICTION_REASON } from './restriction-window';

const ID = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const urn = (tag: string) => `urn:li:fsd_profile:ACoAA${tag.padEnd(34, 'x')}`;
const account = (n: number, tag: string, isDefault = false) => ({ id: ID(n), workspaceId: 'ws', profileUrn: urn(tag), isDefault, status: 'active', statusReason: null, holdUntil: null }) as LinkedinAccountEntity;
const ANN = account(1, 'Ann', true);
const BEN = account(2, 'Ben');
const auth = { workspaceId: 'ws', apiKeyId: 'k' };
const bensConversation = `urn:li:msg_conversation:(${BEN.profileUrn},2-abc)`;
const bensMessage = `urn:li:msg_message:(${BEN.profileUrn},2-def)`;

function setup(options: { holders?: string[]; recent?: { entityUrn: string; at: Date }[]; failWith?: unknown } = {}) {
  const all = [ANN, BEN];
  const repo = {
    findInWorkspace: jest.fn(async (ws: string, id: string) => all.find((a) => a.workspaceId === ws && a.id === id) ?? null),
    findDefault: jest.fn(async () => ANN),
    findByProfile: jest.fn(async (ws: string, profileUrn: string) => all.find((a) => a.workspaceId === ws && a.profileUrn === profileUrn) ?? null),
    setStatus: jest.fn(async () => undefined),
    recordForbiddenWrite: jest.fn(async (_ws: string, _id: string, entityUrn: string, at: Date) => [...(options.recent ?? []), { entityUrn, at }]),
  };
  const conversations = { accountsHolding: jest.fn(async () => options.holders ?? []) };
  const clients = { use: jest.fn(async () => Promise.reject(options.failWith)) };
  const events = { statusChanged: jest.fn(async () => undefined) };
  const svc = new AccountsService(
    repo as unknown as AccountsRepository,
    clients as unknown as LinkedInClientFactory,
    {} as SecretBox,
    { ACCOUNT_MIN_HOLD_SECONDS: 1 } as CoreConfig,
    events as unknown as AccountStatusEvents,
    conversations as unknown as ConversationsRepository,
  );
  return { svc, repo, conversations, events };
}

describe('AccountsService.resolveForUrn', () => {
  it('does act as the mailbox owner when no account is named', async () => {
    const { svc } = setup();
    await expect(svc.resolveForUrn(auth, undefined, bensConversation, 'conversationUrn')).resolves.toBe(BEN);
    await expect(svc.resolveForUrn(auth, undefined, bensMessage, 'messageUrn')).resolves.toBe(BEN);
    await expect(svc.resolveForUrn(auth, BEN.id, bensConversation, 'conversationUrn')).resolves.toBe(BEN);
  });

  it('does answer NOT_FOUND naming the field when the named account is not the owner', async () => {
    const { svc } = setup();
    await expect(svc.resolveForUrn(auth, ANN.id, bensMessage, 'messageUrn')).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'messageUrn' });
  });

  it('does answer NOT_FOUND when no account of the workspace owns the mailbox, and ACCOUNT_NOT_FOUND for another workspace\'s account', async () => {
    const { svc } = setup();
    const stranger = `urn:li:msg_conversation:(${urn('Zed')},2-abc)`;
    await expect(svc.resolveForUrn(auth, undefined, stranger, 'conversationUrn')).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'conversationUrn' });
    await expect(svc.resolveForUrn({ workspaceId: 'other', apiKeyId: 'k' }, undefined, bensConversation, 'conversationUrn')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(svc.resolveForUrn({ workspaceId: 'other', apiKeyId: 'k' }, BEN.id, bensConversation, 'conversationUrn')).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
  });

  it('does act as the account whose synced inbox holds a Sales Navigator thread when no account is named', async () => {
    const { svc, conversations } = setup({ holders: [BEN.id] });
    await expect(svc.resolveForUrn(auth, undefined, 'urn:li:salesNav_thread:2-xyz', 'conversationUrn')).resolves.toBe(BEN);
    expect(conversations.accountsHolding).toHaveBeenCalledWith('ws', expect.objectContaining({ conversationUrn: 'urn:li:salesNav_thread:2-xyz', backendUrn: 'urn:li:messagingThread:2-xyz', salesNavThreadId: '2-xyz' }));
  });

  it('does keep the default or the named account for a thread no synced inbox holds, or when an account is named', async () => {
    const { svc, conversations } = setup({ holders: [] });
    await expect(svc.resolveForUrn(auth, undefined, 'urn:li:salesNav_thread:2-new', 'conversationUrn')).resolves.toBe(ANN);
    await expect(svc.resolveForUrn(auth, BEN.id, 'urn:li:salesNav_thread:2-new', 'conversationUrn')).resolves.toBe(BEN);
    expect(conversations.accountsHolding).toHaveBeenCalledTimes(1);
  });
});

describe('AccountsService.withLinkedIn on a plain 403', () => {
  const forbidden = new LinkedInError('forbidden', 'LinkedIn refused this request (403)', { status: 403 });
  const convUrn = (n: number) => `urn:li:msg_conversation:(${ANN.profileUrn},2-${n})`;

  it('does fail that request with LINKEDIN_FORBIDDEN and leave the account alone when it was a read', async () => {
    const { svc, repo } = setup({ failWith: forbidden });
    await expect(svc.withLinkedIn(ANN, async () => undefined)).rejects.toMatchObject({ code: 'LINKEDIN_FORBIDDEN' });
    expect(repo.recordForbiddenWrite).not.toHaveBeenCalled();
    expect(repo.setStatus).not.toHaveBeenCalled();
  });

  it('does count a refused write and leave the account active while fewer than three conversations refused', async () => {
    const { svc, repo } = setup({ failWith: forbidden, recent: [{ entityUrn: convUrn(1), at: new Date() }] });
    await expect(svc.withLinkedIn(ANN, async () => undefined, { entityUrn: convUrn(2) })).rejects.toMatchObject({ code: 'LINKEDIN_FORBIDDEN' });
    expect(repo.recordForbiddenWrite).toHaveBeenCalledWith('ws', ANN.id, convUrn(2), expect.any(Date), expect.any(Date));
    expect(repo.setStatus).not.toHaveBeenCalled();
  });

  it('does restrict the account, announced, when the third conversation refuses a write', async () => {
    const now = new Date();
    const { svc, repo, events } = setup({ failWith: forbidden, recent: [{ entityUrn: convUrn(1), at: now }, { entityUrn: convUrn(2), at: now }] });
    await expect(svc.withLinkedIn(ANN, async () => undefined, { entityUrn: convUrn(3) })).rejects.toMatchObject({ code: 'ACCOUNT_RESTRICTED' });
    expect(repo.setStatus).toHaveBeenCalledWith('ws', ANN.id, 'restricted', INFERRED_RESTRICTION_REASON, null);
    expect(events.statusChanged).toHaveBeenCalledWith(expect.objectContaining({ accountId: ANN.id, from: 'active', to: 'restricted' }));
  });

  it('does let a database error through unchanged, with no account effect', async () => {
    const dbError = new Error('connection terminated unexpectedly');
    const { svc, repo } = setup({ failWith: dbError });
    await expect(svc.withLinkedIn(ANN, async () => undefined, { entityUrn: convUrn(1) })).rejects.toBe(dbError);
    expect(repo.setStatus).not.toHaveBeenCalled();
  });
});
