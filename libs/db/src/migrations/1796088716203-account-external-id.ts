import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An account's external id (the id a client used with the hosted API), unique per workspace. */
export class AccountExternalId1796088716203 implements MigrationInterface {
  name = 'AccountExternalId1796088716203';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE linkedin_accounts ADD COLUMN external_id text`);
    await q.query(`CREATE UNIQUE INDEX linkedin_accounts_external_id ON linkedin_accounts (workspace_id, external_id) WHERE external_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX linkedin_accounts_external_id`);
    await q.query(`ALTER TABLE linkedin_accounts DROP COLUMN external_id`);
  }
}
