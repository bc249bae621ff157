import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { InboxSyncStatesRepository } from '@threadline/db';
import { inboxSyncWorkflowId } from '@threadline/domain';
import { inboxChangedSignal, type InboxChangedSignal, type InboxSyncInput, SA, WORKFLOW_TASK_QUEUE } from '@threadline/contracts';
import type { CoreConfig } from '../config/config';
import { CORE_CONFIG, TEMPORAL_CLIENT } from '../tokens';

const BATCH = 500;

/** Starts and nudges the per-account inbox sync workflows; every start is idempotent (USE_EXISTING). */
@Injectable()
export class InboxSyncControlService {
  private readonly logger = new Logger('InboxSync');

  constructor(
    private readonly states: InboxSyncStatesRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {}

  /** Starts the account's sync unless it runs already. */
  async start(workspaceId: string, accountId: string): Promise<void> {
    await this.states.markRunning(workspaceId, accountId);
    await this.temporal.workflow.start('inboxSyncWorkflow', this.startOptions(workspaceId, accountId, false));
  }

  /** Asks for a pass now (starting the sync if it is not running), e.g. POST /v1/conversations/sync. */
  async request(workspaceId: string, accountId: string, reason: InboxChangedSignal['reason']): Promise<void> {
    await this.states.markRequested(workspaceId, accountId);
    await this.temporal.workflow.signalWithStart('inboxSyncWorkflow', {
      ...this.startOptions(workspaceId, accountId, true),
      signal: inboxChangedSignal,
      signalArgs: [{ reason }],
    });
  }

  /** Starts syncs for accounts that have none running: newly connected ones and reconnected ones. */
  async startMissing(): Promise<number> {
    const accounts = await this.states.accountsToStart(BATCH);
    for (const a of accounts) await this.start(a.workspaceId, a.accountId);
    return accounts.length;
  }

  /** At worker boot: (re)starts every usable account's sync; already running ones are left alone. */
  async startAll(): Promise<number> {
    const accounts = await this.states.usableAccounts(100_000);
    for (const a of accounts) {
      await this.start(a.workspaceId, a.accountId).catch((err: unknown) => this.logger.warn(`inbox sync of ${a.accountId} not started: ${String(err)}`));
    }
    return accounts.length;
  }

  private startOptions(workspaceId: string, accountId: string, pendingSync: boolean) {
    const input: InboxSyncInput = {
      workspaceId,
      accountId,
      pollIntervalMs: this.config.INBOX_POLL_SECONDS * 1000,
      realtime: this.config.INBOX_REALTIME,
      realtimeWatchMs: this.config.INBOX_REALTIME_WATCH_SECONDS * 1000,
      pendingSync,
    };
    return {
      taskQueue: WORKFLOW_TASK_QUEUE,
      workflowId: inboxSyncWorkflowId(accountId),
      args: [input] as [InboxSyncInput],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      memo: { kind: 'inbox-sync', workspaceId },
      // Findable in the Web UI and CLI: AccountId = '<accountId>'.
      typedSearchAttributes: [{ key: SA.AccountId, value: accountId }],
    };
  }
}
