import { type Client, WorkflowFailedError, isGrpcDeadlineError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError, ERROR_CODES, type ErrorCode } from '@threadline/domain';

const isErrorCode = (value: string): value is ErrorCode => (ERROR_CODES as readonly string[]).includes(value);

/**
 * Waits a bounded time for a workflow's result: null means it is still running (the API answers 202).
 * The result long poll carries the wait as its gRPC deadline, so it ends with the wait instead of
 * polling on in the background; an unreachable Temporal surfaces at once (503), not after the wait.
 * A workflow that failed with one of our codes surfaces as that DomainError.
 */
export async function awaitWorkflowResult<R>(temporal: Client, workflowId: string, timeoutMs: number): Promise<R | null> {
  const handle = temporal.workflow.getHandle(workflowId);
  try {
    return (await temporal.connection.withDeadline(Date.now() + timeoutMs, () => handle.result())) as R;
  } catch (err) {
    if (isGrpcDeadlineError(err)) return null;
    if (err instanceof WorkflowFailedError && err.cause instanceof ApplicationFailure && err.cause.type && isErrorCode(err.cause.type)) {
      throw new DomainError(err.cause.type, err.cause.message);
    }
    throw err;
  }
}
