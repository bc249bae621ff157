import { condition, patched, proxyActivities, proxyLocalActivities, sleep, uuid4 } from '@temporalio/workflow';
import type { LocalActivityOptions, RetryPolicy } from '@temporalio/common';
import { failureOf, LINKEDIN_ACTIVITY_RETRY } from '../../libs/contracts/src/failures';
import type { DeliverInput, MessagingActivities, PreparedConversation, SendMessageInput, SendMessageResult, SendSlotActivities } from '../../libs/contracts/src/messaging';
import { SEND_SLOT_TASK_QUEUE } from '../../libs/contracts/src/task-queues';
import { NON_RETRYABLE_CODES } from '../../libs/domain/src/retry-policy';

/** Hooks a caller of the spine may add; `sendMessageWorkflow` adds only the account-change count and `lean`. */
export interface SendSpineOptions {
  /** Quota reservation id: the same id never spends quota twice. */
  operationId: string;
  /** The token the send carries; a retried step passes the token of its earlier attempt. */
  originToken?: string;
  /** A reason to give up before the message goes out (a reply, a pause, a stop); checked while waiting and typing. */
  abortReason?: () => string | null;
  /** Waits for working hours before each slot request. */
  waitUntilAllowed?: () => Promise<void>;
  /** The last fence before the send (e.g. re-read the thread); a reason aborts. */
  beforeDeliver?: (prepared: PreparedConversation) => Promise<string | null>;
  /** The send activity; defaults to the plain `deliverMessage`. */
  deliver?: (input: DeliverInput) => Promise<SendMessageResult>;
  /** Called with why and until when the spine waits (for the lead's state query). */
  onWait?: (reason: string, until: number | null) => void;
  /** Waits for a refused slot (quota, hold) until `until` (at least 1 s), or until `changed` says so, in place of the spine's own timer, e.g. to record the wait. */
  waitForSlot?: (reason: string, until: number, changed?: () => boolean) => Promise<void>;
  /** When the sender's working window closes: the member's remaining daily budget is spread until then. */
  spreadUntil?: () => number | null;
  /** Counts the run's `accountChanged` signals: a new one ends a slot wait at once (the run asks again). */
  accountChanges?: () => number;
  /** An earlier spine of this step tried to deliver with the same origin token and got no answer. */
  attempted?: boolean;
  /** The run is lean (`leanStep()`): the member's turn, the conversation lookup and the release run as local activities. */
  lean?: boolean;
}

export type SendSpineOutcome =
  | { sent: true; result: SendMessageResult; prepared: PreparedConversation; originToken: string }
  | { sent: false; reason: string; prepared: PreparedConversation | null; originToken: string };

/**
 * LinkedIn calls of a paced send: a throttle (429/999) is not retried by Temporal but goes back to the send
 * slot, which refuses with reason `hold` until the account's hold ends (a reply or a lifted hold is seen meanwhile).
 */
export const PACED_LINKEDIN_RETRY: RetryPolicy = {
  ...LINKEDIN_ACTIVITY_RETRY,
  nonRetryableErrorTypes: [...(LINKEDIN_ACTIVITY_RETRY.nonRetryableErrorTypes ?? []), 'LINKEDIN_RATE_LIMITED'],
};

/**
 * Whether this run paces at delivery (claims the member's turn, waits out holds in the slot, releases unused
 * quota, varies its typing). Runs started before keep the commands they always issued. Memoized by Temporal:
 * every call in one run answers the same.
 */
export function pacedAtDelivery(): boolean {
  return patched('send-paced-at-delivery');
}

/**
 * Whether a wait after a LinkedIn answer counts the `accountChanged` signals from before the question was asked.
 * A change that arrived while the question was under way (an operator lifting the hold the answer set) was
 * otherwise counted as already seen, and the run slept until the hold's first end: 6 hours for a 999.
 */
export function changesSeenBeforeAsking(): boolean {
  return patched('account-changes-seen-before-asking');
}

/**
 * Whether this run takes the lean step: its reads and its bookkeeping run as local activities in the worker that
 * runs the workflow, so they cost no round trip through the Temporal server. The send slot (paced by fairness),
 * typing and the send itself stay activities: the send's retries read the thread back by their attempt number,
 * which a local activity re-run after a crash would not carry. Runs started before keep their commands.
 */
