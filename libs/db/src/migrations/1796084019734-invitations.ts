import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18: connection invitations. Sent invitations with their state, an 'invitation' kind in the quota
 * ledger, and the account's invitation hold (the weekly cap holds invitations, never messages).
 */
export class Invitations1796084019734 implements MigrationInterface {
  name = 'Invitations1796084019734';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE invitations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      account_id uuid NOT NULL REFERENCES linkedin_accounts(id) ON DELETE CASCADE,
      profile_urn text NOT NULL,
      operation_id text NOT NULL UNIQUE,
      state text NOT NULL,
      note text,
      invitation_urn text,
      lead_id uuid,
      campaign_id uuid,
      workflow_id text,
      sent_at timestamptz,
      accepted_at timestamptz,
      error_code text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT invitations_state_check CHECK (state IN ('sending', 'pending', 'accepted', 'failed')))`);
    await q.query(`CREATE INDEX invitations_workspace_created_idx ON invitations (workspace_id, created_at, id)`);
    await q.query(`CREATE INDEX invitations_pending_idx ON invitations (account_id, sent_at) WHERE state = 'pending'`);
    await q.query(`CREATE INDEX invitations_account_profile_idx ON invitations (account_id, profile_urn)`);
    await q.query(`ALTER TABLE quota_reservations DROP CONSTRAINT quota_reservations_kind_check`);
    await q.query(`ALTER TABLE quota_reservations ADD CONSTRAINT quota_reservations_kind_check CHECK (kind IN ('message', 'inmail', 'invitation'))`);
    await q.query(`ALTER TABLE linkedin_accounts ADD COLUMN invitations_held_until timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE linkedin_accounts DROP COLUMN invitations_held_until`);
    await q.query(`DELETE FROM quota_reservations WHERE kind = 'invitation'`);
    await q.query(`ALTER TABLE quota_reservations DROP CONSTRAINT quota_reservations_kind_check`);
    await q.query(`ALTER TABLE quota_reservations ADD CONSTRAINT quota_reservations_kind_check CHECK (kind IN ('message', 'inmail'))`);
    await q.query(`DROP TABLE invitations`);
  }
}
