import { Injectable } from '@nestjs/common';
import type { LinkedinAccountEntity } from '@threadline/db';
import { AccountActionsService } from '../account-actions/account-actions.service';
import type { AuthContext } from '../auth/auth-context';
import { type AccountLimits, QuotaService, type QuotaStatus } from '../quota/quota.service';
import { AccountsService } from './accounts.service';

export interface AccountStatusReport {
  account: LinkedinAccountEntity;
  quota: { messages: QuotaStatus; inmails: QuotaStatus };
}

export interface AccountLimitsReport {
  account: LinkedinAccountEntity;
  limits: AccountLimits;
  at: Date;
}

/** An account's health: stored status, or freshly probed with LinkedIn through a Temporal activity. */
@Injectable()
export class AccountStatusService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly actions: AccountActionsService,
    private readonly quota: QuotaService,
  ) {}

  async status(auth: AuthContext, accountId: string | undefined, refresh: boolean): Promise<AccountStatusReport> {
    let account = await this.accounts.resolve(auth, accountId);
    if (refresh) {
      await this.actions.runFor(account, { type: 'check_status' });
      account = await this.accounts.get(auth, account.id);
    }
    const now = new Date();
    const [messages, inmails] = await Promise.all([this.quota.status(account, 'message', now), this.quota.status(account, 'inmail', now)]);
    return { account, quota: { messages, inmails } };
  }

  /** Every action's budget (used, reserved, remaining, next free slot), the warm-up stage and the hold, from the ledger. */
  async limits(auth: AuthContext, accountId: string): Promise<AccountLimitsReport> {
    const account = await this.accounts.get(auth, accountId);
    const at = new Date();
    return { account, limits: await this.quota.limits(account, at), at };
  }
}
