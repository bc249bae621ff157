import { condition, proxyActivities, sleep, uuid4 } from '@temporalio/workflow';
import { LINKEDIN_ACTIVITY_RETRY } from '../../libs/contracts/src/failures';
import type { MessagingActivities, PreparedConversation, SendMessageInput, SendMessageResult, SendSlotActivities } from '../../libs/contracts/src/messaging';
import { SEND_SLOT_TASK_QUEUE } from '../../libs/contracts/src/task-queues';
import { NON_RETRYABLE_CODES } from '../../libs/domain/src/retry-policy';

/** Hooks a caller of the spine may add; `sendMessageWorkflow` adds none, so its commands stay as they were. */
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
  deliver?: (input: { send: SendMessageInput; prepared: PreparedConversation; originToken: string }) => Promise<SendMessageResult>;
  /** Called with why and until when the spine waits (for the lead's state query). */
  onWait?: (reason: string, until: number | null) => void;
  /** Waits for a refused slot (quota, hold) until `until` (at least 1 s) in place of the spine's own timer, e.g. to record the wait. */
  waitForSlot?: (reason: string, until: number) => Promise<void>;
}

export type SendSpineOutcome =
  | { sent: true; result: SendMessageResult; prepared: PreparedConversation; originToken: string }
  | { sent: false; reason: string; prepared: PreparedConversation | null; originToken: string };

export function spineActivities(fairnessKey: string) {
  const slots = proxyActivities<SendSlotActivities>({
    taskQueue: SEND_SLOT_TASK_QUEUE,
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute', nonRetryableErrorTypes: NON_RETRYABLE_CODES },
    priority: { fairnessKey },
  });
  const linkedin = proxyActivities<MessagingActivities>({ startToCloseTimeout: '1 minute', retry: LINKEDIN_ACTIVITY_RETRY });
  return { slots, linkedin };
}

/** Sleeps, or returns early (true) when `abort` has a reason; without `abort` it is a plain durable sleep. */
async function pause(ms: number, summary: string, abort?: () => string | null): Promise<boolean> {
  if (!abort) {
    await sleep(ms);
    return false;
  }
  return condition(() => abort() !== null, ms, { summary });
}

/**
 * The send spine shared by every send: a send slot on the rate-limited `linkedin-send` queue
 * (fairness key = LinkedIn member), the typing indicator on durable timers, then exactly one send with a
 * workflow-minted originToken (the activity reads the thread back before a retried send).
 */
export async function runSendSpine(input: SendMessageInput, options: SendSpineOptions): Promise<SendSpineOutcome> {
  // Paced per LinkedIn member; runs started before the pacing key existed keep their account id.
  const { slots, linkedin } = spineActivities(input.pacingKey ?? input.accountId);
  const abort = options.abortReason;
  // Minted by the workflow so every retry of the send carries the same token (replay-safe).
  const originToken = options.originToken ?? uuid4();
  const stop = (prepared: PreparedConversation | null): SendSpineOutcome | null => {
    const reason = abort?.() ?? null;
    return reason ? { sent: false, reason, prepared, originToken } : null;
  };

  for (;;) {
    if (options.waitUntilAllowed) await options.waitUntilAllowed();
    const stopped = stop(null);
    if (stopped) return stopped;
    const slot = await slots.acquireSendSlot({
      workspaceId: input.workspaceId,
      accountId: input.accountId,
      kind: input.messageType === 'inmail' ? 'inmail' : 'message',
      operationId: options.operationId,
    });
    if (slot.granted) break;
    options.onWait?.(slot.reason, slot.notBefore);
    if (options.waitForSlot) await options.waitForSlot(slot.reason, slot.notBefore);
    else await pause(Math.max(1000, slot.notBefore - Date.now()), `wait:${slot.reason} until ${new Date(slot.notBefore).toISOString()}`, abort);
  }

  const prepared = await linkedin.prepareConversation(input);
  if (input.typingMs > 0 && prepared.conversationUrn) {
    const conversationUrn = prepared.conversationUrn;
    for (let shown = 0; shown < input.typingMs; shown += input.typingPingMs) {
      const stopped = stop(prepared);
      if (stopped) return stopped;
      await linkedin.showTyping({ workspaceId: input.workspaceId, accountId: input.accountId, conversationUrn });
      options.onWait?.('typing', null);
      await pause(Math.min(input.typingPingMs, input.typingMs - shown), 'typing', abort);
    }
  }
  const stopped = stop(prepared);
  if (stopped) return stopped;
  if (options.beforeDeliver) {
    const reason = await options.beforeDeliver(prepared);
    if (reason) return { sent: false, reason, prepared, originToken };
  }

  const delivered = options.deliver ? await options.deliver({ send: input, prepared, originToken }) : await linkedin.deliverMessage({ send: input, prepared, originToken });
  const result = { ...delivered, typingShown: input.typingMs > 0 && prepared.conversationUrn !== null };
  return { sent: true, result, prepared, originToken };
}
