import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 4A: idempotent POSTs, attachments, API-call usage, per-key rate limits, account plan details. */
export class MessagingSurface1764200000000 implements MigrationInterface {
  name = 'MessagingSurface1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_keys ADD COLUMN rate_limit_per_minute int`);
    await q.query(`ALTER TABLE linkedin_accounts ADD COLUMN inmail_credits int`);
    await q.query(`ALTER TABLE linkedin_accounts ADD COLUMN is_premium boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE linkedin_accounts ADD COLUMN status_checked_at timestamptz`);

    // One row per (workspace, Idempotency-Key); the stored response is encrypted like the cookies.
    await q.query(`CREATE TABLE idempotency_records (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      key text NOT NULL,
      method text NOT NULL,
      path text NOT NULL,
      request_hash text NOT NULL,
      state text NOT NULL CHECK (state IN ('in_progress','done')),
      response_status int,
      response_encrypted text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, key))`);
    await q.query(`CREATE INDEX idempotency_records_created_idx ON idempotency_records (created_at)`);

    await q.query(`CREATE TABLE attachments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      account_id uuid REFERENCES linkedin_accounts(id) ON DELETE SET NULL,
      source text NOT NULL CHECK (source IN ('upload','linkedin')),
      source_url text,
      filename text NOT NULL,
      media_type text NOT NULL,
      byte_size int NOT NULL,
      sha256 text NOT NULL,
      content bytea NOT NULL,
      linkedin_assets jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX attachments_workspace_idx ON attachments (workspace_id, created_at DESC)`);
    await q.query(`CREATE UNIQUE INDEX attachments_source_url ON attachments (workspace_id, account_id, source_url) WHERE source_url IS NOT NULL`);

    // API calls per workspace, account (nil uuid when none was named) and UTC day: what an operator bills from.
    await q.query(`CREATE TABLE api_usage_daily (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      account_id uuid NOT NULL,
      day date NOT NULL,
      api_calls int NOT NULL DEFAULT 0,
      PRIMARY KEY (workspace_id, account_id, day))`);
    await q.query(`CREATE INDEX messages_usage_idx ON messages (workspace_id, sent_at) WHERE status = 'sent'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_usage_idx`);
    await q.query(`DROP TABLE api_usage_daily`);
    await q.query(`DROP TABLE attachments`);
    await q.query(`DROP TABLE idempotency_records`);
    await q.query(`ALTER TABLE linkedin_accounts DROP COLUMN status_checked_at`);
    await q.query(`ALTER TABLE linkedin_accounts DROP COLUMN is_premium`);
    await q.query(`ALTER TABLE linkedin_accounts DROP COLUMN inmail_credits`);
    await q.query(`ALTER TABLE api_keys DROP COLUMN rate_limit_per_minute`);
  }
}
