import { randomUUID } from 'node:crypto';
import { QuotaService } from '@threadline/core';
import { type LinkedinAccountEntity, QuotaRepository } from '@threadline/db';
import { leadStepOperationId, leadWorkflowId } from '@threadline/domain';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@threadline/db';
import { LEDGER_CONFIG, after, days, minutes, newAccount, newLead, newWorkspace, recordApiSend, recordLeadSent } from './ledger-fixtures';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';

/** A Tuesday noon (UTC): the day and the week have room on both sides. */
const T0 = new Date('2026-03-03T12:00:00Z');

describe('the quota ledger counts what LinkedIn stored', () => {
  let db: ScratchDatabase;
  /** A second connection pool to the same database: another worker or API process. */
  let other: DataSource;
  let quota: QuotaService;
  let quotaElsewhere: QuotaService;

  beforeAll(async () => {
    db = await createScratchDatabase();
    other = await new DataSource(dataSourceOptions(db.url)).initialize();
    quota = new QuotaService(new QuotaRepository(db.dataSource), LEDGER_CONFIG);
    quotaElsewhere = new QuotaService(new QuotaRepository(other), LEDGER_CONFIG);
  });
  afterAll(async () => {
    await other?.destroy();
    await db?.drop();
  });

  async function account(fields: Partial<LinkedinAccountEntity> = {}): Promise<LinkedinAccountEntity> {
    return newAccount(db.dataSource, await newWorkspace(db.dataSource), fields);
  }
  const used = async (a: LinkedinAccountEntity, now = T0) => (await quota.status(a, 'message', now));

  it('does count a reservation while it is pending, then once when committed, and not after a release', async () => {
    const a = await account();
    expect(await quota.reserve(a, 'message', 'op-sent', T0)).toMatchObject({ granted: true, status: { used: 0, reserved: 1, remaining: 99 } });
    expect(await quota.reserve(a, 'message', 'op-dropped', T0)).toMatchObject({ granted: true, status: { reserved: 2 } });
    expect(await quota.commit(a.workspaceId, 'op-sent', after(T0, 20_000))).toBe(true);
    expect(await quota.release(a.workspaceId, 'op-dropped')).toBe(true);
    expect(await used(a)).toMatchObject({ used: 1, reserved: 0, remaining: 99 });

    // Idempotent: twice is once; a release after a commit, and a commit's retry, change nothing.
    expect(await quota.commit(a.workspaceId, 'op-sent', after(T0, 20_000))).toBe(false);
    expect(await quota.release(a.workspaceId, 'op-sent')).toBe(false);
    expect(await quota.release(a.workspaceId, 'op-dropped')).toBe(false);
    expect(await quota.reserve(a, 'message', 'op-sent', T0)).toMatchObject({ granted: true, status: { used: 1, reserved: 0 } });
    expect(await used(a)).toMatchObject({ used: 1, reserved: 0 });
  });

  it('does reserve a released operation again (a paused step that runs again), counted again', async () => {
    const a = await account({ dailyMessageCap: 1 });
    await quota.reserve(a, 'message', 'op', T0);
    await quota.release(a.workspaceId, 'op');
    expect(await quota.reserve(a, 'message', 'op', T0)).toMatchObject({ granted: true, status: { reserved: 1, remaining: 0 } });
    expect(await quota.reserve(a, 'message', 'other', T0)).toMatchObject({ granted: false, reason: 'quota' });
  });

  it('does refuse past the cap while sends are under way, until one is released or its reservation expires', async () => {
    const a = await account({ dailyMessageCap: 2 });
    await quota.reserve(a, 'message', 'a1', T0);
    await quota.reserve(a, 'message', 'a2', after(T0, 1_000));
    const refused = await quota.reserve(a, 'message', 'a3', T0);
    // Sends under way free their unit by their expiry at the latest, not at midnight.
    expect(refused).toMatchObject({ granted: false, reason: 'quota', notBefore: after(T0, LEDGER_CONFIG.QUOTA_RESERVATION_TTL_SECONDS * 1000) });
    await quota.release(a.workspaceId, 'a1');
    expect(await quota.reserve(a, 'message', 'a3', T0)).toMatchObject({ granted: true });
    await quota.commit(a.workspaceId, 'a2', T0);
    await quota.commit(a.workspaceId, 'a3', T0);
    expect(await quota.reserve(a, 'message', 'a4', T0)).toMatchObject({ granted: false, notBefore: new Date('2026-03-04T00:00:00Z') });
  });

  it('does count a send on the day LinkedIn stored it', async () => {
    const a = await account();
    await quota.reserve(a, 'message', 'late', new Date('2026-03-03T23:59:50Z'));
    await quota.commit(a.workspaceId, 'late', new Date('2026-03-04T00:00:05Z'));
    expect((await used(a, new Date('2026-03-03T23:59:59Z'))).used).toBe(0);
    expect((await used(a, new Date('2026-03-04T08:00:00Z'))).used).toBe(1);
  });

  it('grants exactly the cap to reservations racing from two processes, for one member connected in two workspaces', async () => {
    const first = await account({ dailyMessageCap: 10 });
    const second = await newAccount(db.dataSource, await newWorkspace(db.dataSource), { profileUrn: first.profileUrn, dailyMessageCap: 10 });
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? quota : quotaElsewhere).reserve(i % 3 ? first : second, 'message', `race-${i}-${randomUUID()}`, T0)));
    expect(results.filter((r) => r.granted)).toHaveLength(10);
    expect(await used(first)).toMatchObject({ used: 0, reserved: 10, remaining: 0 });
    expect(await used(second)).toMatchObject({ reserved: 10 });
  });

  it('does release every unit of a lead run that ended, and only those', async () => {
    const a = await account();
    const run = leadWorkflowId(randomUUID(), randomUUID());
    for (const op of [leadStepOperationId(run, 0), leadStepOperationId(run, 2), `${run}0:step-1`]) await quota.reserve(a, 'message', op, T0);
    await quota.commit(a.workspaceId, leadStepOperationId(run, 0), T0);
    expect(await quota.releaseRun(a.workspaceId, run)).toBe(1);
    expect(await used(a)).toMatchObject({ used: 1, reserved: 1 });
  });

});

