import { MockActivityEnvironment } from '@temporalio/testing';
import type { AccountActionRunner, CampaignsService, InboxSyncService } from '@threadline/core';
import { DomainError } from '@threadline/domain';
import { toActivityFailure } from './activities';
import { createAccountActionActivities } from './account-action.activities';
import { createInboxSyncActivities } from './inbox.activities';
import { createCampaignActivities } from './sequence-activities';

/** Runs an activity in a mock context and counts the heartbeats it sends. */
async function heartbeatsOf<A extends unknown[]>(activity: (...args: A) => Promise<unknown>, ...args: A): Promise<number> {
  const env = new MockActivityEnvironment();
  let beats = 0;
  env.on('heartbeat', () => beats++);
  await env.run(activity, ...args);
  return beats;
}

// Core services take a plain callback; the worker's wrappers turn it into the activity's heartbeat.
const beatingTwice = (...args: unknown[]) => {
  const beat = args[args.length - 1] as () => void;
  beat();
  beat();
  return Promise.resolve({});
};

describe('worker activities', () => {
  it('does pass the activity heartbeat to the long activities (inbox pass, lead enrolment, fan-out)', async () => {
    const sync = { syncAccount: jest.fn(beatingTwice) } as unknown as InboxSyncService;
    const campaigns = { enrolBatch: jest.fn(beatingTwice), fanOut: jest.fn(beatingTwice) } as unknown as CampaignsService;
    const { syncInbox } = createInboxSyncActivities(sync);
    const { enrolLeadBatch, signalCampaignLeads } = createCampaignActivities(campaigns);
    expect(await heartbeatsOf(syncInbox, { workspaceId: 'ws', accountId: 'a' })).toBe(2);
    expect(await heartbeatsOf(enrolLeadBatch, { workspaceId: 'ws', campaignId: 'c', limit: 10 })).toBe(2);
    expect(await heartbeatsOf(signalCampaignLeads, { workspaceId: 'ws', campaignId: 'c', control: 'pause' })).toBe(2);
  });

  it('does run each account action type through its own activity, and the old dispatcher still', async () => {
    const runner = {
      typing: jest.fn(async () => ({ conversationUrns: ['t'] })),
      checkStatus: jest.fn(async () => ({ status: 'active' })),
      run: jest.fn(async () => ({ status: 'legacy' })),
    } as unknown as AccountActionRunner;
    const acts = createAccountActionActivities(runner);
    const account = { workspaceId: 'ws', accountId: 'a' };
    await expect(new MockActivityEnvironment().run(acts.typing, { ...account, action: { type: 'typing' as const, conversationUrn: 't' } })).resolves.toEqual({ conversationUrns: ['t'] });
    await expect(new MockActivityEnvironment().run(acts.checkStatus, { ...account, action: { type: 'check_status' as const } })).resolves.toEqual({ status: 'active' });
    await expect(new MockActivityEnvironment().run(acts.runAccountAction, { ...account, action: { type: 'check_status' as const } })).resolves.toEqual({ status: 'legacy' });
  });
});

describe('toActivityFailure', () => {
  it('does retry a throttled call when the account\'s hold ends, never at LinkedIn\'s hint, and carry the hold\'s end', () => {
    const holdUntil = new Date(Date.now() + 240_000).toISOString();
    const failure = toActivityFailure(new DomainError('LINKEDIN_RATE_LIMITED', 'throttled', { retryAfterMs: 240_000, details: { holdUntil } }));
    expect(failure).toMatchObject({ type: 'LINKEDIN_RATE_LIMITED', nonRetryable: false, details: [{ holdUntil }] });
    expect(durationMs(failure.nextRetryDelay)).toBe(240_000);
    // Without a hold (no account to hold), LinkedIn's hint is not a retry time either: the activity's own backoff applies.
    expect(toActivityFailure(new DomainError('LINKEDIN_RATE_LIMITED', 'throttled', { retryAfterMs: 5_000 })).nextRetryDelay).toBeUndefined();
  });

  it('does fail a send that lost its delivery turn for good, with the time its workflow may try again', () => {
    const notBefore = new Date(Date.now() + 30_000).toISOString();
    expect(toActivityFailure(new DomainError('SEND_TOO_SOON', 'wait', { retryAfterMs: 30_000, details: { notBefore } }))).toMatchObject({ type: 'SEND_TOO_SOON', nonRetryable: true, details: [{ notBefore }] });
  });
});

function durationMs(d: unknown): number | undefined {
  return typeof d === 'number' ? d : d === undefined ? undefined : Number(String(d).replace(/ms$/, ''));
}
