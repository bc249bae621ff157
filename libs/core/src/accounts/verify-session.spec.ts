import type { AccountRunsService } from './account-runs.service';
import { randomBytes } from 'node:crypto';
import type { AccountsRepository, AttachmentsRepository, ConversationsRepository, InboxMessagesRepository, LinkedinAccountEntity } from '@threadline/db';
import { LinkedInError, type LinkedInClient } from '@threadline/linkedin';
import { AccountActionRunner } from '../account-actions/account-action-runner.service';
import type { CoreConfig } from '../config/config';
import { SecretBox } from '../crypto/secret-box';
import type { LinkedInClientFactory } from '../linkedin/linkedin-client.factory';
import type { WebhooksService } from '../webhooks/webhooks.service';
import type { AccountStatusEvents } from './account-status-events';
import { AccountsService } from './accounts.service';
import { verifySession } from './verify-session';

const ME = { profileUrn: 'urn:li:fsd_profile:ACoAAMe', firstName: 'Jordan', lastName: 'Lee', publicIdentifier: 'jordan' };
const NOW = new Date('2026-03-02T10:00:00Z');
const auth = { workspaceId: 'ws', apiKeyId: 'k' };
const ACC = '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const seatCookies = { liAt: 'li-at', jsessionId: '"ajax:1"', liA: 'li-a', userAgent: 'UA' };

/** A LinkedIn client that answers /me, and the credit grant (or fails it) when the session has li_a. */
function fakeClient(credits: () => Promise<{ available?: number }>, liA = true) {
  const calls: string[] = [];
  const client = {
    me: jest.fn(async () => (calls.push('me'), ME)),
    hasSalesNavigatorCookie: () => liA,
    salesNavInmailCredits: jest.fn(async () => (calls.push('credits'), credits())),
    close: jest.fn(async () => undefined),
  };
  return { client: client as unknown as LinkedInClient, calls };
}

describe('verifySession', () => {
  it('does read who the session is and, with li_a, the seat and its InMail credits', async () => {
    const { client } = fakeClient(async () => ({ available: 7 }));
    await expect(verifySession(client, NOW)).resolves.toEqual({ me: ME, plan: { hasSalesNavigator: true, inmailCredits: 7, statusCheckedAt: NOW } });
  });

  it('does not ask Sales Navigator without li_a', async () => {
    const { client, calls } = fakeClient(async () => ({ available: 7 }), false);
    await expect(verifySession(client, NOW)).resolves.toMatchObject({ plan: { hasSalesNavigator: false, inmailCredits: null } });
    expect(calls).toEqual(['me']);
  });

  it('does count a seat LinkedIn refuses as no seat', async () => {
    const { client } = fakeClient(() => Promise.reject(new LinkedInError('forbidden', 'no seat', { status: 403 })));
    await expect(verifySession(client, NOW)).resolves.toMatchObject({ plan: { hasSalesNavigator: false, inmailCredits: null } });
  });

  it('does fail the whole check when the seat check is throttled or unavailable, so a blip never switches a seat off', async () => {
    const { client } = fakeClient(() => Promise.reject(new LinkedInError('temporary', 'LinkedIn answered 503', { status: 503 })));
    await expect(verifySession(client, NOW)).rejects.toMatchObject({ code: 'temporary' });
  });
});

/** Connect, update and the status check, over one account row and one fake LinkedIn. */
function setup(credits: () => Promise<{ available?: number }>, warmupDays = 0) {
  const box = new SecretBox(randomBytes(32).toString('base64'));
  const row = { id: ACC, workspaceId: 'ws', profileUrn: ME.profileUrn, status: 'active', statusReason: null, holdUntil: null, userAgent: 'UA', baseUrl: null, hasSalesNavigator: true } as LinkedinAccountEntity;
  const stored: Record<string, unknown> = {};
  const repo = {
    findByProfile: jest.fn(async () => null),
    findInWorkspace: jest.fn(async () => ({ ...row, ...stored })),
    findSecrets: jest.fn(async () => ({ cookiesEncrypted: box.sealJson(seatCookies), proxyEncrypted: null })),
    create: jest.fn(async (fields: object) => Object.assign(stored, fields) && ({ ...row, ...stored })),
    updateSession: jest.fn(async (_ws: string, _id: string, fields: object) => void Object.assign(stored, fields)),
  };
  const { client } = fakeClient(credits);
  const clients = { forSession: jest.fn(() => client), use: jest.fn(async (_a: unknown, call: (c: LinkedInClient) => Promise<unknown>) => call(client)) };
  const events = { statusChanged: jest.fn(async () => undefined) } as unknown as AccountStatusEvents;
  const config = { PROXY_ALLOW_PRIVATE_URLS: true, LINKEDIN_BASE_URL: 'https://www.linkedin.com', LINKEDIN_ALLOWED_BASE_URLS: '', ACCOUNT_MIN_HOLD_SECONDS: 60, WARMUP_DAYS: warmupDays, WARMUP_START_CAP: 10 } as CoreConfig;
  const accounts = new AccountsService(repo as unknown as AccountsRepository, clients as unknown as LinkedInClientFactory, box, config, events, {} as ConversationsRepository, {} as AccountRunsService);
  const runner = new AccountActionRunner(repo as unknown as AccountsRepository, accounts, clients as unknown as LinkedInClientFactory, {} as AttachmentsRepository, events, {} as WebhooksService, {} as InboxMessagesRepository);
  return { accounts, runner, stored };
}

describe('one session check for connect, update and the status check', () => {
  it.each([
    ['connect', (s: ReturnType<typeof setup>) => s.accounts.connect(auth, seatCookies)],
    ['update', (s: ReturnType<typeof setup>) => s.accounts.update(auth, ACC, { liAt: 'new-li-at' })],
    ['the status check', (s: ReturnType<typeof setup>) => s.runner.checkStatus({ workspaceId: 'ws', accountId: ACC, action: { type: 'check_status' } })],
  ])('does store the Sales Navigator seat, its InMail credits and the check time on %s', async (_, act) => {
    const s = setup(async () => ({ available: 12 }));
    await act(s);
    expect(s.stored).toMatchObject({ hasSalesNavigator: true, inmailCredits: 12, statusCheckedAt: expect.any(Date) });
  });

  it('does answer a connect LinkedIn could not serve with LINKEDIN_UNAVAILABLE and a Retry-After, saving nothing', async () => {
    const s = setup(() => Promise.reject(new LinkedInError('temporary', 'LinkedIn answered 503', { status: 503 })));
    const error = await s.accounts.connect(auth, seatCookies).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'LINKEDIN_UNAVAILABLE', field: 'liAt', retryAfterMs: expect.any(Number), message: expect.stringContaining('retry the request') });
    expect(s.stored).toEqual({});
  });

  it('does connect a new account warming from today when warm-up is on, and active when it is off', async () => {
    const on = setup(async () => ({ available: 1 }), 14);
    await on.accounts.connect(auth, seatCookies);
    expect(on.stored).toMatchObject({ status: 'warming', warmupStartedAt: expect.any(Date) });
    const off = setup(async () => ({ available: 1 }), 0);
    await off.accounts.connect(auth, seatCookies);
    expect(off.stored).toMatchObject({ status: 'active', warmupStartedAt: expect.any(Date) });
  });
});
