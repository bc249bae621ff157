import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { InvitationEntity, type InvitationStateValue } from '../entities/invitation.entity';

export interface BeginInvitation {
  workspaceId: string;
  accountId: string;
  profileUrn: string;
  operationId: string;
  note: string | null;
  leadId?: string | null;
  campaignId?: string | null;
  workflowId?: string | null;
}

/** Keyset position of a page: newest first by (created_at, id). */
export interface InvitationCursor {
  createdAt: Date;
  id: string;
}

/** Sent connection invitations; every query takes the workspace. */
@Injectable()
export class InvitationsRepository {
  constructor(@InjectRepository(InvitationEntity) private readonly repo: Repository<InvitationEntity>) {}

  /** The invitation of an operation, created as `sending` the first time (a retried operation gets its row back). */
  async begin(input: BeginInvitation): Promise<InvitationEntity> {
    await this.repo
      .createQueryBuilder()
      .insert()
      .values({ ...input, state: 'sending', leadId: input.leadId ?? null, campaignId: input.campaignId ?? null, workflowId: input.workflowId ?? null })
      .orIgnore()
      .execute();
    return (await this.repo.findOneBy({ workspaceId: input.workspaceId, operationId: input.operationId }))!;
  }

  findByOperation(workspaceId: string, operationId: string): Promise<InvitationEntity | null> {
    return this.repo.findOneBy({ workspaceId, operationId });
  }

  findById(workspaceId: string, id: string): Promise<InvitationEntity | null> {
    return this.repo.findOneBy({ workspaceId, id });
  }

  /** LinkedIn stored it (found by the read-back); the note actually sent replaces the requested one. */
  async markPending(workspaceId: string, operationId: string, invitationUrn: string, sentAt: Date, note: string | null): Promise<void> {
    await this.repo.update({ workspaceId, operationId, state: In(['sending', 'failed']) }, { state: 'pending', invitationUrn, sentAt, note, errorCode: null });
  }

  async markFailed(workspaceId: string, operationId: string, errorCode: string): Promise<void> {
    await this.repo.update({ workspaceId, operationId, state: In(['sending', 'failed']) }, { state: 'failed', errorCode });
  }

  /** Deletes an invitation LinkedIn did not store (an API request answered 4xx leaves nothing behind). */
  async discard(workspaceId: string, operationId: string): Promise<void> {
    await this.repo.delete({ workspaceId, operationId, state: In(['sending', 'failed']) });
  }

  /** The account's latest invitation to this person that LinkedIn stored (pending or accepted), or null. */
  latestFor(workspaceId: string, accountId: string, profileUrn: string): Promise<InvitationEntity | null> {
    return this.repo.findOne({ where: { workspaceId, accountId, profileUrn, state: In(['pending', 'accepted']) }, order: { createdAt: 'DESC' } });
  }

  /** The account's pending invitations, oldest first (what the acceptance check looks for among the connections). */
  pendingOf(workspaceId: string, accountId: string, limit = 1000): Promise<InvitationEntity[]> {
    return this.repo.find({ where: { workspaceId, accountId, state: 'pending' }, order: { sentAt: 'ASC' }, take: limit });
  }

  /** Marks these pending invitations accepted; returns the ones this call changed (each fires its webhook once). */
  async markAccepted(workspaceId: string, ids: string[], acceptedAt: Date): Promise<InvitationEntity[]> {
    if (ids.length === 0) return [];
    const result = await this.repo
      .createQueryBuilder()
      .update()
      .set({ state: 'accepted', acceptedAt })
      .where('workspace_id = :workspaceId AND id IN (:...ids) AND state = :pending', { workspaceId, ids, pending: 'pending' })
      .returning('id')
      .execute();
    const changed = (result.raw as Array<{ id: string }>).map((r) => r.id);
    return changed.length ? this.repo.findBy({ workspaceId, id: In(changed) }) : [];
  }

  /** A workspace's invitations, newest first, optionally of one account and state. */
  list(workspaceId: string, filter: { accountId?: string; state?: InvitationStateValue; before?: InvitationCursor | null; limit: number }): Promise<InvitationEntity[]> {
    const qb = this.repo.createQueryBuilder('i').where('i.workspace_id = :workspaceId', { workspaceId });
    if (filter.accountId) qb.andWhere('i.account_id = :accountId', { accountId: filter.accountId });
    if (filter.state) qb.andWhere('i.state = :state', { state: filter.state });
    if (filter.before) qb.andWhere('(i.created_at, i.id) < (:createdAt, :id)', { createdAt: filter.before.createdAt, id: filter.before.id });
    return qb.orderBy('i.created_at', 'DESC').addOrderBy('i.id', 'DESC').take(filter.limit).getMany();
  }
}
