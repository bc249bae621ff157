import { isLinkedInError, type LinkedInClient, type LinkedInMe } from '@threadline/linkedin';

/** What LinkedIn says about a session. */
export interface VerifiedSession {
  me: LinkedInMe;
  /** The account fields every check stores: connect, update and the status check alike. */
  plan: { hasSalesNavigator: boolean; inmailCredits: number | null; statusCheckedAt: Date };
}

// A seat check that failed for these reasons says nothing about the seat: the whole check fails, to be retried.
const INCONCLUSIVE = ['temporary', 'rate_limited'];

/**
 * The one check of a session with LinkedIn: who it is (/me), then, when it carries li_a, its Sales
 * Navigator seat, read as the seat's InMail credits. A seat LinkedIn refuses is no seat; LinkedIn's
 * failures are thrown as they come, for the caller to answer (API) or apply to the account (status check).
 */
export async function verifySession(client: LinkedInClient, now = new Date()): Promise<VerifiedSession> {
  const me = await client.me();
  if (!client.hasSalesNavigatorCookie()) return { me, plan: { hasSalesNavigator: false, inmailCredits: null, statusCheckedAt: now } };
  try {
    const credits = await client.salesNavInmailCredits();
    return { me, plan: { hasSalesNavigator: true, inmailCredits: credits.available ?? null, statusCheckedAt: now } };
  } catch (err) {
    if (!isLinkedInError(err) || INCONCLUSIVE.includes(err.code)) throw err;
    return { me, plan: { hasSalesNavigator: false, inmailCredits: null, statusCheckedAt: now } };
  }
}
