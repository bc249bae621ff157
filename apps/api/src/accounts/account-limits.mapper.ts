import type { AccountLimitsReport, ActionLimits, WindowLimits } from '@threadline/core';
import type { AccountLimitsResponse, ActionLimitsResponse, WindowLimitsResponse } from './account-limits.dto';
import { toAccountResponse } from './account.mapper';

const windowOf = (w: WindowLimits): WindowLimitsResponse => ({ limit: w.limit, used: w.used, reserved: w.reserved, remaining: w.remaining, resetAt: w.resetAt.toISOString() });
const actionOf = (a: ActionLimits): ActionLimitsResponse => ({ daily: windowOf(a.daily), weekly: a.weekly ? windowOf(a.weekly) : null, nextFreeSlot: a.nextFreeSlot?.toISOString() ?? null });

export function toAccountLimitsResponse(report: AccountLimitsReport): AccountLimitsResponse {
  const { limits } = report;
  const action = (kind: ActionLimits['action']) => actionOf(limits.actions.find((a) => a.action === kind)!);
  const warmup = limits.warmup;
  return {
    success: true,
    accountId: report.account.id,
    status: toAccountResponse(report.account).status,
    actions: { messages: action('message'), inmails: action('inmail'), invitations: action('invitation') },
    warmup: warmup ? { day: warmup.day, days: warmup.days, dailyCap: warmup.dailyCap, startCap: warmup.startCap, startedAt: warmup.startedAt.toISOString(), endsAt: warmup.endsAt.toISOString() } : null,
    hold: limits.hold ? { until: limits.hold.until.toISOString(), reason: limits.hold.reason } : null,
    invitationsHold: limits.invitationsHold ? { until: limits.invitationsHold.until.toISOString(), reason: limits.invitationsHold.reason } : null,
    checkedAt: report.at.toISOString(),
  };
}
