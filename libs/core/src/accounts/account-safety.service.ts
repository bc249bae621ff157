import { Inject, Injectable } from '@nestjs/common';
import { AccountsRepository, type ReconcileResult } from '@threadline/db';
import type { CoreConfig } from '../config/config';
import { QuotaService } from '../quota/quota.service';
import { CORE_CONFIG } from '../tokens';
import { restingStatus, warmupOf } from './account-standing';
import { AccountStatusEvents } from './account-status-events';

/** What one sweep did. */
export interface SweepResult {
  holdsEnded: number;
  warmupsStarted: number;
  warmupsEnded: number;
  reservations: ReconcileResult;
}

const BATCH = 200;
const DAY_MS = 86_400_000;

/**
 * The worker's periodic safety job: ends holds that are over, starts the warm-up of long-dormant accounts
 * and ends finished ones (each announced with `account.status_changed`, and the account's runs re-plan),
 * and settles reserved units that crashes left behind. Every step is a guarded update, so several workers
 * may sweep at once and each change is announced once.
 */
@Injectable()
export class AccountSafetyService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly quota: QuotaService,
    private readonly events: AccountStatusEvents,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {}

  /** One pass; `now` is the clock (tests step it days forward). */
  async sweep(now = new Date()): Promise<SweepResult> {
    return {
      holdsEnded: await this.endHolds(now),
      warmupsEnded: await this.endWarmups(now),
      warmupsStarted: await this.startDormantWarmups(now),
      reservations: await this.quota.settleExpired(now),
    };
  }

  /** Holds that are over (LinkedIn's or manual): back to active, or warming during a ramp, with the reason cleared. */
  async endHolds(now: Date): Promise<number> {
    let ended = 0;
    for (const account of await this.accounts.findEndedHolds(now, BATCH)) {
      const to = restingStatus({ ...account, holdUntil: null }, this.config, now);
      if (!(await this.accounts.endHold(account.workspaceId, account.id, now, to))) continue;
      ended++;
      await this.events.statusChanged({ workspaceId: account.workspaceId, accountId: account.id, from: 'on_hold', to, reason: null, holdUntil: null, at: now });
    }
    return ended;
  }

  /** Warming accounts whose ramp is over turn active by themselves (every warming account is looked at, page by page). */
  async endWarmups(now: Date): Promise<number> {
    let ended = 0;
    for (let afterId: string | null = null; ;) {
      const page = await this.accounts.listWithStatus('warming', afterId, BATCH);
      for (const account of page) {
        if (warmupOf(account, this.config, now)) continue;
        if (!(await this.accounts.moveStatus(account.workspaceId, account.id, 'warming', 'active'))) continue;
        ended++;
        await this.events.statusChanged({ workspaceId: account.workspaceId, accountId: account.id, from: 'warming', to: 'active', reason: null, holdUntil: account.holdUntil, at: now });
      }
      if (page.length < BATCH) return ended;
      afterId = page[page.length - 1]!.id;
    }
  }

  /** Active accounts that sent nothing for WARMUP_DORMANT_DAYS warm up again from today. */
  async startDormantWarmups(now: Date): Promise<number> {
    let started = 0;
    const before = new Date(now.getTime() - this.config.WARMUP_DORMANT_DAYS * DAY_MS);
    for (const account of await this.accounts.findDormant(before, this.config.WARMUP_DAYS, BATCH)) {
      if (!warmupOf({ ...account, warmupStartedAt: now }, this.config, now)) continue;
      if (!(await this.accounts.moveStatus(account.workspaceId, account.id, 'active', 'warming', { warmupStartedAt: now, statusReason: null }))) continue;
      started++;
      await this.events.statusChanged({ workspaceId: account.workspaceId, accountId: account.id, from: 'active', to: 'warming', reason: null, holdUntil: account.holdUntil, at: now });
    }
    return started;
  }
}
