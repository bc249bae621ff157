import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Writes LinkedIn refused with a plain 403, so that repeated ones across conversations restrict the account (not one alone). */
export class AccountForbiddenWrites1796070664227 implements MigrationInterface {
  name = 'AccountForbiddenWrites1796070664227';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE account_forbidden_writes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      account_id uuid NOT NULL REFERENCES linkedin_accounts(id) ON DELETE CASCADE,
      entity_urn text NOT NULL,
      at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX account_forbidden_writes_account_idx ON account_forbidden_writes (account_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE account_forbidden_writes`);
  }
}
