import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sequences (immutable published versions), campaigns with senders, leads with state, exclusions, lead events. */
export class SequencesCampaigns1764300000000 implements MigrationInterface {
  name = 'SequencesCampaigns1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE sequences (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      name text NOT NULL,
      draft jsonb NOT NULL,
      latest_version int NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX sequences_workspace_idx ON sequences (workspace_id, created_at DESC)`);

    await q.query(`CREATE TABLE sequence_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      sequence_id uuid NOT NULL REFERENCES sequences(id) ON DELETE CASCADE,
      version int NOT NULL,
      document jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (sequence_id, version))`);
    // Published versions are immutable: running leads are pinned to them.
    await q.query(`CREATE FUNCTION sequence_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'sequence_versions are immutable; publish a new version'; END $$`);
    await q.query(`CREATE TRIGGER sequence_versions_no_update BEFORE UPDATE ON sequence_versions
      FOR EACH ROW EXECUTE FUNCTION sequence_versions_immutable()`);

    await q.query(`CREATE TABLE campaigns (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      name text NOT NULL,
      sequence_version_id uuid NOT NULL REFERENCES sequence_versions(id),
      status text NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft','running','paused','completed','cancelled')),
      status_reason text,
      stop_on_reply boolean NOT NULL DEFAULT true,
      working_hours jsonb NOT NULL,
      limits jsonb NOT NULL DEFAULT '{}'::jsonb,
      workflow_id text,
      started_at timestamptz,
      completed_at timestamptz,
      archived_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX campaigns_workspace_idx ON campaigns (workspace_id, created_at DESC)`);

    await q.query(`CREATE TABLE campaign_senders (
      campaign_id uuid NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      account_id uuid NOT NULL REFERENCES linkedin_accounts(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      working_hours jsonb,
      position int NOT NULL,
      PRIMARY KEY (campaign_id, account_id))`);

    await q.query(`CREATE TABLE leads (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      campaign_id uuid NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      account_id uuid NOT NULL REFERENCES linkedin_accounts(id) ON DELETE CASCADE,
      profile_ref text NOT NULL,
      profile_key text NOT NULL,
      profile_urn text,
      attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
      state text NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending','active','replied','completed','stopped','skipped','failed','cancelled')),
      state_reason text,
      current_step int,
      current_step_id text,
      conversation_urn text,
      workflow_id text,
      last_sent_at timestamptz,
      replied_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (campaign_id, profile_key))`);
    await q.query(`CREATE INDEX leads_campaign_state_idx ON leads (campaign_id, state, id)`);
    // A person is in at most one live campaign per sender account: the database refuses a second enrolment.
    await q.query(`CREATE UNIQUE INDEX leads_one_live_per_account ON leads (workspace_id, account_id, profile_key) WHERE state IN ('pending','active')`);
    await q.query(`CREATE INDEX leads_reply_lookup_idx ON leads (account_id, profile_urn) WHERE state IN ('pending','active')`);

    await q.query(`CREATE TABLE lead_exclusions (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      profile_key text NOT NULL,
      reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, profile_key))`);

    await q.query(`CREATE TABLE lead_events (
      id bigserial PRIMARY KEY,
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      campaign_id uuid NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      lead_id uuid NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
      event_key text NOT NULL,
      type text NOT NULL,
      step_index int,
      step_id text,
      variant_id text,
      at timestamptz NOT NULL,
      data jsonb NOT NULL DEFAULT '{}'::jsonb,
      UNIQUE (lead_id, event_key))`);
    await q.query(`CREATE INDEX lead_events_campaign_idx ON lead_events (campaign_id, type)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE lead_events`);
    await q.query(`DROP TABLE lead_exclusions`);
    await q.query(`DROP TABLE leads`);
    await q.query(`DROP TABLE campaign_senders`);
    await q.query(`DROP TABLE campaigns`);
    await q.query(`DROP TRIGGER sequence_versions_no_update ON sequence_versions`);
    await q.query(`DROP FUNCTION sequence_versions_immutable()`);
    await q.query(`DROP TABLE sequence_versions`);
    await q.query(`DROP TABLE sequences`);
  }
}
