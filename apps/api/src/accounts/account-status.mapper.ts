import type { AccountStatusReport, QuotaStatus } from '@threadline/core';
import { toAccountResponse } from './account.mapper';

const quotaOf = (q: QuotaStatus) => ({ limit: q.limit, used: q.used, reserved: q.reserved, remaining: q.remaining, resetAt: q.resetAt.toISOString() });

/** GET /v1/accounts/{id}/status: the account's status, plan and quota standing. */
export function toAccountStatusResponse(report: AccountStatusReport) {
  const account = toAccountResponse(report.account);
  return {
    success: true,
    accountId: account.id,
    status: account.status,
    statusReason: account.statusReason,
    holdUntil: account.holdUntil,
    checkedAt: report.account.statusCheckedAt?.toISOString() ?? null,
    linkedinPlan: { isPremium: report.account.isPremium, hasSalesNavigator: report.account.hasSalesNavigator, inmailCredits: report.account.inmailCredits },
    quota: { messages: quotaOf(report.quota.messages), inmails: quotaOf(report.quota.inmails) },
  };
}

/** The hosted API's vocabulary: AVAILABLE, WARMUP or ERROR, plus ours beside it. */
export function toHostedAccountStatusResponse(report: AccountStatusReport) {
  const ours = toAccountStatusResponse(report);
  const hosted = ours.status === 'active' ? 'AVAILABLE' : ours.status === 'warming' ? 'WARMUP' : 'ERROR';
  return { ...ours, status: hosted, accountStatus: ours.status, hasTokens: report.quota.messages.remaining > 0 };
}
