import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: a sequence step's send is a Threadline send, one `messages` row with origin `sequence` and
 * its campaign and lead. Sends recorded before this (synced copies the timeline names) become that row.
 * A recalled message is marked, so reads show it recalled without its text. A lead of a paused campaign
 * reads `paused` (a live state) instead of `active`. A failed webhook delivery can be asked for again.
 */
export class SequenceSends1796086915833 implements MigrationInterface {
  name = 'SequenceSends1796086915833';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages DROP CONSTRAINT messages_origin_check`);
    await q.query(`ALTER TABLE messages ADD CONSTRAINT messages_origin_check CHECK (origin IN ('api', 'sequence', 'linkedin', 'sales_navigator'))`);
    await q.query(`ALTER TABLE messages ADD COLUMN campaign_id uuid, ADD COLUMN lead_id uuid, ADD COLUMN recalled boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE INDEX messages_campaign_idx ON messages (workspace_id, campaign_id) WHERE campaign_id IS NOT NULL`);
    // Through the lead's account, so each send finds its row by the (account, message URN) unique index.
    await q.query(`UPDATE messages m SET origin = 'sequence', campaign_id = e.campaign_id, lead_id = e.lead_id
      FROM lead_events e JOIN leads l ON l.id = e.lead_id
      WHERE e.type = 'sent' AND m.account_id = l.account_id AND m.message_urn = e.data->>'messageUrn' AND m.workspace_id = e.workspace_id
        AND m.direction = 'outbound' AND m.origin IN ('linkedin', 'sales_navigator')`);
    await q.query(`ALTER TABLE leads DROP CONSTRAINT leads_state_check`);
    await q.query(`ALTER TABLE leads ADD CONSTRAINT leads_state_check CHECK (state IN ('pending', 'active', 'paused', 'replied', 'completed', 'stopped', 'skipped', 'failed', 'cancelled'))`);
    await q.query(`DROP INDEX leads_one_live_per_account`);
    await q.query(`CREATE UNIQUE INDEX leads_one_live_per_account ON leads (workspace_id, account_id, profile_key) WHERE state IN ('pending', 'active', 'paused')`);
    await q.query(`DROP INDEX leads_reply_lookup_idx`);
    await q.query(`CREATE INDEX leads_reply_lookup_idx ON leads (account_id, profile_urn) WHERE state IN ('pending', 'active', 'paused')`);
    await q.query(`ALTER TABLE webhook_deliveries ADD COLUMN redeliveries integer NOT NULL DEFAULT 0`);
    // Leads of campaigns paused before this read paused at once (their runs are paused).
    await q.query(`UPDATE leads l SET state = 'paused' FROM campaigns c WHERE c.id = l.campaign_id AND c.status = 'paused' AND l.state = 'active'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_deliveries DROP COLUMN redeliveries`);
    await q.query(`UPDATE leads SET state = 'active' WHERE state = 'paused'`);
    await q.query(`DROP INDEX leads_reply_lookup_idx`);
    await q.query(`CREATE INDEX leads_reply_lookup_idx ON leads (account_id, profile_urn) WHERE state IN ('pending','active')`);
    await q.query(`DROP INDEX leads_one_live_per_account`);
    await q.query(`CREATE UNIQUE INDEX leads_one_live_per_account ON leads (workspace_id, account_id, profile_key) WHERE state IN ('pending','active')`);
    await q.query(`ALTER TABLE leads DROP CONSTRAINT leads_state_check`);
    await q.query(`ALTER TABLE leads ADD CONSTRAINT leads_state_check CHECK (state IN ('pending','active','replied','completed','stopped','skipped','failed','cancelled'))`);
    await q.query(`UPDATE messages SET origin = 'linkedin' WHERE origin = 'sequence'`);
    await q.query(`DROP INDEX messages_campaign_idx`);
    await q.query(`ALTER TABLE messages DROP COLUMN recalled, DROP COLUMN lead_id, DROP COLUMN campaign_id`);
    await q.query(`ALTER TABLE messages DROP CONSTRAINT messages_origin_check`);
    await q.query(`ALTER TABLE messages ADD CONSTRAINT messages_origin_check CHECK (origin IN ('api', 'linkedin', 'sales_navigator'))`);
  }
}
