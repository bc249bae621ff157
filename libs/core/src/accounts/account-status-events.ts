import { Injectable, Logger } from '@nestjs/common';
import type { AccountStatus } from '@threadline/db';
import { InboxSyncControlService } from '../inbox/inbox-sync-control.service';
import { WebhooksService } from '../webhooks/webhooks.service';

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

/** The one call site of the `account.status_changed` event: a webhook, and the inbox sync resumed on reconnect. */
@Injectable()
export class AccountStatusEvents {
  private readonly logger = new Logger('AccountStatusEvents');

  constructor(
    private readonly webhooks: WebhooksService,
    private readonly inboxSync: InboxSyncControlService,
  ) {}

  async statusChanged(change: AccountStatusChange): Promise<void> {
    if (change.from === change.to) return;
    this.logger.log({ event: 'account.status_changed', ...change });
    // The status is already saved: a failure here is logged rather than failing the caller's request.
    await this.webhooks.emitAccountStatusChanged(change).catch((err: unknown) => this.logger.error(`account.status_changed for ${change.accountId} not queued: ${String(err)}`));
    if (change.from !== null && STOPPED.includes(change.from) && !STOPPED.includes(change.to)) {
      await this.inboxSync.start(change.workspaceId, change.accountId).catch((err: unknown) => this.logger.warn(`inbox sync of ${change.accountId} not resumed yet: ${String(err)}`));
    }
  }
}