export function leanStep(): boolean {
  return patched('lean-step');
}

/**
 * Local activities whose retries wait on a durable timer past 5 s: a local activity holds the workflow task,
 * so a signal or an update (a stop, a pause) would otherwise wait behind a failing call's backoff.
 */
export function localActivities<A>(options: LocalActivityOptions) {
  return proxyLocalActivities<A>({ localRetryThreshold: '5 seconds', ...options });
}

export function spineActivities(fairnessKey: string, paced = false, lean = false) {
  const slots = proxyActivities<SendSlotActivities>({
    taskQueue: SEND_SLOT_TASK_QUEUE,
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute', nonRetryableErrorTypes: NON_RETRYABLE_CODES },
    priority: { fairnessKey },
  });
  const retry = paced ? PACED_LINKEDIN_RETRY : LINKEDIN_ACTIVITY_RETRY;
  const linkedin = proxyActivities<MessagingActivities>({ startToCloseTimeout: '1 minute', retry });
  // Idempotent calls that need no server hop of their own: the member's turn, the conversation lookup, the release.
  const local = lean ? localActivities<MessagingActivities>({ startToCloseTimeout: '1 minute', retry }) : linkedin;
  return { slots, linkedin, local };
}

/** Typing time varies around the length-based estimate (±25 %), as a person's does. */
export function humanTypingMs(estimateMs: number): number {
  return Math.round(estimateMs * (0.75 + Math.random() * 0.5));
}

/** Sleeps, or returns early (true) when `abort` has a reason or `wake` says so; without either it is a plain durable sleep. */
async function pause(ms: number, summary: string, abort?: () => string | null, wake?: () => boolean): Promise<boolean> {
  if (!abort && !wake) {
    await sleep(ms);
    return false;
  }
  return condition(() => (abort?.() ?? null) !== null || (wake?.() ?? false), ms, { summary });
}

/**
 * The send spine shared by every send: a send slot on the rate-limited `linkedin-send` queue
 * (fairness key = LinkedIn member), the member's delivery turn (the drawn gap since its last send, slept on a
 * durable timer), the typing indicator (or, in a new conversation, a pause of the same length) on durable
 * timers, then exactly one send with a workflow-minted originToken (the activity reads the thread back before
 * a retried send). A step that ends without a send releases its quota unit.
 */
