import { Inject, Injectable } from '@nestjs/common';
import { type LinkedinAccountEntity, type QuotaKind, QuotaRepository, type QuotaWindow } from '@threadline/db';
import { DateTime } from 'luxon';
import type { CoreConfig } from '../config/config';
import { CORE_CONFIG } from '../tokens';
import { memberKeyOf } from './member-key';

/** What the X-RateLimit-* headers of a quota-spending response say. */
export interface QuotaStatus {
  action: QuotaKind;
  limit: number;
  used: number;
  remaining: number;
  resetAt: Date;
}

export type SlotDecision = { granted: true; status: QuotaStatus } | { granted: false; notBefore: Date; reason: 'quota' | 'hold'; status?: QuotaStatus };

/**
 * The quota ledger, shared by API sends and campaigns. Caps are per LinkedIn member, whichever
 * workspace holds the session: every account row of one member spends from, and reports, the same
 * count, each against its own cap (an account's `dailyMessageCap` bounds the member's total).
 */
@Injectable()
export class QuotaService {
  constructor(
    private readonly quota: QuotaRepository,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {}

  /** Daily windows reset at 00:00 UTC, weekly ones on Monday 00:00 UTC (as ConnectSafely's do). */
  windows(account: LinkedinAccountEntity, kind: QuotaKind, now: Date): QuotaWindow[] {
    const t = DateTime.fromJSDate(now, { zone: 'utc' });
    const day = { from: t.startOf('day').toJSDate(), resetAt: t.startOf('day').plus({ days: 1 }).toJSDate() };
    const week = { from: t.startOf('week').toJSDate(), resetAt: t.startOf('week').plus({ weeks: 1 }).toJSDate() };
    if (kind === 'inmail') return [{ kind, limit: this.config.DAILY_INMAIL_CAP, ...day }];
    return [
      { kind, limit: account.dailyMessageCap ?? this.config.DAILY_MESSAGE_CAP, ...day },
      { kind, limit: this.config.WEEKLY_MESSAGE_CAP, ...week },
    ];
  }

  /** Grants a send slot unless the account is on hold or out of quota; idempotent per operation. */
  async reserve(account: LinkedinAccountEntity, kind: QuotaKind, operationId: string, now = new Date()): Promise<SlotDecision> {
    if (account.holdUntil && account.holdUntil > now) return { granted: false, notBefore: account.holdUntil, reason: 'hold' };
    const result = await this.quota.reserve(account.workspaceId, account.id, this.memberKey(account), operationId, now, this.windows(account, kind, now));
    const status: QuotaStatus = { action: kind, limit: result.limit, used: result.used, remaining: Math.max(0, result.limit - result.used), resetAt: result.resetAt };
    return result.granted ? { granted: true, status } : { granted: false, notBefore: result.resetAt, reason: 'quota', status };
  }

  /** The tightest window's standing (the member's usage through all its accounts), for headers and account status. */
  async status(account: LinkedinAccountEntity, kind: QuotaKind, now = new Date()): Promise<QuotaStatus> {
    let tightest: QuotaStatus | null = null;
    for (const w of this.windows(account, kind, now)) {
      const used = await this.quota.usage(this.memberKey(account), w);
      const s: QuotaStatus = { action: kind, limit: w.limit, used, remaining: Math.max(0, w.limit - used), resetAt: w.resetAt };
      if (!tightest || s.remaining < tightest.remaining) tightest = s;
    }
    return tightest!;
  }

  /** The LinkedIn member the account's caps and pacing go by. */
  memberKey(account: LinkedinAccountEntity): string {
    return memberKeyOf(account, this.config.LINKEDIN_BASE_URL);
  }
}
