import type { LinkedinAccountEntity, QuotaRepository, WindowStanding } from '@threadline/db';
import type { CoreConfig } from '../config/config';
import { QuotaService } from './quota.service';

const config = {
  LINKEDIN_BASE_URL: 'https://www.linkedin.com', DAILY_MESSAGE_CAP: 100, WEEKLY_MESSAGE_CAP: 400, DAILY_INMAIL_CAP: 40,
  SEND_SPACING_SECONDS: 45, SEND_GAP_MEAN_FACTOR: 1.5, SEND_GAP_CV: 0.4, SEND_GAP_MAX_FACTOR: 4,
  WARMUP_DAYS: 14, WARMUP_START_CAP: 10, QUOTA_RESERVATION_TTL_SECONDS: 1800,
} as CoreConfig;
const profileUrn = 'urn:li:fsd_profile:ACoAAMember';
const NOW = new Date('2026-03-04T12:00:00Z');
const account = (fields: Partial<LinkedinAccountEntity>) =>
  ({ holdUntil: null, dailyMessageCap: null, baseUrl: null, profileUrn, status: 'active', warmupStartedAt: null, warmupDays: null, warmupStartCap: null, ...fields }) as LinkedinAccountEntity;
const window = (fields: Partial<WindowStanding>): WindowStanding =>
  ({ limit: 100, used: 0, reserved: 0, from: new Date('2026-03-04T00:00:00Z'), resetAt: new Date('2026-03-05T00:00:00Z'), pendingExpiresAt: null, ...fields });

function service(standing: WindowStanding[] = [window({}), window({ limit: 400 })]) {
  const repo = {
    reserve: jest.fn(async () => ({ granted: false, windows: standing })),
    standing: jest.fn(async (_memberKey: string) => standing),
    claimDelivery: jest.fn(async (_input: { mode: string }): Promise<{ granted: false; claimedAt: Date | null; doneAt: Date | null; inFlightSince: Date | null }> =>
      ({ granted: false, claimedAt: new Date(NOW.getTime() - 20_000), doneAt: new Date(NOW.getTime() - 10_000), inFlightSince: null })),
    lastDelivery: jest.fn(async (): Promise<{ claimedAt: Date | null; doneAt: Date | null }> => ({ claimedAt: null, doneAt: null })),
  };
  return { quota: new QuotaService(repo as unknown as QuotaRepository, config), repo };
}

