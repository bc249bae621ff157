import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import { LeadEventEntity } from '../entities/lead-event.entity';

export type NewLeadEvent = Pick<LeadEventEntity, 'workspaceId' | 'campaignId' | 'leadId' | 'eventKey' | 'type' | 'stepIndex' | 'stepId' | 'variantId' | 'at' | 'data'>;

/** Sent and replied counts of one step and variant, with the mean time to reply. */
export interface StepVariantStats {
  stepIndex: number;
  stepId: string;
  variantId: string | null;
  sent: number;
  replied: number;
  avgReplyMs: number | null;
}

@Injectable()
export class LeadEventsRepository {
  constructor(
    @InjectRepository(LeadEventEntity) private readonly repo: Repository<LeadEventEntity>,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  /** Records an event once: a retried activity with the same event key changes nothing. */
  async record(event: NewLeadEvent): Promise<void> {
    await this.ds.query(
      `INSERT INTO lead_events (workspace_id, campaign_id, lead_id, event_key, type, step_index, step_id, variant_id, at, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (lead_id, event_key) DO NOTHING`,
      [event.workspaceId, event.campaignId, event.leadId, event.eventKey, event.type, event.stepIndex, event.stepId, event.variantId, event.at, JSON.stringify(event.data)],
    );
  }

  /** Records an event, or merges `data` into the one recorded under the same key (a wait, then how it ended). */
  async recordOrMerge(event: NewLeadEvent): Promise<void> {
    await this.ds.query(
      `INSERT INTO lead_events (workspace_id, campaign_id, lead_id, event_key, type, step_index, step_id, variant_id, at, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (lead_id, event_key) DO UPDATE SET data = lead_events.data || EXCLUDED.data`,
      [event.workspaceId, event.campaignId, event.leadId, event.eventKey, event.type, event.stepIndex, event.stepId, event.variantId, event.at, JSON.stringify(event.data)],
    );
  }

  /** Every event of one lead, oldest first: its timeline. */
  listForLead(workspaceId: string, leadId: string): Promise<LeadEventEntity[]> {
    return this.repo.find({ where: { workspaceId, leadId }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** Per step and variant: messages sent, replies attributed to that send, mean time to reply. */
  async stepStats(workspaceId: string, campaignId: string): Promise<StepVariantStats[]> {
    const rows: Array<{ step_index: number; step_id: string; variant_id: string | null; sent: number; replied: number; avg_reply_ms: string | null }> = await this.ds.query(
      `SELECT step_index, step_id, variant_id,
              count(*) FILTER (WHERE type = 'sent')::int AS sent,
              count(*) FILTER (WHERE type = 'replied')::int AS replied,
              avg((data->>'afterMs')::bigint) FILTER (WHERE type = 'replied') AS avg_reply_ms
       FROM lead_events
       WHERE workspace_id = $1 AND campaign_id = $2 AND type IN ('sent', 'replied') AND step_index IS NOT NULL
       GROUP BY step_index, step_id, variant_id
       ORDER BY step_index, variant_id NULLS FIRST`,
      [workspaceId, campaignId],
    );
    return rows.map((r) => ({ stepIndex: r.step_index, stepId: r.step_id, variantId: r.variant_id, sent: r.sent, replied: r.replied, avgReplyMs: r.avg_reply_ms === null ? null : Math.round(Number(r.avg_reply_ms)) }));
  }

  /** Distinct leads of a campaign with at least one event of this type. */
  async countLeads(workspaceId: string, campaignId: string, type: LeadEventEntity['type']): Promise<number> {
    const [{ n }] = await this.ds.query('SELECT count(DISTINCT lead_id)::int AS n FROM lead_events WHERE workspace_id = $1 AND campaign_id = $2 AND type = $3', [workspaceId, campaignId, type]);
    return n;
  }

  /** Leads of a campaign enrolled since `since`, per sender account (for the new-leads-per-day limit). */
  async enrolledSince(workspaceId: string, campaignId: string, since: Date): Promise<Map<string, number>> {
    const rows: Array<{ account_id: string; n: number }> = await this.ds.query(
      `SELECT l.account_id, count(*)::int AS n FROM lead_events e JOIN leads l ON l.id = e.lead_id
       WHERE e.workspace_id = $1 AND e.campaign_id = $2 AND e.type = 'enrolled' AND e.at >= $3 GROUP BY l.account_id`,
      [workspaceId, campaignId, since],
    );
    return new Map(rows.map((r) => [r.account_id, r.n]));
  }
}
