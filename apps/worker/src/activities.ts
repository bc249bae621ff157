import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { type MessageDeliveryService, toDomainError } from '@threadline/core';
import { NON_RETRYABLE_CODES } from '@threadline/domain';
import type { MessagingActivities, SendSlotActivities } from '@threadline/contracts';

/**
 * Maps a failure to what Temporal should do with it: retry later, or give up with its code; the error's
 * details (a hold's end, a send's next turn) travel as the failure's details. A throttled call is tried
 * again when the account's hold ends (`details.holdUntil`), never at LinkedIn's hint alone.
 */
export function toActivityFailure(err: unknown): ApplicationFailure {
  const error = toDomainError(err);
  const throttledWithoutHold = error.code === 'LINKEDIN_RATE_LIMITED' && typeof error.details?.holdUntil !== 'string';
  return ApplicationFailure.create({
    type: error.code,
    message: error.message,
    nonRetryable: NON_RETRYABLE_CODES.includes(error.code),
    nextRetryDelay: throttledWithoutHold ? undefined : error.retryAfterMs,
    details: error.details ? [error.details] : undefined,
  });
}

/** An activity from a core service method: failures leave as Temporal failures with our error code. */
export function wrap<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (err) {
      throw toActivityFailure(err);
    }
  };
}

/** The running activity's heartbeat as a plain callback, for core services (libs/core never imports @temporalio/activity). */
export function activityHeartbeat(): () => void {
  const ctx = Context.current();
  return () => ctx.heartbeat();
}

/** The send-slot activity, polled on the rate-limited linkedin-send queue. */
export function createSendSlotActivities(delivery: MessageDeliveryService): SendSlotActivities {
  return { acquireSendSlot: wrap((input) => delivery.acquireSendSlot(input)) };
}

/** Thin activities: one LinkedIn side effect each, delegated to the core delivery service. */
export function createMessagingActivities(delivery: MessageDeliveryService): MessagingActivities {
  return {
    prepareConversation: wrap((input) => delivery.prepareConversation(input)),
    showTyping: wrap((input) => delivery.showTyping(input)),
    deliverMessage: wrap((input) => {
      const { attempt, workflowExecution } = Context.current().info;
      return delivery.deliver(input, attempt > 1 || input.readBackFirst === true, workflowExecution?.workflowId);
    }),
    claimDelivery: wrap((input) => delivery.claimDelivery(input)),
    releaseSendSlot: wrap((input) => delivery.releaseSendSlot(input)),
    recordMessageSent: wrap((input) => delivery.recordSent(input.workflowId, input.result)),
    recordMessageFailed: wrap((input) => delivery.recordFailed(input.workflowId, input.code, input.message)),
  };
}