describe('QuotaService', () => {
  it('spreads the member’s remaining daily budget over what is left of the working window, never below the drawn gap', async () => {
    const shaped = new QuotaService(service([window({ used: 60, reserved: 1 }), window({ limit: 400, used: 60, reserved: 1 })]).repo as unknown as QuotaRepository, { ...config, SEND_SPREAD_OVER_WINDOW: true } as CoreConfig);
    const inA = account({ id: 'a', workspaceId: 'wsA' });
    const drawn = shaped.gapMs('op-1');
    // 39 remain after this send: 4 hours shared by 40 sends is 6 minutes each, scaled by this send's draw (mean 67.5 s).
    expect(await shaped.shapedGapMs(inA, 'op-1', NOW, new Date(NOW.getTime() + 4 * 3_600_000))).toBe(Math.round(360_000 * (drawn / 67_500)));
    // A window about to close, or none (an API send), keeps the drawn gap.
    expect(await shaped.shapedGapMs(inA, 'op-1', NOW, new Date(NOW.getTime() + 1000))).toBe(drawn);
    expect(await shaped.shapedGapMs(inA, 'op-1', NOW)).toBe(drawn);
    // Turned off, the window is ignored.
    expect(await service().quota.shapedGapMs(inA, 'op-1', NOW, new Date(NOW.getTime() + 4 * 3_600_000))).toBe(drawn);
  });

  it('reserves and counts under one key for one LinkedIn member connected in two workspaces', async () => {
    const { quota, repo } = service();
    const inA = account({ id: 'a', workspaceId: 'wsA' });
    const inB = account({ id: 'b', workspaceId: 'wsB', baseUrl: 'https://www.linkedin.com/' });
    await quota.reserve(inA, 'message', 'op-1', NOW);
    await quota.reserve(inB, 'message', 'op-2', NOW);
    await quota.status(inB, 'message', NOW);
    const [[{ memberKey: keyA }], [{ memberKey: keyB }]] = repo.reserve.mock.calls as unknown as Array<[{ memberKey: string }]>;
    expect(keyA).toBe(keyB);
    expect(repo.standing.mock.calls.every(([key]) => key === keyA)).toBe(true);
  });

  it('shows the next free slot a gap after LinkedIn last answered, when that came after the last booking', async () => {
    const { quota, repo } = service();
    // Booked 40 s ago, but LinkedIn took 35 s to answer: the next send may go 45 s (SEND_SPACING_SECONDS) after the answer.
    repo.lastDelivery.mockResolvedValue({ claimedAt: new Date(NOW.getTime() - 40_000), doneAt: new Date(NOW.getTime() - 5_000) });
    const { actions } = await quota.limits(account({ id: 'a', workspaceId: 'wsA' }), NOW);
    expect(actions.find((a) => a.action === 'message')?.nextFreeSlot).toEqual(new Date(NOW.getTime() + 40_000));
  });

  it('keeps members apart: another profile on the same LinkedIn has its own key', () => {
    const { quota } = service();
    expect(quota.memberKey(account({ profileUrn: 'urn:li:fsd_profile:ACoAAOther' }))).not.toBe(quota.memberKey(account({})));
  });

  it('bounds the member\'s total by the calling account\'s own daily cap', () => {
    const { quota } = service();
    const [day] = quota.windows(account({ dailyMessageCap: 2 }), 'message', NOW);
    expect(day!.limit).toBe(2);
  });

  it('does ramp the daily caps of a warming account and leave its weekly cap alone', () => {
    const { quota } = service();
    const warming = account({ warmupStartedAt: new Date('2026-03-02T08:00:00Z') }); // day 3 of 14
    const [day, week] = quota.windows(warming, 'message', NOW);
    expect(day!.limit).toBe(22);
    expect(week!.limit).toBe(400);
    expect(quota.windows(warming, 'inmail', NOW)[0]!.limit).toBe(14);
    expect(quota.windows(account({ ...warming, warmupDays: 0 }), 'message', NOW)[0]!.limit).toBe(100);
  });

  it('does refuse until the reset when stored sends fill a window, and only until the first reservation expires when sends under way fill it', async () => {
    const expires = new Date('2026-03-04T12:20:00Z');
    const full = await service([window({ used: 100 }), window({ limit: 400, used: 100 })]).quota.reserve(account({}), 'message', 'op', NOW);
    expect(full).toMatchObject({ granted: false, reason: 'quota', notBefore: new Date('2026-03-05T00:00:00Z') });
    const pending = await service([window({ used: 98, reserved: 2, pendingExpiresAt: expires }), window({ limit: 400, used: 98, reserved: 2 })]).quota.reserve(account({}), 'message', 'op', NOW);
    expect(pending).toMatchObject({ granted: false, notBefore: expires, status: { used: 98, reserved: 2, remaining: 0 } });
  });

  it('does refuse a slot during a hold without asking the ledger', async () => {
    const { quota, repo } = service();
    const holdUntil = new Date(NOW.getTime() + 60_000);
    expect(await quota.reserve(account({ holdUntil }), 'message', 'op', NOW)).toEqual({ granted: false, notBefore: holdUntil, reason: 'hold' });
    expect(repo.reserve).not.toHaveBeenCalled();
  });

  it('does answer a refused delivery claim with the previous send\'s end plus this operation\'s own gap, never below the spacing', async () => {
    const { quota } = service();
    const claim = await quota.claimDelivery(account({ workspaceId: 'ws' }), 'lead:c:l:step-0', NOW);
    expect(claim.granted).toBe(false);
    expect(claim.gapMs).toBe(quota.gapMs('lead:c:l:step-0'));
    expect(claim.gapMs).toBeGreaterThanOrEqual(45_000);
    if (!claim.granted) expect(claim.notBefore.getTime()).toBe(NOW.getTime() - 10_000 + claim.gapMs);
  });

  it('does tell a send refused while another send of the member is in flight to ask again soon, and books before typing without that check', async () => {
    const { quota, repo } = service();
    const op = 'lead:c:l:step-1';
    repo.claimDelivery.mockResolvedValueOnce({ granted: false, claimedAt: new Date(NOW.getTime() - 5_000), doneAt: null, inFlightSince: new Date(NOW.getTime() - 5_000) });
    expect(await quota.claimSend(account({}), op, NOW)).toMatchObject({ granted: false, notBefore: new Date(NOW.getTime() + 1000) });
    expect(repo.claimDelivery.mock.calls[0]![0]).toMatchObject({ mode: 'send', inFlightMs: 120_000 });
    await quota.claimDelivery(account({}), op, NOW);
    expect(repo.claimDelivery.mock.calls[1]![0]).toMatchObject({ mode: 'book' });
  });

  it('does show the tightest window in the headers\' numbers, reserved units taken off what remains', async () => {
    const { quota } = service([window({ used: 10, reserved: 3 }), window({ limit: 400, used: 390, reserved: 3 })]);
    expect(await quota.status(account({}), 'message', NOW)).toMatchObject({ action: 'message', limit: 400, used: 390, reserved: 3, remaining: 7 });
  });
});
