import { QuotaService } from '@threadline/core';
import { AccountsRepository, InvitationsRepository, InvitationEntity, LinkedinAccountEntity, QuotaRepository } from '@threadline/db';
import { LEDGER_CONFIG, newAccount, newWorkspace } from './ledger-fixtures';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';

/** A Wednesday noon (UTC): a calendar week would reset on Monday, a rolling one does not. */
const T0 = new Date('2026-03-04T12:00:00Z');
const DAY = 86_400_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('invitations in the quota ledger', () => {
  let db: ScratchDatabase;
  let quota: QuotaService;

  beforeAll(async () => {
    db = await createScratchDatabase();
    quota = new QuotaService(new QuotaRepository(db.dataSource), LEDGER_CONFIG);
  });
  afterAll(async () => {
    await db?.drop();
  });

  /** Sends `n` invitations on the day starting at `dayMs` (all committed). */
  async function sendOn(a: LinkedinAccountEntity, dayMs: number, n: number, tag: string): Promise<void> {
    for (let i = 0; i < n; i += 1) {
      const now = at(dayMs + i * 60_000);
      const decision = await quota.reserve(a, 'invitation', `${tag}-${i}`, now);
      expect(decision.granted).toBe(true);
      await quota.commit(a.workspaceId, `${tag}-${i}`, now, now);
    }
  }

  it('does cap invitations at 20 a day, apart from messages', async () => {
    const a = await newAccount(db.dataSource, await newWorkspace(db.dataSource));
    await sendOn(a, 0, 20, 'd');
    expect(await quota.reserve(a, 'invitation', 'd-20', at(30 * 60_000))).toMatchObject({ granted: false, reason: 'quota' });
    expect(await quota.reserve(a, 'message', 'm-1', at(30 * 60_000))).toMatchObject({ granted: true });
  });

  it('does cap invitations at 80 per rolling 7 days, and free the oldest a week after it was sent', async () => {
    const a = await newAccount(db.dataSource, await newWorkspace(db.dataSource));
    for (let d = 0; d < 4; d += 1) await sendOn(a, d * DAY, 20, `w${d}`);
    // Day 5 (Sunday), then Monday: a calendar week would reset on Monday, the rolling one does not.
    const monday = 5 * DAY;
    const refused = await quota.reserve(a, 'invitation', 'w-over', at(monday));
    expect(refused).toMatchObject({ granted: false, reason: 'quota' });
    // The oldest one (day 0, 12:00) frees up 7 days later.
    expect(refused.granted === false && refused.notBefore.toISOString()).toBe(at(7 * DAY).toISOString());
    expect(await quota.reserve(a, 'invitation', 'w-later', at(7 * DAY + 1000))).toMatchObject({ granted: true });
  });

  it('does show invitations in the limits, with the invitation hold apart from the account hold', async () => {
    const ws = await newWorkspace(db.dataSource);
    const a = await newAccount(db.dataSource, ws);
    await sendOn(a, 0, 3, 'l');
    const accounts = new AccountsRepository(db.dataSource.getRepository(LinkedinAccountEntity));
    await accounts.holdInvitations(ws, a.id, at(DAY));
    const held = (await accounts.findInWorkspace(ws, a.id))!;
    const limits = await quota.limits(held, at(60 * 60_000));
    const invitations = limits.actions.find((x) => x.action === 'invitation')!;
    expect(invitations.daily).toMatchObject({ limit: 20, used: 3, remaining: 17 });
    expect(invitations.weekly).toMatchObject({ limit: 80, used: 3 });
    expect(invitations.nextFreeSlot?.toISOString()).toBe(at(DAY).toISOString());
    expect(limits.hold).toBeNull();
    expect(limits.invitationsHold?.until.toISOString()).toBe(at(DAY).toISOString());
    expect(await quota.reserve(held, 'invitation', 'l-held', at(2 * 60 * 60_000))).toMatchObject({ granted: false, reason: 'hold' });
    expect(await quota.reserve(held, 'message', 'l-msg', at(2 * 60 * 60_000))).toMatchObject({ granted: true });
  });

  it('does warm invitations up with the account', async () => {
    const warm = { ...LEDGER_CONFIG, WARMUP_DAYS: 14, WARMUP_START_CAP: 10 } as typeof LEDGER_CONFIG;
    const ramp = new QuotaService(new QuotaRepository(db.dataSource), warm);
    const a = await newAccount(db.dataSource, await newWorkspace(db.dataSource), { warmupStartedAt: T0 });
    const [daily] = ramp.windows(a, 'invitation', T0);
    expect(daily!.limit).toBeLessThan(20);
  });

  it('does commit a crashed invitation that LinkedIn stored, and expire one that it did not', async () => {
    const ws = await newWorkspace(db.dataSource);
    const a = await newAccount(db.dataSource, ws);
    const invitations = new InvitationsRepository(db.dataSource.getRepository(InvitationEntity));
    for (const op of ['crash-stored', 'crash-lost']) {
      await quota.reserve(a, 'invitation', op, T0);
      await invitations.begin({ workspaceId: ws, accountId: a.id, profileUrn: `urn:li:fsd_profile:${op}`, operationId: op, note: null });
    }
    await invitations.markPending(ws, 'crash-stored', 'urn:li:fsd_invitation:1', T0, null);
    const settled = await quota.settleExpired(at(DAY));
    expect(settled.committed).toBeGreaterThanOrEqual(1);
    expect((await quota.status(a, 'invitation', at(1000))).used).toBe(1);
  });
});
