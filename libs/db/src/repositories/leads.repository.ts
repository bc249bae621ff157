import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Between, type DataSource, In, IsNull, MoreThan, type Repository } from 'typeorm';
import { LeadEntity, LIVE_LEAD_STATES, type LeadState } from '../entities/lead.entity';
import { selectAll } from '../select-list';

const LIVE_STATES_SQL = LIVE_LEAD_STATES.map((s) => `'${s}'`).join(', ');


/** One person of an import, in request order. */
export interface LeadCandidate {
  profileRef: string;
  profileKey: string;
  profileUrn: string | null;
  attributes: Record<string, unknown>;
}

/** Why an import leaves a person out; `campaignId` names the other campaign a live lead is in. */
export type LeadImportSkip =
  | { reason: 'duplicate_in_request' | 'excluded' | 'already_in_campaign' | 'in_conversation' }
  | { reason: 'in_active_campaign'; campaignId: string | null };

export interface LeadImport {
  workspaceId: string;
  campaignId: string;
  /** The campaign's senders; leads are dealt round-robin over them. */
  senderIds: string[];
  /** Leads of the campaign so far: where the round-robin continues. */
  turn: number;
  candidates: LeadCandidate[];
}

export interface LeadImportResult {
  /** Inserted leads, in request order. */
  added: LeadEntity[];
  /** Index into `candidates` → why it was left out. */
  skipped: Map<number, LeadImportSkip>;
}

@Injectable()
export class LeadsRepository {
  private readonly returning: string;

  constructor(
    @InjectRepository(LeadEntity) private readonly repo: Repository<LeadEntity>,
    @InjectDataSource() private readonly ds: DataSource,
  ) {
    this.returning = selectAll(repo);
  }

  /**
   * Imports leads in two set statements, whatever their number: one classifies every candidate with
   * the skip rules (repeated in the request, on the exclusion list, live with a sender of this
   * campaign, in a conversation with one, already a lead here), the next inserts the rest as pending
   * with their senders dealt round-robin. The unique indexes still decide races between imports: a
   * row they refuse is reported as the rule it broke.
   */
  async importLeads(batch: LeadImport): Promise<LeadImportResult> {
    const { workspaceId, campaignId, senderIds, candidates } = batch;
    const skipped = new Map<number, LeadImportSkip>();
    if (candidates.length === 0) return { added: [], skipped };
    const classified: Array<{ ord: number; reason: LeadImportSkip['reason']; live_campaign: string | null }> = await this.ds.query(
      `WITH input AS (
         SELECT i.ord::int - 1 AS ord, i.profile_key, i.profile_urn,
                row_number() OVER (PARTITION BY i.profile_key ORDER BY i.ord) AS nth
         FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS i(profile_key, profile_urn, ord)),
       -- Joins, not a lookup per candidate (the planner probed the wrong index 10,000 times): each reads its table once against the candidates.
       talking AS (
         SELECT m.recipient_urn AS urn FROM messages m JOIN input i ON i.profile_urn = m.recipient_urn WHERE m.workspace_id = $1 AND m.account_id = ANY($5::uuid[])
         UNION
         SELECT m.sender_urn FROM messages m JOIN input i ON i.profile_urn = m.sender_urn WHERE m.workspace_id = $1 AND m.account_id = ANY($5::uuid[])),
       -- Live with a sender of this campaign; this campaign first, so a lead already here reads as such.
       live AS (
         SELECT DISTINCT ON (l.profile_key) l.profile_key, l.campaign_id
         FROM leads l JOIN input i ON i.profile_key = l.profile_key
         WHERE l.workspace_id = $1 AND l.account_id = ANY($5::uuid[]) AND l.state IN (${LIVE_STATES_SQL})
         ORDER BY l.profile_key, l.campaign_id = $2 DESC)
       SELECT ord, reason, live_campaign FROM (
         SELECT i.ord, live.campaign_id AS live_campaign,
           CASE
             WHEN i.nth > 1 THEN 'duplicate_in_request'
             WHEN EXISTS (SELECT 1 FROM lead_exclusions e WHERE e.workspace_id = $1 AND e.profile_key = i.profile_key) THEN 'excluded'
             WHEN live.campaign_id = $2 THEN 'already_in_campaign'
             WHEN live.campaign_id IS NOT NULL THEN 'in_active_campaign'
             WHEN t.urn IS NOT NULL THEN 'in_conversation'
             WHEN EXISTS (SELECT 1 FROM leads l WHERE l.campaign_id = $2 AND l.profile_key = i.profile_key) THEN 'already_in_campaign'
           END AS reason
         FROM input i
         LEFT JOIN talking t ON t.urn = i.profile_urn
         LEFT JOIN live ON live.profile_key = i.profile_key
       ) c WHERE reason IS NOT NULL`,
      [workspaceId, campaignId, candidates.map((c) => c.profileKey), candidates.map((c) => c.profileUrn), senderIds],
    );
    for (const row of classified) {
      skipped.set(row.ord, row.reason === 'in_active_campaign' ? { reason: row.reason, campaignId: row.live_campaign } : { reason: row.reason });
    }
    const eligible = candidates.map((c, ord) => ({ ...c, ord })).filter((c) => !skipped.has(c.ord));
    if (eligible.length === 0) return { added: [], skipped };
    const inserted: LeadEntity[] = await this.ds.query(
      `INSERT INTO leads (workspace_id, campaign_id, account_id, profile_ref, profile_key, profile_urn, attributes, state)
       SELECT $1, $2, ($7::uuid[])[1 + (($8::int + n::int - 1) % cardinality($7::uuid[]))], i.profile_ref, i.profile_key, i.profile_urn, i.attributes::jsonb, 'pending'
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS i(profile_ref, profile_key, profile_urn, attributes, n)
       ORDER BY n
       ON CONFLICT DO NOTHING
       RETURNING ${this.returning}`,
      [workspaceId, campaignId, eligible.map((c) => c.profileRef), eligible.map((c) => c.profileKey), eligible.map((c) => c.profileUrn),
        eligible.map((c) => JSON.stringify(c.attributes)), senderIds, batch.turn],
    );
    const byKey = new Map(inserted.map((l) => [l.profileKey, l]));
    const refused = eligible.filter((c) => !byKey.has(c.profileKey));
    if (refused.length > 0) {
      // Lost a race with another import: say which rule the database applied.
      const here = new Set((await this.repo.find({ select: { id: true, profileKey: true }, where: { campaignId, profileKey: In(refused.map((c) => c.profileKey)) } })).map((l) => l.profileKey));
      for (const c of refused) {
        if (here.has(c.profileKey)) skipped.set(c.ord, { reason: 'already_in_campaign' });
        else {
          const live = await this.repo.findOneBy({ workspaceId, accountId: In(senderIds), profileKey: c.profileKey, state: In([...LIVE_LEAD_STATES]) });
          skipped.set(c.ord, { reason: 'in_active_campaign', campaignId: live?.campaignId ?? null });
        }
      }
    }
    return { added: eligible.flatMap((c) => byKey.get(c.profileKey) ?? []), skipped };
  }

