import { createHash } from 'node:crypto';

/**
 * The key a LinkedIn member's caps and pacing go by, whichever workspace holds the session: a short
 * hash of the LinkedIn the account lives on and its profile URN. It is an id, not a secret, and it
 * names no one: it appears in Temporal (fairness key) and in the quota ledger, never in API answers.
 * The member-quota migration computes the same formula in SQL; keep them in step.
 */
export function linkedinMemberKey(baseUrl: string, profileUrn: string): string {
  const digest = createHash('sha256').update(`${baseUrl.replace(/\/+$/, '')}|${profileUrn}`, 'utf8').digest('hex');
  return `member:${digest.slice(0, 16)}`;
}

/** The member key of an account row; an account without a base URL is on the deployment's LINKEDIN_BASE_URL. */
export function memberKeyOf(account: { baseUrl: string | null; profileUrn: string }, defaultBaseUrl: string): string {
  return linkedinMemberKey(account.baseUrl ?? defaultBaseUrl, account.profileUrn);
}
