import { Injectable, Logger } from '@nestjs/common';
import type { AccountStatus } from '@threadline/db';
import { InboxSyncControlService } from '../inbox/inbox-sync-control.service';
import { HeldLeadsService } from '../sequences/held-leads.service';
import { WebhooksService } from '../webhooks/webhooks.service';
import { AccountRunsService } from './account-runs.service';

/** An account moved from one status to another (connect, reconnect, a LinkedIn failure, a check). */
export interface AccountStatusChange {
  workspaceId: string;
  accountId: string;
  from: AccountStatus | null;
  to: AccountStatus;
  reason: string | null;
  holdUntil: Date | null;
  at: Date;
}

// Statuses that stop the inbox sync; leaving one of them resumes it.
const STOPPED = ['disconnected', 'checkpoint', 'restricted'];
// Statuses in which an account sends: reaching one (a hold or a ramp ended) lets its waiting runs re-plan.
const SENDING = ['active', 'warming'];

/**
 * The one call site of the `account.status_changed` event: a webhook; on reconnect, the inbox sync resumes
 * and the leads held by the dead session try their step again; when a hold or a warm-up ends, the
 * account's waiting runs re-plan.
 */
@Injectable()
export class AccountStatusEvents {
  private readonly logger = new Logger('AccountStatusEvents');

  constructor(
    private readonly webhooks: WebhooksService,
    private readonly inboxSync: InboxSyncControlService,
    private readonly heldLeads: HeldLeadsService,
    private readonly runs: AccountRunsService,
  ) {}

  async statusChanged(change: AccountStatusChange): Promise<void> {
    if (change.from === change.to) return;
    this.logger.log({ event: 'account.status_changed', ...change });
    // The status is already saved: a failure here is logged rather than failing the caller's request.
    await this.webhooks.emitAccountStatusChanged(change).catch((err: unknown) => this.logger.error(`account.status_changed for ${change.accountId} not queued: ${String(err)}`));
    if (change.from !== null && STOPPED.includes(change.from) && !STOPPED.includes(change.to)) {
      await this.inboxSync.start(change.workspaceId, change.accountId).catch((err: unknown) => this.logger.warn(`inbox sync of ${change.accountId} not resumed yet: ${String(err)}`));
      // Missed wake-ups are covered by the leads' own hourly re-check.
      await this.heldLeads.wakeAfterReconnect(change.workspaceId, change.accountId).catch((err: unknown) => this.logger.warn(`held leads of ${change.accountId} not woken: ${String(err)}`));
    } else if (SENDING.includes(change.to)) {
      await this.runs.accountChanged(change.workspaceId, change.accountId, ['status']);
    }
  }
}
