import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { AccountsRepository, type ApiCallCount, UsageRepository, type UsageRow } from '@threadline/db';
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
/** How long API-call counts wait in memory before one batched upsert (a replica's unflushed counts are at most this old). */
export const USAGE_FLUSH_INTERVAL_MS = 2_000;

/** What an operator bills from: sent messages, sent InMails and API calls per workspace, account and UTC day. */
@Injectable()
export class UsageService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('UsageService');
  /** Unflushed API calls by workspace, account and day. */
  private pending = new Map<string, ApiCallCount>();
  /** The flush under way, so that flushes never overlap and a report waits for the one before it. */
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly usage: UsageRepository,
    private readonly accounts: AccountsRepository,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), USAGE_FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  // Before TypeORM closes its pool (it does so in onApplicationShutdown).
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /**
   * Counted after auth, in memory: a request costs no query and no row lock. The counts reach
   * api_usage_daily in one batched upsert every USAGE_FLUSH_INTERVAL_MS, before every report and at
   * shutdown; a failed flush keeps them for the next one and never fails a request.
   */
  countApiCall(auth: AuthContext, accountId: string | undefined, at = new Date()): void {
    const day = at.toISOString().slice(0, 10);
    const key = `${auth.workspaceId}|${accountId ?? ''}|${day}`;
    const count = this.pending.get(key);
    if (count) count.calls += 1;
    else this.pending.set(key, { workspaceId: auth.workspaceId, accountId: accountId ?? null, day, calls: 1 });
  }

  /** Writes the buffered counts; resolves once every call counted before it is stored (or kept after a failure). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.pending.size === 0) return;
      const batch = this.pending;
      this.pending = new Map();
      try {
        await this.usage.addApiCalls([...batch.values()]);
      } catch (err) {
        this.logger.warn({ err, counts: batch.size }, 'API calls not counted yet; kept for the next flush');
        for (const [key, count] of batch) {
          const later = this.pending.get(key);
          if (later) later.calls += count.calls;
          else this.pending.set(key, count);
        }
      }
    });
    return this.flushing;
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
    // This replica's unflushed calls are written first, so the report counts them.
    await this.flush();
    const days = await this.usage.report(auth.workspaceId, from.toISODate()!, to.plus({ days: 1 }).toISODate()!, query.accountId);
    // A deleted account still has its billed days; an account that never was in this workspace is not found.
    if (query.accountId && days.length === 0 && !(isUUID(query.accountId) && (await this.accounts.findInWorkspace(auth.workspaceId, query.accountId)))) {
      throw new DomainError('ACCOUNT_NOT_FOUND', `No LinkedIn account ${query.accountId} in this workspace. List yours with GET /v1/accounts.`, { field: 'accountId' });
    }
    const totals = days.reduce((t, d) => ({ messages: t.messages + d.messages, inmails: t.inmails + d.inmails, apiCalls: t.apiCalls + d.apiCalls }), { messages: 0, inmails: 0, apiCalls: 0 });
    return { from: from.toISODate()!, to: to.toISODate()!, days, totals };
  }
}
