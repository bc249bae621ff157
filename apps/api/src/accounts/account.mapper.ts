import type { LinkedinAccountEntity } from '@threadline/core';

/** An account as the API shows it: never its cookies or proxy. */
export function toAccountResponse(account: LinkedinAccountEntity) {
  const onHold = account.holdUntil !== null && account.holdUntil > new Date();
  return {
    id: account.id,
    name: account.name,
    profileUrn: account.profileUrn,
    publicIdentifier: account.publicIdentifier,
    status: onHold ? 'on_hold' : account.status === 'on_hold' ? 'active' : account.status,
    statusReason: account.statusReason,
    holdUntil: onHold ? account.holdUntil!.toISOString() : null,
    hasSalesNavigator: account.hasSalesNavigator,
    isDefault: account.isDefault,
    userAgent: account.userAgent,
    baseUrl: account.baseUrl,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  };
}