export async function runSendSpine(input: SendMessageInput, options: SendSpineOptions): Promise<SendSpineOutcome> {
  const paced = pacedAtDelivery();
  // Paced per LinkedIn member; runs started before the pacing key existed keep their account id.
  const { slots, linkedin, local } = spineActivities(input.pacingKey ?? input.accountId, paced, options.lean);
  const abort = options.abortReason;
  // Minted by the workflow so every retry of the send carries the same token (replay-safe).
  const originToken = options.originToken ?? uuid4();
  const typingMs = paced && input.typingMs > 0 ? humanTypingMs(input.typingMs) : input.typingMs;
  const { workspaceId, accountId } = input;
  const operationId = options.operationId;
  // The last delivery of this step that got no answer: it may have reached LinkedIn.
  let unconfirmed: DeliverInput | null = null;
  const notSent = async (reason: string, prepared: PreparedConversation | null): Promise<SendSpineOutcome> => {
    if (paced) {
      // The step gives up: its unit stops counting, unless a delivery without an answer did reach LinkedIn (read
      // back by its origin token), which then counts and is the step's send.
      const attempt = unconfirmed ?? (options.attempted && prepared ? { send: input, prepared, originToken, operationId, readBackFirst: true } : null);
      const found = await local.releaseSendSlot({ workspaceId, operationId, ...(attempt ? { unconfirmed: attempt } : {}) });
      if (found && attempt) return { sent: true, result: { ...found, typingShown: false }, prepared: attempt.prepared, originToken };
    }
    return { sent: false, reason, prepared, originToken };
  };
  const stopReason = (): string | null => abort?.() ?? null;
  let readBackFirst = false;

  for (;;) {
    // 1. The slot: quota and holds, paced by fairness.
    for (;;) {
      if (options.waitUntilAllowed) await options.waitUntilAllowed();
      const stopped = stopReason();
      if (stopped) return notSent(stopped, null);
      const before = options.accountChanges?.() ?? 0;
      const slot = await slots.acquireSendSlot({ workspaceId, accountId, kind: input.messageType === 'inmail' ? 'inmail' : 'message', operationId });
      if (slot.granted) break;
      options.onWait?.(slot.reason, slot.notBefore);
      const seen = options.accountChanges && changesSeenBeforeAsking() ? before : (options.accountChanges?.() ?? 0);
      const changed = options.accountChanges ? () => options.accountChanges!() !== seen : undefined;
      if (options.waitForSlot) await options.waitForSlot(slot.reason, slot.notBefore, changed);
      else await pause(Math.max(1000, slot.notBefore - Date.now()), `wait:${slot.reason} until ${new Date(slot.notBefore).toISOString()}`, abort, changed);
    }

    try {
      // 2. The member's delivery turn: the gap since its last send, drawn per operation, on a durable timer.
      if (paced) {
        for (;;) {
          const spreadUntil = options.spreadUntil?.() ?? null;
          const claim = await local.claimDelivery({ workspaceId, accountId, operationId, ...(spreadUntil ? { spreadUntil } : {}) });
          if (claim.granted) break;
          options.onWait?.('spacing', claim.notBefore);
          await pause(Math.max(1, claim.notBefore - Date.now()), `wait:spacing until ${new Date(claim.notBefore).toISOString()}`, abort);
          const stopped = stopReason();
          if (stopped) return notSent(stopped, null);
        }
      }

      // 3. Typing in an existing conversation; before the first message of a new one, a pause as long.
      const prepared = await local.prepareConversation(input);
      if (typingMs > 0 && prepared.conversationUrn) {
        const conversationUrn = prepared.conversationUrn;
        for (let shown = 0; shown < typingMs; shown += input.typingPingMs) {
          const stopped = stopReason();
          if (stopped) return notSent(stopped, prepared);
          await linkedin.showTyping({ workspaceId, accountId, conversationUrn });
          options.onWait?.('typing', null);
          await pause(Math.min(input.typingPingMs, typingMs - shown), 'typing', abort);
        }
      } else if (paced && typingMs > 0) {
        options.onWait?.('pause_before_send', null);
        await pause(typingMs, 'pause before a new conversation', abort);
      }
      const stopped = stopReason();
      if (stopped) return notSent(stopped, prepared);
      if (options.beforeDeliver) {
        const reason = await options.beforeDeliver(prepared);
        if (reason) return notSent(reason, prepared);
      }

      // 4. Exactly one send; with the operation id, the activity claims the member's turn right before LinkedIn is
      // called and commits the unit. Another send of the member in flight or answered less than a gap ago
      // (SEND_TOO_SOON): wait until its hint, look at the thread again, and deliver again, reading back first.
      for (;;) {
        const deliverInput: DeliverInput = paced ? { send: input, prepared, originToken, operationId, readBackFirst } : { send: input, prepared, originToken };
        readBackFirst = true;
        if (paced) unconfirmed = deliverInput;
        let delivered: SendMessageResult;
        try {
          delivered = options.deliver ? await options.deliver(deliverInput) : await linkedin.deliverMessage(deliverInput);
        } catch (err) {
          const { code, details } = failureOf(err);
          if (!paced || code !== 'SEND_TOO_SOON') throw err;
          const hint = Date.parse(String((details?.[0] as { notBefore?: unknown } | undefined)?.notBefore ?? ''));
          const notBefore = Number.isNaN(hint) ? Date.now() + 1000 : hint;
          options.onWait?.('spacing', notBefore);
          await pause(Math.max(1, notBefore - Date.now()), `wait:spacing until ${new Date(notBefore).toISOString()}`, abort);
          const stopped = stopReason();
          if (stopped) return notSent(stopped, prepared);
          const reason = options.beforeDeliver ? await options.beforeDeliver(prepared) : null;
          if (reason) return notSent(reason, prepared);
          continue;
        }
        const result = { ...delivered, typingShown: typingMs > 0 && prepared.conversationUrn !== null };
        return { sent: true, result, prepared, originToken };
      }
    } catch (err) {
      if (!paced) throw err;
      // Throttled: the account is on hold; the slot refuses until it ends, so ask for it again (the unit stays reserved).
      if (failureOf(err).code !== 'LINKEDIN_RATE_LIMITED') throw err;
    }
  }
}
