import {
  ACTIONS,
  PATHS,
  SALES_NAV_INMAIL_CREDIT_GRANT,
  SALES_NAV_THREAD_DECORATION,
  SALES_PROFILE_DECORATION,
  encodeRestliString,
  type SalesProfileResponse,
  type SalesNavCreateMessageRequest,
  type SalesNavCreateMessageResponse,
  type SalesNavThread,
  type SalesNavThreadsResponse,
} from './wire';
import { PROFILES } from './build-headers';
import type { ClientContext } from './client-context';
import { LinkedInError } from './linkedin-error';
import { isValidTrackingId, mintTrackingId } from './tracking-id';
import type {
  InmailCredits,
  SalesNavListThreadsInput,
  SalesNavSendMessageInput,
  SalesNavSentMessage,
  SalesNavThreadsPage,
  SendInmailInput,
} from './types';

const DECORATION = encodeRestliString(SALES_NAV_THREAD_DECORATION);

/** Throws invalid_request unless the session has the Sales Navigator `li_a` cookie. */
export function requireSalesNavigator(ctx: ClientContext, what: string): void {
  if (!ctx.http.session.liA) {
    throw new LinkedInError('invalid_request', `${what} needs Sales Navigator: reconnect the account with its li_a cookie.`, { reason: 'sales_navigator_required' });
  }
}

/** One page of threads; the next page starts at the last thread's `nextPageStartsAt`. */
export async function salesNavListThreads(ctx: ClientContext, input: SalesNavListThreadsInput = {}): Promise<SalesNavThreadsPage> {
  requireSalesNavigator(ctx, 'Listing Sales Navigator threads');
  const path =
    `${PATHS.salesThreads}?decoration=${DECORATION}&count=${input.count ?? 20}&filter=${input.filter ?? 'INBOX'}` +
    `&pageStartsAt=${input.pageStartsAt ?? ctx.now()}&q=filter`;
  const body = await ctx.http.json<SalesNavThreadsResponse & { data?: SalesNavThreadsResponse }>({ method: 'GET', path, profile: PROFILES.salesNavigator });
  const threads = body?.elements ?? body?.data?.elements ?? [];
  const last = threads[threads.length - 1];
  return { threads, nextPageStartsAt: last?.nextPageStartsAt ?? undefined };
}

/** One thread with its latest messages. */
export async function salesNavGetThread(ctx: ClientContext, threadId: string): Promise<SalesNavThread> {
  requireSalesNavigator(ctx, 'Reading a Sales Navigator thread');
  const path = `${PATHS.salesThreads}/${encodeRestliString(threadId)}?decoration=${DECORATION}&count=1&messageCount=10`;
  const body = await ctx.http.json<SalesNavThread & { data?: SalesNavThread }>({ method: 'GET', path, profile: PROFILES.salesNavigator });
  const thread = body?.data ?? body;
  if (!thread?.id) throw new LinkedInError('not_found', `Sales Navigator has no thread ${threadId}.`);
  return thread;
}

/** Reply (`threadId`) or new InMail (`recipients` + `subject`); never retried here. */
export async function salesNavSendMessage(ctx: ClientContext, input: SalesNavSendMessageInput): Promise<SalesNavSentMessage> {
  requireSalesNavigator(ctx, 'Sending through Sales Navigator');
  if (!input.threadId && !(input.recipients?.length ?? 0)) {
    throw new LinkedInError('invalid_request', 'A Sales Navigator message needs a threadId (reply) or recipients (new InMail).');
  }
  if (input.trackingId !== undefined && !isValidTrackingId(input.trackingId)) {
    throw new LinkedInError('invalid_request', 'trackingId must be exactly 16 characters, each at most U+00FF.');
  }
  const json: SalesNavCreateMessageRequest = {
    createMessageRequest: {
      body: input.body,
      ...(input.subject ? { subject: input.subject } : {}),
      ...(input.threadId ? { threadId: input.threadId } : { recipients: [...(input.recipients ?? [])] }),
      copyToCrm: false,
      trackingId: input.trackingId ?? mintTrackingId(),
    },
  };
  const body = await ctx.http.json<SalesNavCreateMessageResponse>({
    method: 'POST',
    path: `${PATHS.salesMessageActions}?action=${ACTIONS.createMessage}`,
    profile: PROFILES.salesNavigatorWrite,
    json,
  });
  const value = body?.value ?? body?.data?.value;
  if (!value?.threadId) throw new LinkedInError('unknown', 'Sales Navigator accepted the message but answered without ids; check the thread before retrying.', { reason: 'bad_response' });
  return { messageId: value.messageId, threadId: value.threadId };
}

