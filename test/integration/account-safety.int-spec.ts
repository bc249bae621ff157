import { AccountSafetyService, type AccountRunsService, AccountsService, type AccountStatusEvents, type CoreConfig, QuotaService, accountEffectOf } from '@threadline/core';
import { AccountsRepository, LinkedinAccountEntity, QuotaRepository } from '@threadline/db';
import { DomainError } from '@threadline/domain';
import { LEDGER_CONFIG, after, days, newAccount, newWorkspace } from './ledger-fixtures';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';

/** Warm-up on, as in production: 14 days from 10 messages a day (a weekly cap out of the way, to see the daily ramp alone). */
const CONFIG = { ...LEDGER_CONFIG, WARMUP_DAYS: 14, WEEKLY_MESSAGE_CAP: 5000 } as CoreConfig;
const DAY0 = new Date('2026-03-02T09:00:00Z');

describe('warm-up and holds on a controllable clock', () => {
  let db: ScratchDatabase;
  let repo: AccountsRepository;
  let quota: QuotaService;
  let accounts: AccountsService;
  let safety: AccountSafetyService;
  const statusChanged = jest.fn(async () => undefined);

  beforeEach(async () => {
    db = await createScratchDatabase();
    repo = new AccountsRepository(db.dataSource.getRepository(LinkedinAccountEntity));
    quota = new QuotaService(new QuotaRepository(db.dataSource), CONFIG);
    const events = { statusChanged } as unknown as AccountStatusEvents;
    // applyEffect reaches only the repository, the config and the events; LinkedIn and secrets are never used.
    const unused = undefined as never;
    accounts = new AccountsService(repo, unused, unused, CONFIG, events, unused, { accountChanged: jest.fn() } as unknown as AccountRunsService);
    safety = new AccountSafetyService(repo, quota, events, CONFIG);
    statusChanged.mockClear();
  });
  afterEach(() => db?.drop());

  const reload = async (a: LinkedinAccountEntity) => (await repo.findInWorkspace(a.workspaceId, a.id))!;
  const changes = () => (statusChanged.mock.calls as unknown as Array<[{ accountId: string; from: string; to: string; reason: string | null }]>).map(([c]) => `${c.from}->${c.to}`);

  /** Sends (reserve, then LinkedIn stores it) until the ledger refuses; answers how many went out. */
  async function sendAllDay(a: LinkedinAccountEntity, now: Date, tag: string): Promise<number> {
    let sent = 0;
    for (;;) {
      const op = `${tag}-${sent}`;
      const slot = await quota.reserve(await reload(a), 'message', op, now);
      if (!slot.granted) return sent;
      await quota.commit(a.workspaceId, op, after(now, sent * 1000));
      sent++;
    }
  }

  it('does ramp a new account\'s daily sends from 10 to the full cap over 14 days, then turns it active by itself', async () => {
    const a = await newAccount(db.dataSource, await newWorkspace(db.dataSource), { status: 'warming', warmupStartedAt: DAY0 });
    const perDay: number[] = [];
    const statuses: string[] = [];
    for (let d = 0; d < 16; d++) {
      const now = after(DAY0, days(d));
      await safety.sweep(now);
      statuses.push((await reload(a)).status);
      perDay.push(await sendAllDay(a, now, `day${d}`));
      // `used` is what LinkedIn stored today, nothing more.
      expect((await quota.status(await reload(a), 'message', now)).used).toBe(perDay[d]);
    }
    expect(perDay).toEqual([10, 16, 22, 29, 35, 42, 48, 55, 61, 67, 74, 80, 87, 93, 100, 100]);
    expect(statuses).toEqual([...Array(14).fill('warming'), 'active', 'active']);
    expect(changes()).toEqual(['warming->active']);
    const limits = await quota.limits(await reload(a), after(DAY0, days(2)));
    expect(limits.warmup).toMatchObject({ day: 3, days: 14, dailyCap: 22, startCap: 10 });
  });

  it('does warm up an account again after a long silence, once, and never one whose warm-up is off', async () => {
    const ws = await newWorkspace(db.dataSource);
    const silent = await newAccount(db.dataSource, ws);
    const off = await newAccount(db.dataSource, ws, { warmupDays: 0 });
    const busy = await newAccount(db.dataSource, ws);
    await db.dataSource.query(`UPDATE linkedin_accounts SET created_at = $1, last_sent_at = $2 WHERE workspace_id = $3`, [after(DAY0, -days(90)), after(DAY0, -days(31)), ws]);
    await db.dataSource.query(`UPDATE linkedin_accounts SET last_sent_at = $1 WHERE id = $2`, [after(DAY0, -days(2)), busy.id]);

    expect(await safety.sweep(DAY0)).toMatchObject({ warmupsStarted: 1 });
    expect(await safety.sweep(after(DAY0, 60_000))).toMatchObject({ warmupsStarted: 0 });
    expect((await reload(silent))).toMatchObject({ status: 'warming', warmupStartedAt: DAY0 });
    expect((await reload(off)).status).toBe('active');
    expect((await reload(busy)).status).toBe('active');
    expect(changes()).toEqual(['active->warming']);
    expect(await sendAllDay(silent, DAY0, 'back')).toBe(10);
    // The ramp ends by itself; the silence it ended does not start another one.
    await safety.sweep(after(DAY0, days(14)));
    expect((await reload(silent)).status).toBe('active');
    await safety.sweep(after(DAY0, days(15)));
    expect(changes()).toEqual(['active->warming', 'warming->active']);
  });

  it('does double the hold with each throttle since the last delivered send, keep LinkedIn\'s longer hint, and start over after a send', async () => {
    const a = await newAccount(db.dataSource, await newWorkspace(db.dataSource));
    const throttle = async (hintMs?: number) => {
      const now = new Date();
      const effect = accountEffectOf(new DomainError('LINKEDIN_RATE_LIMITED', 'throttled', { retryAfterMs: hintMs }), now)!;
      const applied = await accounts.applyEffect(await reload(a), effect);
      const held = Math.round((applied.holdUntil!.getTime() - now.getTime()) / 1000);
      // The hold ends (the sweep would end it) before the next throttle.
      await db.dataSource.query(`UPDATE linkedin_accounts SET hold_until = now() - interval '1 second' WHERE id = $1`, [a.id]);
      return held;
    };
    expect([await throttle(5_000), await throttle(5_000), await throttle(5_000), await throttle(3_600_000)]).toEqual([60, 120, 240, 3600]);
    expect((await reload(a)).holdLevel).toBe(4);
    await quota.reserve(await reload(a), 'message', 'after-hold', new Date());
    await quota.commit(a.workspaceId, 'after-hold', new Date());
    expect(await throttle()).toBe(60);
  });

  it('does raise the level once when several calls of one account are throttled at once, and announce the hold once', async () => {
    const a = await newAccount(db.dataSource, await newWorkspace(db.dataSource));
    const now = new Date();
    const effect = accountEffectOf(new DomainError('LINKEDIN_RATE_LIMITED', 'throttled', { retryAfterMs: 5_000 }), now)!;
    const applied = await Promise.all(Array.from({ length: 8 }, () => accounts.applyEffect(a, effect)));
    expect(new Set(applied.map((x) => x.holdUntil!.getTime())).size).toBe(1);
    expect(await reload(a)).toMatchObject({ status: 'on_hold', holdLevel: 1, statusReason: 'LinkedIn throttled the account (429/999)' });
    expect(changes()).toEqual(['active->on_hold']);
  });

  it('does end a hold that is over with account.status_changed and a cleared reason, back to warming during a ramp', async () => {
    const ws = await newWorkspace(db.dataSource);
    const until = after(DAY0, 90_000);
    const held = await newAccount(db.dataSource, ws, { status: 'on_hold', statusReason: 'LinkedIn throttled the account (429/999)', holdUntil: until });
    const warmingHeld = await newAccount(db.dataSource, ws, { status: 'on_hold', statusReason: 'paused through the API', holdUntil: until, warmupStartedAt: DAY0 });
    expect(await safety.sweep(after(until, -1))).toMatchObject({ holdsEnded: 0 });
    expect(await safety.sweep(after(until, 1))).toMatchObject({ holdsEnded: 2 });
    expect(await reload(held)).toMatchObject({ status: 'active', statusReason: null, holdUntil: null });
    expect(await reload(warmingHeld)).toMatchObject({ status: 'warming', statusReason: null, holdUntil: null });
    expect(changes().sort()).toEqual(['on_hold->active', 'on_hold->warming']);
    expect(await safety.sweep(after(until, 2))).toMatchObject({ holdsEnded: 0 });
  });
});
