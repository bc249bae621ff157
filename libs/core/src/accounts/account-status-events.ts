import { Injectable, Logger } from '@nestjs/common';
import type { AccountStatus } from '@threadline/db';

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

/**
 * The one call site of the `account.status_changed` event. Webhook delivery (issue 4 part B) hooks in
 * here; until it lands, changes are logged.
 */
@Injectable()
export class AccountStatusEvents {
  private readonly logger = new Logger('AccountStatusEvents');

  async statusChanged(change: AccountStatusChange): Promise<void> {
    if (change.from === change.to) return;
    // TODO(issue 4B): deliver `account.status_changed` through the webhooks service here.
    this.logger.log({ event: 'account.status_changed', ...change });
  }
}