/** markAsRead / markAsUnread on one thread (no body). */
export async function salesNavMarkRead(ctx: ClientContext, threadId: string, read: boolean): Promise<void> {
  requireSalesNavigator(ctx, 'Marking a Sales Navigator thread');
  const action = read ? ACTIONS.markAsRead : ACTIONS.markAsUnread;
  await ctx.http.text({ method: 'POST', path: `${PATHS.salesThreads}/${encodeRestliString(threadId)}?action=${action}`, profile: PROFILES.salesNavigator });
}

/** InMail credits of the seat; `available` sums the grants' remaining counts. */
export async function salesNavInmailCredits(ctx: ClientContext): Promise<InmailCredits> {
  requireSalesNavigator(ctx, 'Reading InMail credits');
  const path = `${PATHS.salesCredits}?q=findCreditGrant&creditGrantType=${SALES_NAV_INMAIL_CREDIT_GRANT}`;
  const raw = await ctx.http.json<unknown>({ method: 'GET', path, profile: PROFILES.salesNavigator });
  return { available: availableCredits(raw), raw };
}

/**
 * A member (`urn:li:fsd_profile:ACoAA…` or its id) → its Sales Navigator profile URN, which InMail addresses:
 * `GET /sales-api/salesApiProfiles/(profileId:<id>,authType:NAME_SEARCH)?decoration=…` (recorded with its sources in docs/linkedin-protocol-notes.md).
 */
export async function salesNavProfileOf(ctx: ClientContext, profileUrnOrId: string): Promise<string> {
  requireSalesNavigator(ctx, 'Resolving a Sales Navigator profile');
  const id = profileUrnOrId.startsWith('urn:li:fsd_profile:') ? profileUrnOrId.slice('urn:li:fsd_profile:'.length) : profileUrnOrId;
  const path = `${PATHS.salesProfiles}/(profileId:${encodeRestliString(id)},authType:NAME_SEARCH)?decoration=${encodeURIComponent(SALES_PROFILE_DECORATION)}`;
  const body = await ctx.http.json<SalesProfileResponse>({ method: 'GET', path, profile: PROFILES.salesNavigator });
  const urn = body?.entityUrn ?? body?.data?.entityUrn;
  if (!urn?.startsWith('urn:li:fs_salesProfile:')) {
    throw new LinkedInError('unknown', 'Sales Navigator answered the profile lookup without a fs_salesProfile URN.', { reason: 'bad_response' });
  }
  return urn;
}

/** InMail through Sales Navigator; classic Premium InMail's wire format is unknown, so it is refused. */
export async function sendInmail(ctx: ClientContext, input: SendInmailInput): Promise<SalesNavSentMessage> {
  if (!ctx.http.session.liA) {
    throw new LinkedInError(
      'invalid_request',
      'InMail is sent through Sales Navigator, and this account has no li_a cookie. Classic Premium InMail is not supported (its wire format is unknown); connect a Sales Navigator seat.',
      { reason: 'sales_navigator_required' },
    );
  }
  // A plain fsd_profile URN as recipient is our inference; the sales profile URN is what the web app sends.
  const recipient = input.recipientSalesProfileUrn ?? input.profileUrn;
  if (!recipient) throw new LinkedInError('invalid_request', 'An InMail needs recipientSalesProfileUrn or profileUrn.');
  if (!input.subject) throw new LinkedInError('invalid_request', 'An InMail needs a subject.');
  return salesNavSendMessage(ctx, { recipients: [recipient], subject: input.subject, body: input.body });
}

function availableCredits(raw: unknown): number | undefined {
  const elements = (raw as { elements?: unknown[]; data?: { elements?: unknown[] } } | undefined)?.elements ??
    (raw as { data?: { elements?: unknown[] } } | undefined)?.data?.elements;
  if (!Array.isArray(elements)) return undefined;
  const counts = elements
    .map((g) => (g as { remaining?: unknown; value?: unknown }) ?? {})
    .map((g) => (typeof g.remaining === 'number' ? g.remaining : typeof g.value === 'number' ? g.value : undefined))
    .filter((n): n is number => n !== undefined);
  return counts.length === 0 ? undefined : counts.reduce((a, b) => a + b, 0);
}
