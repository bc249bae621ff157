import type { LinkedinAccountEntity } from '@threadline/core';
import type { AccountResponse } from './account-responses.dto';

/** An account as the API shows it: never its cookies or proxy. */
export function toAccountResponse(account: LinkedinAccountEntity): AccountResponse {
  const onHold = account.holdUntil !== null && account.holdUntil > new Date();
  return {
    id: account.id,
    name: account.name,
    externalId: account.externalId,
    profileUrn: account.profileUrn,
    publicIdentifier: account.publicIdentifier,
    status: onHold ? 'on_hold' : account.status === 'on_hold' ? 'active' : account.status,
    statusReason: account.statusReason,
    holdUntil: onHold ? account.holdUntil!.toISOString() : null,
    hasSalesNavigator: account.hasSalesNavigator,
    isDefault: account.isDefault,
    userAgent: account.userAgent,
    baseUrl: account.baseUrl,
    // Settings as stored (null: the server default); GET /v1/accounts/{id}/limits shows what they amount to today.
    dailyMessageCap: account.dailyMessageCap,
    warmupStartedAt: account.warmupStartedAt?.toISOString() ?? null,
    warmupDays: account.warmupDays,
    warmupStartCap: account.warmupStartCap,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  };
}
