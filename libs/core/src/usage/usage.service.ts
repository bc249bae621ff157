import { Injectable, Logger } from '@nestjs/common';
import { AccountsRepository, UsageRepository, type UsageRow } from '@threadline/db';
import { DomainError } from '@threadline/domain';
import { isUUID } from 'class-validator';
import { DateTime } from 'luxon';
import type { AuthContext } from '../auth/auth-context';

export interface UsageQuery {
  from?: string;
  to?: string;
  accountId?: string;
}

export interface UsageReport {
  from: string;
  to: string;
  days: UsageRow[];
  totals: { messages: number; inmails: number; apiCalls: number };
}

const MAX_DAYS = 366;

/** What an operator bills from: sent messages, sent InMails and API calls per workspace, account and UTC day. */
@Injectable()
export class UsageService {
  private readonly logger = new Logger('UsageService');

  constructor(
    private readonly usage: UsageRepository,
    private readonly accounts: AccountsRepository,
  ) {}

  /** Counted after auth; a failed count never fails the request. */
  countApiCall(auth: AuthContext, accountId: string | undefined, at = new Date()): void {
    this.usage.countApiCall(auth.workspaceId, accountId ?? null, at).catch((err: unknown) => this.logger.warn({ err }, 'API call not counted'));
  }

  /** Days are UTC dates; `to` is inclusive; the default is the last 30 days. */
  async report(auth: AuthContext, query: UsageQuery): Promise<UsageReport> {
    const today = DateTime.utc().startOf('day');
    const to = query.to ? DateTime.fromISO(query.to, { zone: 'utc' }) : today;
    const from = query.from ? DateTime.fromISO(query.from, { zone: 'utc' }) : to.minus({ days: 29 });
    if (!from.isValid) throw new DomainError('VALIDATION_FAILED', 'from: must be a date (YYYY-MM-DD).', { field: 'from' });
    if (!to.isValid) throw new DomainError('VALIDATION_FAILED', 'to: must be a date (YYYY-MM-DD).', { field: 'to' });
    if (from > to) throw new DomainError('VALIDATION_FAILED', 'from: must not be after to.', { field: 'from' });
    if (to.diff(from, 'days').days > MAX_DAYS) throw new DomainError('VALIDATION_FAILED', `from: at most ${MAX_DAYS} days per report.`, { field: 'from' });
    const days = await this.usage.report(auth.workspaceId, from.toISODate()!, to.plus({ days: 1 }).toISODate()!, query.accountId);
    // A deleted account still has its billed days; an account that never was in this workspace is not found.
    if (query.accountId && days.length === 0 && !(isUUID(query.accountId) && (await this.accounts.findInWorkspace(auth.workspaceId, query.accountId)))) {
      throw new DomainError('ACCOUNT_NOT_FOUND', `No LinkedIn account ${query.accountId} in this workspace. List yours with GET /v1/accounts.`, { field: 'accountId' });
    }
    const totals = days.reduce((t, d) => ({ messages: t.messages + d.messages, inmails: t.inmails + d.inmails, apiCalls: t.apiCalls + d.apiCalls }), { messages: 0, inmails: 0, apiCalls: 0 });
    return { from: from.toISODate()!, to: to.toISODate()!, days, totals };
  }
}
