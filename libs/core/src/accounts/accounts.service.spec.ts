import type { AccountRunsService } from './account-runs.service';
import type { AccountsRepository, ConversationsRepository, LinkedinAccountEntity } from '@threadline/db';
import type { DomainError } from '@threadline/domain';
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
    findByExternalId: jest.fn(async () => null),
    findDefault: jest.fn(async () => ANN),
    findByProfile: jest.fn(async (ws: string, profileUrn: string) => all.find((a) => a.workspaceId === ws && a.profileUrn === profileUrn) ?? null),
    setStatus: jest.fn(async () => undefined),
    recordForbiddenWrite: jest.fn(async (_ws: string, _id: string, entityUrn: string, at: Date) => [...(options.recent ?? []), { entityUrn, at }]),
    // The account is at hold level 2 (two throttles since its last send) and not on hold.
    holdAfterThrottle: jest.fn(async (_ws: string, _id: string, _now: Date, _reason: string, untilForLevel: (level: number) => Date) => ({ from: 'active', to: 'on_hold', holdUntil: untilForLevel(2), started: true })),
    updateSession: jest.fn(async (_ws: string, _id: string, _fields: Partial<LinkedinAccountEntity>) => undefined),
  };
  const conversations = { accountsHolding: jest.fn(async () => options.holders ?? []) };
  const clients = { use: jest.fn(async () => Promise.reject(options.failWith)) };
  const events = { statusChanged: jest.fn(async (_change: { from: string | null; to: string }) => undefined) };
  const runs = { accountChanged: jest.fn(async () => []) };
  const svc = new AccountsService(
    repo as unknown as AccountsRepository,
    clients as unknown as LinkedInClientFactory,
    {} as SecretBox,
    { ACCOUNT_MIN_HOLD_SECONDS: 60, ACCOUNT_MAX_HOLD_SECONDS: 3600, WARMUP_DAYS: 0, WARMUP_START_CAP: 10 } as CoreConfig,
    events as unknown as AccountStatusEvents,
    conversations as unknown as ConversationsRepository,
    runs as unknown as AccountRunsService,
  );
  return { svc, repo, conversations, events, runs };
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

describe('AccountsService.withLinkedIn on a throttle (429/999)', () => {
  it('does hold the account for the doubled hold, not LinkedIn\'s shorter hint, and fail the call with the hold\'s end', async () => {
    const { svc, repo, events } = setup({ failWith: new LinkedInError('rate_limited', 'LinkedIn is throttling (429)', { status: 429, retryAfterMs: 5_000 }) });
    const t0 = Date.now();
    const failure = (await svc.withLinkedIn(ANN, async () => undefined).catch((err: unknown) => err)) as DomainError;
    expect(failure).toMatchObject({ code: 'LINKEDIN_RATE_LIMITED', details: { holdUntil: expect.any(String) } });
    const holdUntil = Date.parse(failure.details!.holdUntil as string);
    // Level 2: 60 s × 2² = 240 s, longer than LinkedIn's 5 s.
    expect(holdUntil - t0).toBeGreaterThanOrEqual(240_000);
    expect(holdUntil - t0).toBeLessThan(241_000);
    expect(failure.retryAfterMs).toBeGreaterThan(239_000);
    expect(repo.holdAfterThrottle).toHaveBeenCalledTimes(1);
    expect(events.statusChanged).toHaveBeenCalledWith(expect.objectContaining({ from: 'active', to: 'on_hold', holdUntil: new Date(holdUntil) }));
  });
});

describe('AccountsService.withLinkedIn on an expired session', () => {
  const expired = new LinkedInError('auth_expired', 'LinkedIn session expired', { status: 302 });

  it('does mark the account disconnected, announced, while no session was confirmed since the call read the account', async () => {
    const { svc, repo, events } = setup({ failWith: expired });
    await expect(svc.withLinkedIn(ANN, async () => undefined)).rejects.toMatchObject({ code: 'ACCOUNT_DISCONNECTED' });
    expect(repo.setStatus).toHaveBeenCalledWith('ws', ANN.id, 'disconnected', 'LinkedIn session expired', null, null);
    expect(events.statusChanged).toHaveBeenCalledWith(expect.objectContaining({ from: 'active', to: 'disconnected' }));
  });

  it('does leave a reconnected account alone when a call made with the old session fails late', async () => {
    const { svc, repo, events } = setup({ failWith: expired });
    // The user pasted fresh cookies while the call was out: status_checked_at moved, so nothing matched.
    repo.setStatus.mockResolvedValue(false as unknown as undefined);
    await expect(svc.withLinkedIn(ANN, async () => undefined)).rejects.toMatchObject({ code: 'ACCOUNT_DISCONNECTED' });
    expect(events.statusChanged).not.toHaveBeenCalled();
  });
});

describe('AccountsService.update of safety settings', () => {
  const HELD = { ...ANN, status: 'on_hold', statusReason: 'LinkedIn throttled the account (429/999)', holdUntil: new Date(Date.now() + 3_600_000) } as LinkedinAccountEntity;

  function withStored(account: LinkedinAccountEntity) {
    const ctx = setup();
    let stored = account;
    ctx.repo.findInWorkspace.mockImplementation(async () => stored);
    ctx.repo.updateSession.mockImplementation(async (_ws: string, _id: string, fields: Partial<LinkedinAccountEntity>) => void (stored = { ...stored, ...fields }));
    return { ...ctx, stored: () => stored };
  }

  it('does lift a hold at once: back to active, reason cleared, announced (the runs re-plan through the status change)', async () => {
    const { svc, events, runs, stored } = withStored(HELD);
    await svc.update(auth, ANN.id, { holdUntil: null });
    expect(stored()).toMatchObject({ status: 'active', statusReason: null, holdUntil: null });
    expect(events.statusChanged).toHaveBeenCalledWith(expect.objectContaining({ from: 'on_hold', to: 'active', reason: null }));
    expect(runs.accountChanged).not.toHaveBeenCalled();
  });

  it('does put the account on a manual hold with its reason, announced', async () => {
    const { svc, events, stored } = withStored(ANN);
    await svc.update(auth, ANN.id, { holdUntil: new Date(Date.now() + 60_000).toISOString() });
    expect(stored()).toMatchObject({ status: 'on_hold', statusReason: 'paused through the API' });
    expect(events.statusChanged).toHaveBeenCalledWith(expect.objectContaining({ from: 'active', to: 'on_hold' }));
  });

  it('does tell the account\'s runs when its cap or time zone changes without a status change', async () => {
    const { svc, runs, events } = withStored(ANN);
    await svc.update(auth, ANN.id, { dailyMessageCap: 80, timeZone: 'Europe/Paris' });
    expect(runs.accountChanged).toHaveBeenCalledWith('ws', ANN.id, ['caps', 'working_hours']);
    expect(events.statusChanged).not.toHaveBeenCalled();
  });

  it('does start a warm-up from the day given and end it when the start is cleared, each announced', async () => {
    const { svc, events, stored } = withStored(ANN);
    await svc.update(auth, ANN.id, { warmupDays: 14, warmupStartedAt: new Date().toISOString() });
    expect(stored().status).toBe('warming');
    await svc.update(auth, ANN.id, { warmupStartedAt: null });
    expect(stored().status).toBe('active');
    expect(events.statusChanged.mock.calls.map(([c]) => `${c.from}->${c.to}`)).toEqual(['active->warming', 'warming->active']);
  });
});