  findInCampaign(workspaceId: string, campaignId: string, id: string): Promise<LeadEntity | null> {
    return this.repo.findOneBy({ workspaceId, campaignId, id });
  }

  findById(workspaceId: string, id: string): Promise<LeadEntity | null> {
    return this.repo.findOneBy({ workspaceId, id });
  }

  listInCampaign(workspaceId: string, campaignId: string, opts: { state?: LeadState; limit: number; offset: number }): Promise<LeadEntity[]> {
    return this.repo.find({ where: { workspaceId, campaignId, ...(opts.state ? { state: opts.state } : {}) }, order: { createdAt: 'ASC', id: 'ASC' }, take: opts.limit, skip: opts.offset });
  }

  /** The oldest pending leads of a campaign (of one sender when given), for enrolment in batches. */
  listPending(workspaceId: string, campaignId: string, accountId: string | null, limit: number): Promise<LeadEntity[]> {
    return this.repo.find({ where: { workspaceId, campaignId, state: 'pending', ...(accountId ? { accountId } : {}) }, order: { createdAt: 'ASC', id: 'ASC' }, take: limit });
  }

  async countByState(workspaceId: string, campaignId: string): Promise<Partial<Record<LeadState, number>>> {
    const rows: Array<{ state: LeadState; n: number }> = await this.ds.query(
      'SELECT state, count(*)::int AS n FROM leads WHERE workspace_id = $1 AND campaign_id = $2 GROUP BY state',
      [workspaceId, campaignId],
    );
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  }

  /** Sets the state, only from `from` when given; false when the lead was elsewhere already. */
  async setState(workspaceId: string, id: string, state: LeadState, reason: string | null, from?: readonly LeadState[], extra: Partial<Pick<LeadEntity, 'repliedAt' | 'workflowId'>> = {}): Promise<boolean> {
    const result = await this.repo.update({ workspaceId, id, ...(from ? { state: In([...from]) } : {}) }, { state, stateReason: reason, ...extra });
    return (result.affected ?? 0) > 0;
  }

