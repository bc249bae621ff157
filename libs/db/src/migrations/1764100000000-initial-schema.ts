import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764100000000 implements MigrationInterface {
  name = 'InitialSchema1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE workspaces (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);

    await q.query(`CREATE TABLE api_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      name text NOT NULL,
      prefix text NOT NULL,
      key_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz)`);
    await q.query(`CREATE INDEX api_keys_workspace_idx ON api_keys (workspace_id)`);

    await q.query(`CREATE TABLE linkedin_accounts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      name text NOT NULL,
      profile_urn text NOT NULL,
      public_identifier text,
      status text NOT NULL DEFAULT 'active'
        CHECK (status IN ('active','disconnected','checkpoint','restricted','on_hold','warming')),
      status_reason text,
      hold_until timestamptz,
      cookies_encrypted text NOT NULL,
      proxy_encrypted text,
      user_agent text NOT NULL,
      base_url text,
      has_sales_navigator boolean NOT NULL DEFAULT false,
      is_default boolean NOT NULL DEFAULT false,
      daily_message_cap int,
      time_zone text NOT NULL DEFAULT 'UTC',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, profile_urn))`);
    await q.query(`CREATE INDEX linkedin_accounts_workspace_idx ON linkedin_accounts (workspace_id)`);
    // At most one default account per workspace.
    await q.query(`CREATE UNIQUE INDEX linkedin_accounts_one_default ON linkedin_accounts (workspace_id) WHERE is_default`);

    await q.query(`CREATE TABLE messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      account_id uuid NOT NULL REFERENCES linkedin_accounts(id) ON DELETE CASCADE,
      direction text NOT NULL CHECK (direction IN ('outbound','inbound')),
      status text NOT NULL CHECK (status IN ('pending','sent','failed')),
      message_type text NOT NULL DEFAULT 'normal',
      recipient_ref text,
      recipient_urn text,
      conversation_urn text,
      message_urn text,
      backend_urn text,
      sender_urn text,
      text text NOT NULL,
      subject text,
      origin_token text,
      workflow_id text,
      idempotency_key text,
      request_hash text,
      error_code text,
      error_message text,
      sent_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX messages_workspace_idx ON messages (workspace_id, created_at DESC)`);
    await q.query(`CREATE INDEX messages_conversation_idx ON messages (account_id, conversation_urn, sent_at DESC)`);
    await q.query(`CREATE UNIQUE INDEX messages_idempotency_key ON messages (workspace_id, idempotency_key) WHERE idempotency_key IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX messages_account_message_urn ON messages (account_id, message_urn) WHERE message_urn IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX messages_workflow_id ON messages (workflow_id) WHERE workflow_id IS NOT NULL`);

    await q.query(`CREATE TABLE quota_reservations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      account_id uuid NOT NULL REFERENCES linkedin_accounts(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('message','inmail')),
      operation_id text NOT NULL UNIQUE,
      reserved_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX quota_reservations_window_idx ON quota_reservations (account_id, kind, reserved_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE quota_reservations`);
    await q.query(`DROP TABLE messages`);
    await q.query(`DROP TABLE linkedin_accounts`);
    await q.query(`DROP TABLE api_keys`);
    await q.query(`DROP TABLE workspaces`);
  }
}
