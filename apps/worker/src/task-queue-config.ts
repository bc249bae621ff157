import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { SEND_SLOT_TASK_QUEUE } from '@threadline/contracts';

/**
 * Sets the per-member pace on the send-slot queue: Temporal dispatches at most one slot per fairness key
 * (LinkedIn member) every `spacingSeconds`. Idempotent, so every worker boot applies it. A server without
 * fairness (or that refuses the call) does not stop the worker: it logs one line and answers false, and
 * sends are spaced by the Postgres ledger alone (the delivery claim, at the moment a send goes out).
 */
export async function applySendQueueRateLimit(client: Client, namespace: string, spacingSeconds: number, log: (line: string) => void = console.warn): Promise<boolean> {
  try {
    await client.workflowService.updateTaskQueueConfig({
      namespace,
      identity: 'threadline-worker',
      taskQueue: SEND_SLOT_TASK_QUEUE,
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
      updateFairnessKeyRateLimitDefault: { rateLimit: { requestsPerSecond: 1 / spacingSeconds }, reason: 'per-account send spacing' },
    });
    return true;
  } catch (err) {
    log(`Temporal refused the per-member rate limit of the ${SEND_SLOT_TASK_QUEUE} queue (${describe(err)}): send slots are not paced by Temporal on this server; `
      + `the ledger still spaces every LinkedIn member's sends by at least SEND_SPACING_SECONDS when they go out (README, "Servers without fairness").`);
    return false;
  }
}

/** A gRPC error as "<code name>: <details>", without the stack. */
export function describe(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  const name = typeof code === 'number' ? (GRPC_CODES[code] ?? String(code)) : null;
  const message = err instanceof Error ? ((err as { details?: string }).details ?? err.message) : String(err);
  return (name ? `${name}: ${message}` : message).slice(0, 300);
}

const GRPC_CODES: Record<number, string> = {
  3: 'INVALID_ARGUMENT', 5: 'NOT_FOUND', 7: 'PERMISSION_DENIED', 9: 'FAILED_PRECONDITION', 12: 'UNIMPLEMENTED', 13: 'INTERNAL', 14: 'UNAVAILABLE', 16: 'UNAUTHENTICATED',
};
