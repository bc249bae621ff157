import { Inject, Injectable } from '@nestjs/common';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { LeadsRepository } from '@threadline/db';
import { type LeadReply, leadReplySignal, type LeadStop, leadStopSignal } from '@threadline/contracts';
import type { CoreConfig } from '../config/config';
import { CORE_CONFIG, TEMPORAL_CLIENT } from '../tokens';
import { LeadRunService } from './lead-run.service';

/** A new inbound message, as the inbox sync hands it to sequences. */
export interface InboundMessageEvent {
  workspaceId: string;
  accountId: string;
  conversationUrn: string;
  senderProfileUrn: string | null;
  messageUrn: string;
  text: string;
  sentAt: Date;
}

/** A message the account owner typed by hand on LinkedIn (not a Threadline send), as the sync found it. */
export interface OwnerMessageEvent {
  workspaceId: string;
  accountId: string;
  conversationUrn: string;
  /** The other people in the conversation (profile URNs). */
  participantUrns: string[];
  messageUrn: string;
  sentAt: Date;
}

const DAY_MS = 86_400_000;
/** The stop a hand-typed message gives a lead (the same words as the run's own pre-send check). */
const WRITTEN_BY_HAND: LeadStop = { state: 'stopped', reason: 'a message was written by hand in the conversation' };

/**
 * Routes replies to the lead workflows of running sequences. The inbox sync calls it once per stored
 * inbound message, at least once: the lead workflow keeps only the first reply, so repeats are harmless.
 */
@Injectable()
export class ReplyRouterService {
  constructor(
    private readonly leads: LeadsRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly run: LeadRunService,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {}

  /** Signals the run of every live lead this person is in on this account; returns how many were reached. */
  async onInboundMessage(event: InboundMessageEvent): Promise<number> {
    // By sender (indexed); only when the sync could not name the sender, by the thread our sends went into.
    const found = event.senderProfileUrn
      ? await this.leads.findLiveByProfile(event.workspaceId, event.accountId, event.senderProfileUrn)
      : await this.leads.findLiveByConversation(event.workspaceId, event.accountId, event.conversationUrn);
    const leads = new Map(found.map((l) => [l.id, l]));
    if (leads.size === 0 && event.senderProfileUrn) return this.lateReply(event, event.senderProfileUrn);
    let reached = 0;
    for (const lead of leads.values()) {
      if (lead.state === 'pending' || !lead.workflowId) {
        // The person wrote before the first touch: they are in a conversation now, so the lead never starts.
        await this.leads.setState(event.workspaceId, lead.id, 'skipped', 'the person wrote before the first message', ['pending']);
        continue;
      }
      const signal: LeadReply = { messageUrn: event.messageUrn, at: event.sentAt.getTime(), source: 'inbox_sync' };
      try {
        await this.temporal.workflow.getHandle(lead.workflowId).signal(leadReplySignal, signal);
        reached++;
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
    }
    return reached;
  }

  /**
   * The owner wrote to a lead by hand: the lead stops now (a stop with its reason), not at its next
   * pre-send check. Only messages written after the lead was added count; a lead not started yet is skipped.
   */
  async onOwnerMessage(event: OwnerMessageEvent): Promise<number> {
    const found = [
      ...(await this.leads.findLiveByConversation(event.workspaceId, event.accountId, event.conversationUrn)),
      // A 1:1 conversation names the person even before the lead's first send recorded its conversation.
      ...(event.participantUrns.length === 1 ? await this.leads.findLiveByProfile(event.workspaceId, event.accountId, event.participantUrns[0]!) : []),
    ].filter((lead) => lead.createdAt <= event.sentAt);
    let reached = 0;
    for (const lead of new Map(found.map((l) => [l.id, l])).values()) {
      if (lead.state === 'pending' || !lead.workflowId) {
        await this.leads.setState(event.workspaceId, lead.id, 'skipped', 'the account owner wrote to the person by hand before the first message', ['pending']);
        continue;
      }
      try {
        await this.temporal.workflow.getHandle(lead.workflowId).signal(leadStopSignal, WRITTEN_BY_HAND);
        reached++;
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
    }
    return reached;
  }

  /** No live lead: a lead that completed its sequence within the reply window still gets the reply. */
  private async lateReply(event: InboundMessageEvent, profileUrn: string): Promise<number> {
    if (this.config.REPLY_WINDOW_DAYS === 0) return 0;
    const since = new Date(event.sentAt.getTime() - this.config.REPLY_WINDOW_DAYS * DAY_MS);
    const leads = await this.leads.findRepliableAfterEnd(event.workspaceId, event.accountId, profileUrn, since, event.sentAt);
    let marked = 0;
    for (const lead of leads) if (await this.run.recordLateReply(lead, { messageUrn: event.messageUrn, at: event.sentAt })) marked++;
    return marked;
  }
}
