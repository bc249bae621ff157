import { Injectable } from '@nestjs/common';

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
 * Routes replies to the lead workflows of running sequences (owned by issue 5). Placeholder created by
 * the inbox sync so it can call it; the sync calls it once per stored inbound message, at least once.
 */
@Injectable()
export class ReplyRouterService {
  async onInboundMessage(_event: InboundMessageEvent): Promise<void> {
    // Intentionally empty until sequences land.
  }
}
