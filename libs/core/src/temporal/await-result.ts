import { type Client, WorkflowFailedError, isGrpcCancelledError, isGrpcDeadlineError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError, ERROR_CODES, type ErrorCode } from '@threadline/domain';

const isErrorCode = (value: string): value is ErrorCode => (ERROR_CODES as readonly string[]).includes(value);

/**
 * True when a long poll ended because its deadline passed. The server enforces the same deadline and, when its
 * timer fires first, resets the stream (CANCELLED) before the client reports DEADLINE_EXCEEDED: a race seen on
 * a Temporal server on Postgres (`npm run verify:cluster`), where a 202 became a 500.
 */
export function endedAtDeadline(err: unknown, deadline: number, now = Date.now()): boolean {
  return isGrpcDeadlineError(err) || (isGrpcCancelledError(err) && now >= deadline - 50);
}

/**
 * Waits a bounded time for a workflow's result: null means it is still running (the API answers 202).
 * The result long poll carries the wait as its gRPC deadline, so it ends with the wait instead of
 * polling on in the background; an unreachable Temporal surfaces at once (503), not after the wait.
 * A workflow that failed with one of our codes surfaces as that DomainError.
 */
export async function awaitWorkflowResult<R>(temporal: Client, workflowId: string, timeoutMs: number): Promise<R | null> {
  const handle = temporal.workflow.getHandle(workflowId);
  const deadline = Date.now() + timeoutMs;
  try {
    return (await temporal.connection.withDeadline(deadline, () => handle.result())) as R;
  } catch (err) {
    if (endedAtDeadline(err, deadline)) return null;
    if (err instanceof WorkflowFailedError && err.cause instanceof ApplicationFailure && err.cause.type && isErrorCode(err.cause.type)) {
      throw new DomainError(err.cause.type, err.cause.message);
    }
    throw err;
  }
}
