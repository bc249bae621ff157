import { Inject, Injectable } from '@nestjs/common';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { LeadsRepository } from '@threadline/db';
import { ACCOUNT_PROBLEM_CODES, leadWorkflowId } from '@threadline/domain';
import { leadRetryStepSignal } from '@threadline/contracts';
import { TEMPORAL_CLIENT } from '../tokens';

const PAGE = 200;

/** Leads whose step failed because their sender's session was dead, checkpointed or restricted. */
@Injectable()
export class HeldLeadsService {
  constructor(
    private readonly leads: LeadsRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  /**
   * Wakes them when the account is reconnected, instead of at their next hourly re-check. Each retried
   * send still takes a paced send slot, so a reconnect never turns into a burst. Returns how many were woken.
   */
  async wakeAfterReconnect(workspaceId: string, accountId: string): Promise<number> {
    let woken = 0;
    for (let afterId: string | null = null; ;) {
      const page = await this.leads.findFailedWith(workspaceId, accountId, ACCOUNT_PROBLEM_CODES, afterId, PAGE);
      if (page.length === 0) return woken;
      for (const lead of page) {
        try {
          await this.temporal.workflow.getHandle(leadWorkflowId(lead.campaignId, lead.id)).signal(leadRetryStepSignal);
          woken++;
        } catch (err) {
          // A lead whose hold ran out has ended: nothing to wake.
          if (!(err instanceof WorkflowNotFoundError)) throw err;
        }
      }
      afterId = page[page.length - 1]!.id;
    }
  }
}
