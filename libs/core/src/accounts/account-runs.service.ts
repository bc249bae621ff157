import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { AccountsRepository, LeadsRepository, MessagesRepository } from '@threadline/db';
import { ACCOUNT_PROBLEM_CODES, leadWorkflowId } from '@threadline/domain';
import { accountChangedSignal, type AccountChange, leadRetryStepSignal } from '@threadline/contracts';
import { TEMPORAL_CLIENT } from '../tokens';

export type { AccountChange };

/** A run that may be waiting on its account: a lead's sequence, or an API send waiting for its slot. */
export interface AccountRun {
  workflowId: string;
  kind: 'lead' | 'send';
  /** A lead holding on a step that failed because of its account (expired session, checkpoint, restriction). */
  heldByAccount: boolean;
}

const PAGE = 200;
const UNUSABLE = ['disconnected', 'checkpoint', 'restricted'];

/** Wakes the live runs of an account when something they wait on changed, so they re-plan at once instead of at their old time. */
@Injectable()
export class AccountRunsService {
  private readonly logger = new Logger('AccountRunsService');

  constructor(
    private readonly accounts: AccountsRepository,
    private readonly leads: LeadsRepository,
    private readonly messages: MessagesRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  /**
   * Called by every change of an account's caps, warm-up, hold, working hours or status. The change is
   * already saved: a failure here is logged, never thrown (the runs still re-plan at their own timers).
   * Answers the runs that were told.
   */
  async accountChanged(workspaceId: string, accountId: string, changes: AccountChange[]): Promise<AccountRun[]> {
    const told: AccountRun[] = [];
    try {
      const account = await this.accounts.findInWorkspace(workspaceId, accountId);
      if (!account) return told;
      for await (const run of this.liveRuns(workspaceId, accountId)) {
        if (await this.notifyRun(run, changes, !UNUSABLE.includes(account.status))) told.push(run);
      }
    } catch (err) {
      this.logger.warn(`runs of account ${accountId} not told of ${changes.join(', ')}: ${String(err)}`);
    }
    return told;
  }

  /** The account's live lead runs, then its API sends still under way. */
  async *liveRuns(workspaceId: string, accountId: string): AsyncGenerator<AccountRun> {
    for (let afterId: string | null = null; ;) {
      const page = await this.leads.listLiveForAccount(workspaceId, accountId, afterId, PAGE);
      for (const lead of page) {
        const code = lead.state === 'failed' ? (lead.stateReason ?? '').split(':')[0] : null;
        yield { workflowId: leadWorkflowId(lead.campaignId, lead.id), kind: 'lead', heldByAccount: ACCOUNT_PROBLEM_CODES.some((c) => c === code) };
      }
      if (page.length < PAGE) break;
      afterId = page[page.length - 1]!.id;
    }
    for (let afterId: string | null = null; ;) {
      const page = await this.messages.listPendingSends(workspaceId, accountId, afterId, PAGE);
      for (const message of page) if (message.workflowId) yield { workflowId: message.workflowId, kind: 'send', heldByAccount: false };
      if (page.length < PAGE) break;
      afterId = page[page.length - 1]!.id;
    }
  }

  /**
   * THE call site that tells one run its account changed; true when the run was told. Every run gets
   * `accountChanged` (its slot, hold, quota and working-hours waits end and it asks again); a lead holding on
   * a step its account failed is also told to retry it, when the account can send again.
   */
  private async notifyRun(run: AccountRun, changes: AccountChange[], usable: boolean): Promise<boolean> {
    if (changes.length === 0) return false;
    try {
      const handle = this.temporal.workflow.getHandle(run.workflowId);
      await handle.signal(accountChangedSignal, { changes });
      if (run.heldByAccount && usable) await handle.signal(leadRetryStepSignal);
      return true;
    } catch (err) {
      // A run that ended meanwhile has nothing to re-plan.
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    }
  }
}
