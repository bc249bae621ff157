import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Between, type DataSource, In, IsNull, MoreThan, type Repository } from 'typeorm';
import { LeadEntity, LIVE_LEAD_STATES, type LeadState } from '../entities/lead.entity';

export type NewLead = Pick<LeadEntity, 'workspaceId' | 'campaignId' | 'accountId' | 'profileRef' | 'profileKey' | 'profileUrn' | 'attributes'>;
export type InsertLeadResult = { inserted: LeadEntity } | { conflict: 'in_this_campaign' | 'in_other_campaign'; campaignId: string | null };

@Injectable()
export class LeadsRepository {
  constructor(
    @InjectRepository(LeadEntity) private readonly repo: Repository<LeadEntity>,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  /**
   * Adds a lead as pending. The unique indexes decide races: the same person twice in one
   * campaign, or live in another campaign of the same sender, is refused and reported.
   */
  async insert(lead: NewLead): Promise<InsertLeadResult> {
    const rows: Array<{ id: string }> = await this.ds.query(
      `INSERT INTO leads (workspace_id, campaign_id, account_id, profile_ref, profile_key, profile_urn, attributes, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending') ON CONFLICT DO NOTHING RETURNING id`,
      [lead.workspaceId, lead.campaignId, lead.accountId, lead.profileRef, lead.profileKey, lead.profileUrn, JSON.stringify(lead.attributes)],
    );
    if (rows[0]) return { inserted: await this.repo.findOneByOrFail({ id: rows[0].id }) };
    const same = await this.repo.findOneBy({ campaignId: lead.campaignId, profileKey: lead.profileKey });
    if (same) return { conflict: 'in_this_campaign', campaignId: lead.campaignId };
    const live = await this.repo.findOneBy({ workspaceId: lead.workspaceId, accountId: lead.accountId, profileKey: lead.profileKey, state: In([...LIVE_LEAD_STATES]) });
    return { conflict: 'in_other_campaign', campaignId: live?.campaignId ?? null };
  }

  /** Profile keys among `keys` that are live in a campaign of this sender, with that campaign. */
  async findLiveForAccount(workspaceId: string, accountId: string, keys: string[]): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    const rows = await this.repo.find({ select: { profileKey: true, campaignId: true }, where: { workspaceId, accountId, profileKey: In(keys), state: In([...LIVE_LEAD_STATES]) } });
    return new Map(rows.map((r) => [r.profileKey, r.campaignId]));
  }

  /** Profile URNs among `urns` that already share a conversation with this account (stored messages). */
  async findInConversation(workspaceId: string, accountId: string, urns: string[]): Promise<Set<string>> {
    if (urns.length === 0) return new Set();
    const rows: Array<{ urn: string }> = await this.ds.query(
      `SELECT DISTINCT u.urn FROM unnest($3::text[]) AS u(urn)
       WHERE EXISTS (SELECT 1 FROM messages m WHERE m.workspace_id = $1 AND m.account_id = $2 AND (m.recipient_urn = u.urn OR m.sender_urn = u.urn))`,
      [workspaceId, accountId, urns],
    );
    return new Set(rows.map((r) => r.urn));
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