  async markStep(workspaceId: string, id: string, stepIndex: number | null, stepId: string | null): Promise<void> {
    await this.repo.update({ workspaceId, id }, { currentStep: stepIndex, currentStepId: stepId });
  }

  async markSent(workspaceId: string, id: string, at: Date, conversationUrn: string | null, profileUrn: string | null): Promise<void> {
    await this.repo.update({ workspaceId, id }, { lastSentAt: at, ...(conversationUrn ? { conversationUrn } : {}), ...(profileUrn ? { profileUrn } : {}) });
  }

  async setProfileUrn(workspaceId: string, id: string, profileUrn: string): Promise<void> {
    await this.repo.update({ workspaceId, id }, { profileUrn });
  }

  /** Live leads with this person on this account: the ones a reply must reach. */
  findLiveByProfile(workspaceId: string, accountId: string, profileUrn: string): Promise<LeadEntity[]> {
    // A lead holding on a failed step still has a run that a retry could resume: it must hear the reply too.
    return this.repo.findBy({ workspaceId, accountId, profileUrn, state: In([...LIVE_LEAD_STATES, 'failed']) });
  }

  /** Live leads of a campaign that a conversation already reached (a reply may name only the thread). */
  findLiveByConversation(workspaceId: string, accountId: string, conversationUrn: string): Promise<LeadEntity[]> {
    return this.repo.findBy({ workspaceId, accountId, conversationUrn, state: In([...LIVE_LEAD_STATES, 'failed']) });
  }

  /** A page of an account's leads holding on a step that failed with one of these codes (id order). */
  findFailedWith(workspaceId: string, accountId: string, codes: string[], afterId: string | null, limit: number): Promise<LeadEntity[]> {
    const q = this.repo
      .createQueryBuilder('l')
      .where('l.workspace_id = :workspaceId AND l.account_id = :accountId AND l.state = :state', { workspaceId, accountId, state: 'failed' })
      .andWhere("split_part(l.state_reason, ':', 1) IN (:...codes)", { codes });
    if (afterId) q.andWhere('l.id > :afterId', { afterId });
    return q.orderBy('l.id', 'ASC').limit(limit).getMany();
  }

  /** A page of an account's leads whose run is going (active, or holding on a failed step), in id order. */
  listLiveForAccount(workspaceId: string, accountId: string, afterId: string | null, limit: number): Promise<LeadEntity[]> {
    return this.repo.find({ where: { workspaceId, accountId, state: In(['active', 'paused', 'failed']), ...(afterId ? { id: MoreThan(afterId) } : {}) }, order: { id: 'ASC' }, take: limit });
  }

  /** Ends every lead of a campaign that never started (no workflow yet). */
  async cancelPending(workspaceId: string, campaignId: string, reason: string): Promise<number> {
    const result = await this.repo.update({ workspaceId, campaignId, state: 'pending' }, { state: 'cancelled', stateReason: reason });
    return result.affected ?? 0;
  }

  /**
   * Leads of this person on this account that completed their sequence without a reply, whose last message
   * went out in [since, before): a reply now still counts for them.
   */
  findRepliableAfterEnd(workspaceId: string, accountId: string, profileUrn: string, since: Date, before: Date): Promise<LeadEntity[]> {
    return this.repo.findBy({ workspaceId, accountId, profileUrn, state: 'completed', repliedAt: IsNull(), lastSentAt: Between(since, before) });
  }

  /** Ends every lead of a cancelled campaign still live in the table (its run is gone or never took the stop). */
  async cancelLive(workspaceId: string, campaignId: string, reason: string): Promise<number> {
    const result = await this.repo.update({ workspaceId, campaignId, state: In([...LIVE_LEAD_STATES]) }, { state: 'cancelled', stateReason: reason, currentStep: null, currentStepId: null });
    return result.affected ?? 0;
  }

  /** Leads of a campaign in one state (keyset paging by id). */
  listByState(workspaceId: string, campaignId: string, state: LeadState, afterId: string | null, limit: number): Promise<LeadEntity[]> {
    return this.repo.find({ where: { workspaceId, campaignId, state, ...(afterId ? { id: MoreThan(afterId) } : {}) }, order: { id: 'ASC' }, take: limit });
  }

  /** Leads of a campaign whose run is going (active, or holding on a failed step), for fan-out of lifecycle signals (keyset paging by id). */
  listLive(workspaceId: string, campaignId: string, afterId: string | null, limit: number): Promise<LeadEntity[]> {
    return this.repo.find({ where: { workspaceId, campaignId, state: In(['active', 'paused', 'failed']), ...(afterId ? { id: MoreThan(afterId) } : {}) }, order: { id: 'ASC' }, take: limit });
  }
}
