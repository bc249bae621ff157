import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The synced inbox (conversations, inbound messages, sync state) and webhooks. */
export class Inbox1764250000000 implements MigrationInterface {
  name = 'Inbox1764250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE conversations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      account_id uuid NOT NULL REFERENCES linkedin_accounts(id) ON DELETE CASCADE,
      conversation_urn text NOT NULL,
      backend_urn text,
      source text NOT NULL CHECK (source IN ('linkedin','sales_navigator')),
      sales_nav_thread_id text,
      title text,
      group_chat boolean NOT NULL DEFAULT false,
      categories text[] NOT NULL DEFAULT '{}',
      participants jsonb NOT NULL DEFAULT '[]',
      participant_urns text[] NOT NULL DEFAULT '{}',
      unread_count int NOT NULL DEFAULT 0,
      read boolean NOT NULL DEFAULT true,
      last_activity_at timestamptz NOT NULL,
      latest_message jsonb,
      deleted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (account_id, conversation_urn))`);
    // Inbox listing: newest activity first, keyset-paged on (last_activity_at, id).
    await q.query(`CREATE INDEX conversations_inbox_idx ON conversations (workspace_id, account_id, last_activity_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX conversations_participants_idx ON conversations USING gin (participant_urns)`);
    await q.query(`CREATE INDEX conversations_sales_nav_idx ON conversations (account_id, sales_nav_thread_id) WHERE sales_nav_thread_id IS NOT NULL`);

    // Inbound and hand-typed messages share the messages table with API sends.
    await q.query(`ALTER TABLE messages
      ADD COLUMN origin text NOT NULL DEFAULT 'api' CHECK (origin IN ('api','linkedin','sales_navigator')),
      ADD COLUMN sender_name text,
      ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN notified_at timestamptz`);
    await q.query(`CREATE INDEX messages_thread_idx ON messages (workspace_id, conversation_urn, sent_at DESC, id DESC) WHERE message_urn IS NOT NULL`);
    // The outbox of message.received: rows whose events are not dispatched yet.
    await q.query(`CREATE INDEX messages_unnotified_idx ON messages (account_id) WHERE notified_at IS NULL AND direction = 'inbound'`);
    await q.query(`CREATE INDEX messages_origin_token_idx ON messages (account_id, origin_token) WHERE origin_token IS NOT NULL`);

    await q.query(`CREATE TABLE inbox_sync_states (
      account_id uuid PRIMARY KEY REFERENCES linkedin_accounts(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'running' CHECK (status IN ('running','stopped')),
      stop_reason text,
      sync_token text,
      sales_nav_synced_until timestamptz,
      baseline_at timestamptz NOT NULL DEFAULT now(),
      last_synced_at timestamptz,
      last_requested_at timestamptz,
      sync_count int NOT NULL DEFAULT 0,
      error_count int NOT NULL DEFAULT 0,
      last_error_code text,
      last_error_message text,
      last_error_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX inbox_sync_states_workspace_idx ON inbox_sync_states (workspace_id)`);

    await q.query(`CREATE TABLE webhook_endpoints (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      url text NOT NULL,
      events text[] NOT NULL,
      description text,
      secret_encrypted text NOT NULL,
      secret_prefix text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz)`);
    await q.query(`CREATE INDEX webhook_endpoints_workspace_idx ON webhook_endpoints (workspace_id) WHERE deleted_at IS NULL`);

    await q.query(`CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
      event_id text NOT NULL,
      event text NOT NULL,
      payload jsonb NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','delivered','failed')),
      attempts int NOT NULL DEFAULT 0,
      last_status_code int,
      last_error text,
      delivered_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (endpoint_id, event_id))`);
    await q.query(`CREATE INDEX webhook_deliveries_workspace_idx ON webhook_deliveries (workspace_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhook_endpoints`);
    await q.query(`DROP TABLE inbox_sync_states`);
    await q.query(`DROP INDEX messages_origin_token_idx`);
    await q.query(`DROP INDEX messages_unnotified_idx`);
    await q.query(`DROP INDEX messages_thread_idx`);
    await q.query(`ALTER TABLE messages DROP COLUMN notified_at, DROP COLUMN attachments, DROP COLUMN sender_name, DROP COLUMN origin`);
    await q.query(`DROP TABLE conversations`);
  }
}
