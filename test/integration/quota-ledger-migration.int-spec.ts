import { QuotaService } from '@threadline/core';
import { QuotaRepository } from '@threadline/db';
import { LEDGER_CONFIG, after, minutes, newAccount, newWorkspace, recordApiSend } from './ledger-fixtures';
import { createScratchDatabase, type ScratchDatabase, undoMigrationsThrough } from './scratch-database';

const T0 = new Date('2026-03-03T12:00:00Z');
describe('the ledger migration', () => {
  let db: ScratchDatabase;

  beforeAll(async () => {
    db = await createScratchDatabase();
  });
  afterAll(() => db?.drop());

  it('does turn every unit reserved before it into one the reconciler settles against the stored sends, and goes down and up again', async () => {
    const ds = db.dataSource;
    const ws = await newWorkspace(ds);
    const a = await newAccount(ds, ws);
    await undoMigrationsThrough(ds, 'QuotaLedgerPacingWarmup1796078061656');
    // Two units of the old ledger, which counted every reservation: one send went out, one never did.
    await ds.query(`INSERT INTO quota_reservations (workspace_id, account_id, member_key, kind, operation_id, reserved_at) VALUES ($1, $2, 'member:x', 'message', 'send:sent', $3), ($1, $2, 'member:x', 'message', 'send:phantom', $3)`, [ws, a.id, T0]);
    await recordApiSend(ds, ws, a.id, 'send:sent', after(T0, 20_000));
    await ds.runMigrations({ transaction: 'each' });

    const rows = await ds.query(`SELECT operation_id, status, expires_at FROM quota_reservations ORDER BY operation_id`);
    expect(rows).toEqual([
      { operation_id: 'send:phantom', status: 'pending', expires_at: after(T0, minutes(30)) },
      { operation_id: 'send:sent', status: 'pending', expires_at: after(T0, minutes(30)) },
    ]);
    expect((await ds.query(`SELECT last_sent_at FROM linkedin_accounts WHERE id = $1`, [a.id]))[0].last_sent_at).toEqual(T0);
    const quota = new QuotaService(new QuotaRepository(ds), LEDGER_CONFIG);
    expect(await quota.settleExpired(after(T0, minutes(31)))).toEqual({ committed: 1, expired: 1 });

    // Down keeps what went out and drops what never did (the old ledger would count it), then up again.
    await undoMigrationsThrough(ds, 'QuotaLedgerPacingWarmup1796078061656');
    expect(await ds.query(`SELECT operation_id FROM quota_reservations`)).toEqual([{ operation_id: 'send:sent' }]);
    await ds.runMigrations({ transaction: 'each' });
    expect(await ds.query(`SELECT operation_id, status FROM quota_reservations`)).toEqual([{ operation_id: 'send:sent', status: 'pending' }]);
  });
});
