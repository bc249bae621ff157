import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16: the ledger counts what LinkedIn stored (a unit is pending, then committed or released, or
 * expires), each member's last delivery claim spaces its sends at LinkedIn, and accounts carry their
 * hold level, their last send and their warm-up ramp.
 */
export class QuotaLedgerPacingWarmup1796078061656 implements MigrationInterface {
  name = 'QuotaLedgerPacingWarmup1796078061656';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE quota_reservations ADD COLUMN status text NOT NULL DEFAULT 'pending',
      ADD COLUMN expires_at timestamptz, ADD COLUMN delivered_at timestamptz, ADD COLUMN settled_at timestamptz`);
    await q.query(`ALTER TABLE quota_reservations ADD CONSTRAINT quota_reservations_status_check CHECK (status IN ('pending', 'committed', 'released', 'expired'))`);
    // Every unit reserved so far counted as spent. They become pending with the default time to live (30 min
    // after their reservation), so the reconciler settles each one against the stored sends.
    await q.query(`UPDATE quota_reservations SET expires_at = reserved_at + interval '30 minutes'`);
    await q.query(`DROP INDEX quota_reservations_member_window_idx`);
    await q.query(`CREATE INDEX quota_reservations_committed_idx ON quota_reservations (member_key, kind, delivered_at) WHERE status = 'committed'`);
    await q.query(`CREATE INDEX quota_reservations_pending_idx ON quota_reservations (member_key, kind, expires_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX quota_reservations_expiry_idx ON quota_reservations (expires_at) WHERE status = 'pending'`);
    await q.query(`CREATE TABLE member_pacing (member_key text PRIMARY KEY, operation_id text NOT NULL, claimed_at timestamptz NOT NULL, done_at timestamptz, in_flight_operation_id text, in_flight_since timestamptz)`);
    await q.query(`ALTER TABLE linkedin_accounts ADD COLUMN hold_level integer NOT NULL DEFAULT 0, ADD COLUMN last_sent_at timestamptz,
      ADD COLUMN warmup_started_at timestamptz, ADD COLUMN warmup_days integer, ADD COLUMN warmup_start_cap integer`);
    // Accounts connected before warm-up existed are warm; their last send is their newest reservation.
    await q.query(`UPDATE linkedin_accounts a SET last_sent_at = (SELECT max(r.reserved_at) FROM quota_reservations r WHERE r.account_id = a.id)`);
    await q.query(`CREATE INDEX linkedin_accounts_on_hold_idx ON linkedin_accounts (hold_until) WHERE status = 'on_hold'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX linkedin_accounts_on_hold_idx`);
    await q.query(`ALTER TABLE linkedin_accounts DROP COLUMN warmup_start_cap, DROP COLUMN warmup_days, DROP COLUMN warmup_started_at, DROP COLUMN last_sent_at, DROP COLUMN hold_level`);
    await q.query(`DROP TABLE member_pacing`);
    await q.query(`DROP INDEX quota_reservations_expiry_idx`);
    await q.query(`DROP INDEX quota_reservations_pending_idx`);
    await q.query(`DROP INDEX quota_reservations_committed_idx`);
    await q.query(`CREATE INDEX quota_reservations_member_window_idx ON quota_reservations (member_key, kind, reserved_at)`);
    // Before this migration every row counted: units that never went out must not come back.
    await q.query(`DELETE FROM quota_reservations WHERE status IN ('released', 'expired')`);
    await q.query(`ALTER TABLE quota_reservations DROP CONSTRAINT quota_reservations_status_check`);
    await q.query(`ALTER TABLE quota_reservations DROP COLUMN settled_at, DROP COLUMN delivered_at, DROP COLUMN expires_at, DROP COLUMN status`);
  }
}
