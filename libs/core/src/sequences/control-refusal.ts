import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';

/** Why a run refused a control update (its validator's message), or null for any other error. */
export function controlRefusalOf(err: unknown): string | null {
  return err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === 'CAMPAIGN_STATE_INVALID' ? err.cause.message : null;
}