// The reconciler settles every expired reservation of the database: each test gets a database of its own.
describe('reservations left behind by crashes', () => {
  let db: ScratchDatabase;
  let quota: QuotaService;

  beforeEach(async () => {
    db = await createScratchDatabase();
    quota = new QuotaService(new QuotaRepository(db.dataSource), LEDGER_CONFIG);
  });
  afterEach(() => db?.drop());

  async function account(fields: Partial<LinkedinAccountEntity> = {}): Promise<LinkedinAccountEntity> {
    return newAccount(db.dataSource, await newWorkspace(db.dataSource), fields);
  }
  const used = async (a: LinkedinAccountEntity, now = T0) => (await quota.status(a, 'message', now));

  it('does settle expired reservations against the stored sends: committed when the operation produced a message, expired otherwise', async () => {
    const a = await account();
    const ws = a.workspaceId;
    const lead = await newLead(db.dataSource, ws, a.id);
    const apiSent = `send:${ws}:${randomUUID()}`;
    const apiLost = `send:${ws}:${randomUUID()}`;
    const leadSent = leadStepOperationId(leadWorkflowId(lead.campaignId, lead.leadId), 0);
    const leadLost = leadStepOperationId(leadWorkflowId(lead.campaignId, lead.leadId), 1);
    for (const op of [apiSent, apiLost, leadSent, leadLost, 'not-expired-yet']) await quota.reserve(a, 'message', op, op === 'not-expired-yet' ? after(T0, minutes(20)) : T0);
    // The crash came after LinkedIn stored two of them and before their units were committed.
    await recordApiSend(db.dataSource, ws, a.id, apiSent, after(T0, 30_000));
    await recordApiSend(db.dataSource, ws, a.id, apiLost, null);
    await recordLeadSent(db.dataSource, ws, lead, 0, after(T0, 40_000));

    expect(await quota.settleExpired(after(T0, minutes(29)))).toEqual({ committed: 0, expired: 0 });
    expect(await quota.settleExpired(after(T0, minutes(31)))).toEqual({ committed: 2, expired: 2 });
    expect(await used(a, after(T0, minutes(31)))).toMatchObject({ used: 2, reserved: 1 });
    const rows: Array<{ operation_id: string; status: string; delivered_at: Date | null }> = await db.dataSource.query(
      'SELECT operation_id, status, delivered_at FROM quota_reservations WHERE workspace_id = $1 ORDER BY operation_id', [ws]);
    expect(Object.fromEntries(rows.map((r) => [r.operation_id, r.status]))).toEqual({
      [apiSent]: 'committed', [apiLost]: 'expired', [leadSent]: 'committed', [leadLost]: 'expired', 'not-expired-yet': 'pending',
    });
    expect(rows.find((r) => r.operation_id === leadSent)!.delivered_at).toEqual(after(T0, 40_000));
    const [acct] = await db.dataSource.query('SELECT last_sent_at FROM linkedin_accounts WHERE id = $1', [a.id]);
    expect(acct.last_sent_at).toEqual(after(T0, 40_000));

    // A send that landed after its reservation expired still counts: commit wins.
    await quota.commit(ws, leadLost, after(T0, minutes(35)));
    expect((await used(a, after(T0, minutes(36)))).used).toBe(3);
  });

  it('does keep a pending reservation alive while its operation keeps asking (slot, delivery claim)', async () => {
    const a = await account();
    await quota.reserve(a, 'message', 'alive', T0);
    await quota.claimDelivery(a, 'alive', after(T0, minutes(25)));
    expect(await quota.settleExpired(after(T0, minutes(40)))).toEqual({ committed: 0, expired: 0 });
    await quota.reserve(a, 'message', 'alive', after(T0, minutes(50)));
    expect(await quota.settleExpired(after(T0, minutes(70)))).toEqual({ committed: 0, expired: 0 });
    expect(await quota.settleExpired(after(T0, minutes(81)))).toEqual({ committed: 0, expired: 1 });
  });

  it('does keep `used` equal to the committed sends through any mix of sends, releases and crashes', async () => {
    const a = await account({ dailyMessageCap: 1000 });
    let committed = 0;
    for (let i = 0; i < 60; i++) {
      const op = `mix-${i}`;
      await quota.reserve(a, 'message', op, T0);
      if (i % 3 === 0) committed += Number(await quota.commit(a.workspaceId, op, after(T0, i * 1000)));
      else if (i % 3 === 1) await quota.release(a.workspaceId, op);
      if (i % 5 === 0) await quota.release(a.workspaceId, op);
    }
    await quota.settleExpired(after(T0, days(0.1)));
    expect(committed).toBe(20);
    expect(await used(a, after(T0, days(0.1)))).toMatchObject({ used: committed, reserved: 0 });
  });
});
