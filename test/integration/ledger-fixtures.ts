import { randomUUID } from 'node:crypto';
import type { CoreConfig } from '@threadline/core';
import { AccountsRepository, LinkedinAccountEntity, type LinkedinAccountEntity as Account } from '@threadline/db';
import type { DataSource } from 'typeorm';

/** The ledger's settings in these specs: the deployment defaults, with warm-up off unless a spec turns it on. */
export const LEDGER_CONFIG = {
  LINKEDIN_BASE_URL: 'https://www.linkedin.com', DAILY_MESSAGE_CAP: 100, WEEKLY_MESSAGE_CAP: 400, DAILY_INMAIL_CAP: 40,
  SEND_SPACING_SECONDS: 45, SEND_GAP_MEAN_FACTOR: 1.5, SEND_GAP_CV: 0.4, SEND_GAP_MAX_FACTOR: 4,
  WARMUP_DAYS: 0, WARMUP_START_CAP: 10, WARMUP_DORMANT_DAYS: 30, QUOTA_RESERVATION_TTL_SECONDS: 1800,
  ACCOUNT_MIN_HOLD_SECONDS: 60, ACCOUNT_MAX_HOLD_SECONDS: 21600, DAILY_INVITATION_CAP: 20, WEEKLY_INVITATION_CAP: 80,
} as CoreConfig;

export async function newWorkspace(ds: DataSource): Promise<string> {
  const [{ id }] = await ds.query(`INSERT INTO workspaces (name) VALUES ('ledger') RETURNING id`);
  return id as string;
}

/** An account row of a LinkedIn member (the same `profileUrn` in two workspaces is one member). */
export async function newAccount(ds: DataSource, workspaceId: string, fields: Partial<Account> = {}): Promise<Account> {
  return new AccountsRepository(ds.getRepository(LinkedinAccountEntity)).create({
    workspaceId, name: 'ledger', profileUrn: `urn:li:fsd_profile:${randomUUID()}`, publicIdentifier: null, status: 'active', statusReason: null,
    holdUntil: null, cookiesEncrypted: 'sealed', proxyEncrypted: null, userAgent: 'jest', baseUrl: null, hasSalesNavigator: false, dailyMessageCap: null, timeZone: 'UTC',
    ...fields,
  });
}

/** A campaign with one lead of the account, for lead-step operations (`lead:<campaign>:<lead>:step-<n>`). */
export async function newLead(ds: DataSource, workspaceId: string, accountId: string): Promise<{ campaignId: string; leadId: string }> {
  const [{ id: sequenceId }] = await ds.query(`INSERT INTO sequences (workspace_id, name, draft) VALUES ($1, 's', '{}') RETURNING id`, [workspaceId]);
  const [{ id: versionId }] = await ds.query(`INSERT INTO sequence_versions (workspace_id, sequence_id, version, document) VALUES ($1, $2, 1, '{}') RETURNING id`, [workspaceId, sequenceId]);
  const [{ id: campaignId }] = await ds.query(`INSERT INTO campaigns (workspace_id, name, sequence_version_id, working_hours) VALUES ($1, 'c', $2, '{}') RETURNING id`, [workspaceId, versionId]);
  const [{ id: leadId }] = await ds.query(
    `INSERT INTO leads (workspace_id, campaign_id, account_id, profile_ref, profile_key, state) VALUES ($1, $2, $3, 'p', $4, 'active') RETURNING id`,
    [workspaceId, campaignId, accountId, randomUUID()],
  );
  return { campaignId, leadId };
}

/** What the send activities record when LinkedIn stored a lead step's message. */
export async function recordLeadSent(ds: DataSource, workspaceId: string, lead: { campaignId: string; leadId: string }, stepIndex: number, at: Date): Promise<void> {
  await ds.query(
    `INSERT INTO lead_events (workspace_id, campaign_id, lead_id, event_key, type, step_index, at) VALUES ($1, $2, $3, $4, 'sent', $5, $6)`,
    [workspaceId, lead.campaignId, lead.leadId, `sent:${stepIndex}`, stepIndex, at],
  );
}

/** What an API send records: its message row, sent (or still pending). */
export async function recordApiSend(ds: DataSource, workspaceId: string, accountId: string, workflowId: string, sentAt: Date | null): Promise<void> {
  await ds.query(
    `INSERT INTO messages (workspace_id, account_id, direction, status, workflow_id, sent_at, text) VALUES ($1, $2, 'outbound', $3, $4, $5, 'hi')`,
    [workspaceId, accountId, sentAt ? 'sent' : 'pending', workflowId, sentAt],
  );
}

export const minutes = (n: number) => n * 60_000;
export const days = (n: number) => n * 86_400_000;
export const after = (t: Date, ms: number) => new Date(t.getTime() + ms);
