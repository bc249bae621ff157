import { type Client, WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError, ERROR_CODES, type ErrorCode } from '@threadline/domain';

const isErrorCode = (value: string): value is ErrorCode => (ERROR_CODES as readonly string[]).includes(value);

/**
 * Waits a bounded time for a workflow's result: null means it is still running (the API answers 202).
 * A workflow that failed with one of our codes surfaces as that DomainError.
 */
export async function awaitWorkflowResult<R>(temporal: Client, workflowId: string, timeoutMs: number): Promise<R | null> {
  const handle = temporal.workflow.getHandle(workflowId);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    return await Promise.race([handle.result() as Promise<R>, timeout]);
  } catch (err) {
    if (err instanceof WorkflowFailedError && err.cause instanceof ApplicationFailure && err.cause.type && isErrorCode(err.cause.type)) {
      throw new DomainError(err.cause.type, err.cause.message);
    }
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
