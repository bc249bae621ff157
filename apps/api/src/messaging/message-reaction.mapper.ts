import type { ActionOutcome } from '@threadline/core';
import type { EditMessageResponse, MessageReactionsResponse } from './message-reaction.dto';

export function toMessageReactionsResponse(outcome: ActionOutcome, ids: { conversationUrn: string; messageUrn: string }): MessageReactionsResponse {
  const reactions = outcome.result?.reactions;
  return {
    success: true,
    accountId: outcome.account.id,
    ...ids,
    reactions: reactions ? reactions.map((r) => ({ ...r, firstReactedAt: new Date(r.firstReactedAt).toISOString() })) : null,
    status: outcome.result ? 'done' : 'pending',
  };
}

export function toEditMessageResponse(outcome: ActionOutcome, ids: { conversationUrn: string; messageUrn: string }): EditMessageResponse {
  const message = outcome.result?.message;
  return { success: true, accountId: outcome.account.id, ...ids, text: message?.text ?? null, edited: message?.edited ?? false, status: outcome.result ? 'done' : 'pending' };
}
