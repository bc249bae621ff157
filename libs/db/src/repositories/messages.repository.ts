import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, type Repository } from 'typeorm';
import { MessageEntity } from '../entities/message.entity';

export type NewOutboundMessage = Pick<MessageEntity, 'workspaceId' | 'accountId' | 'messageType' | 'recipientRef' | 'text' | 'subject' | 'workflowId' | 'idempotencyKey' | 'requestHash'>;

export interface SentFields {
  messageUrn: string;
  backendUrn: string | null;
  conversationUrn: string;
  recipientUrn: string | null;
  senderUrn: string | null;
  originToken: string;
  sentAt: Date;
}

@Injectable()
export class MessagesRepository {
  constructor(@InjectRepository(MessageEntity) private readonly repo: Repository<MessageEntity>) {}

  findByIdempotencyKey(workspaceId: string, idempotencyKey: string): Promise<MessageEntity | null> {
    return this.repo.findOneBy({ workspaceId, idempotencyKey });
  }

  findInWorkspace(workspaceId: string, id: string): Promise<MessageEntity | null> {
    return this.repo.findOneBy({ workspaceId, id });
  }

  findByWorkflowId(workflowId: string): Promise<MessageEntity | null> {
    return this.repo.findOneBy({ workflowId });
  }

  /** A page of an account's API sends still under way (pending, with a workflow), in id order. */
  listPendingSends(workspaceId: string, accountId: string, afterId: string | null, limit: number): Promise<MessageEntity[]> {
    return this.repo.find({ where: { workspaceId, accountId, direction: 'outbound', status: 'pending', ...(afterId ? { id: MoreThan(afterId) } : {}) }, order: { id: 'ASC' }, take: limit });
  }

  /** Records an accepted send before its workflow starts, so nothing accepted is ever lost. */
  async createPending(fields: NewOutboundMessage): Promise<MessageEntity> {
    return this.repo.save(this.repo.create({ ...fields, direction: 'outbound', status: 'pending' }));
  }

  /** Drops the row of a send whose workflow never started: nothing was sent, so nothing was accepted. */
  async deleteUnstarted(workflowId: string): Promise<void> {
    await this.repo.delete({ workflowId, status: 'pending' });
  }

  async markSent(workflowId: string, fields: SentFields): Promise<void> {
    await this.repo.update({ workflowId }, { ...fields, status: 'sent', errorCode: null, errorMessage: null });
  }

  async markFailed(workflowId: string, errorCode: string, errorMessage: string): Promise<void> {
    await this.repo.update({ workflowId }, { status: 'failed', errorCode, errorMessage });
  }
}
