import { Inject, Injectable } from '@nestjs/common';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { LeadsRepository } from '@threadline/db';
import { type LeadReply, leadReplySignal } from '@threadline/contracts';
import { TEMPORAL_CLIENT } from '../tokens';

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

/**
 * Routes replies to the lead workflows of running sequences. The inbox sync calls it once per stored
 * inbound message, at least once: the lead workflow keeps only the first reply, so repeats are harmless.
 */
@Injectable()
export class ReplyRouterService {
  constructor(
    private readonly leads: LeadsRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  /** Signals the run of every live lead this person is in on this account; returns how many were reached. */
  async onInboundMessage(event: InboundMessageEvent): Promise<number> {
    // By sender (indexed); only when the sync could not name the sender, by the thread our sends went into.
    const found = event.senderProfileUrn
      ? await this.leads.findLiveByProfile(event.workspaceId, event.accountId, event.senderProfileUrn)
      : await this.leads.findLiveByConversation(event.workspaceId, event.accountId, event.conversationUrn);
    const leads = new Map(found.map((l) => [l.id, l]));
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
}
