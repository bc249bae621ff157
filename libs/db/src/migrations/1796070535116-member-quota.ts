import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: caps are per LinkedIn member, whichever workspace holds the session. Reservations carry
 * the member key and outlive the account row that spent them (deleting and reconnecting resets nothing).
 */
export class MemberQuota1796070535116 implements MigrationInterface {
  name = 'MemberQuota1796070535116';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE quota_reservations ADD COLUMN member_key text`);
    // The same formula as linkedinMemberKey() (libs/core/src/quota/member-key.ts). An account without a
    // base URL is on LINKEDIN_BASE_URL, which a migration cannot read: its default, real LinkedIn, is
    // assumed; elsewhere (the emulator) only this week's older reservations count per account.
    await q.query(`UPDATE quota_reservations r
      SET member_key = 'member:' || left(encode(sha256(convert_to(rtrim(coalesce(a.base_url, 'https://www.linkedin.com'), '/') || '|' || a.profile_urn, 'UTF8')), 'hex'), 16)
      FROM linkedin_accounts a WHERE a.id = r.account_id`);
    await q.query(`ALTER TABLE quota_reservations ALTER COLUMN member_key SET NOT NULL`);
    await q.query(`ALTER TABLE quota_reservations ALTER COLUMN account_id DROP NOT NULL`);
    await q.query(`ALTER TABLE quota_reservations DROP CONSTRAINT quota_reservations_account_id_fkey`);
    await q.query(`ALTER TABLE quota_reservations ADD CONSTRAINT quota_reservations_account_id_fkey FOREIGN KEY (account_id) REFERENCES linkedin_accounts(id) ON DELETE SET NULL`);
    await q.query(`DROP INDEX quota_reservations_window_idx`);
    await q.query(`CREATE INDEX quota_reservations_member_window_idx ON quota_reservations (member_key, kind, reserved_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX quota_reservations_member_window_idx`);
    await q.query(`CREATE INDEX quota_reservations_window_idx ON quota_reservations (account_id, kind, reserved_at)`);
    // Units of deleted accounts have no account to count against any more.
    await q.query(`DELETE FROM quota_reservations WHERE account_id IS NULL`);
    await q.query(`ALTER TABLE quota_reservations DROP CONSTRAINT quota_reservations_account_id_fkey`);
    await q.query(`ALTER TABLE quota_reservations ADD CONSTRAINT quota_reservations_account_id_fkey FOREIGN KEY (account_id) REFERENCES linkedin_accounts(id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE quota_reservations ALTER COLUMN account_id SET NOT NULL`);
    await q.query(`ALTER TABLE quota_reservations DROP COLUMN member_key`);
  }
}
