import type { ActionOutcome } from '@threadline/core';
import type { ConversationActionResponse } from './conversation-action.dto';

/** The hosted API's answer to an action, plus whether it finished within the wait. */
export function toConversationActionResponse(outcome: ActionOutcome, message: string, ids: { conversationUrn?: string; messageUrn?: string } = {}): ConversationActionResponse {
  return {
    success: true,
    accountId: outcome.account.id,
    ...ids,
    ...(outcome.result?.conversationUrns && !ids.conversationUrn ? { conversationUrns: outcome.result.conversationUrns } : {}),
    message,
    status: outcome.result ? 'done' : 'pending',
  };
}
