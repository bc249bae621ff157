import { graphqlQueryString, PATHS, type QueryIds, type RestliValue } from './wire';
import { LinkedInError } from './linkedin-error';
import { PROFILES } from './build-headers';
import type { VoyagerHttp } from './voyager-http';

/** What every operation needs: the transport, query ids, and the owner's mailbox URN. */
export interface ClientContext {
  http: VoyagerHttp;
  queryIds: QueryIds;
  mailboxUrn(): Promise<string>;
  now(): number;
}

/** One messaging GraphQL read; returns `data[field]`, throwing when it is absent. */
export async function graphqlRead<T>(
  ctx: ClientContext,
  queryId: string,
  variables: { [key: string]: RestliValue | null | undefined },
  field: string,
  signal?: AbortSignal,
): Promise<T> {
  const path = `${PATHS.messagingGraphql}?${graphqlQueryString(queryId, variables)}`;
  const body = await ctx.http.json<{ data?: Record<string, unknown> | null }>({
    method: 'GET',
    path,
    profile: PROFILES.messagingGraphql,
    signal,
  });
  const value = body?.data?.[field];
  if (value === undefined || value === null) {
    throw new LinkedInError('unknown', `LinkedIn's answer to ${queryId.split('.')[0]} has no ${field}; the query id may be stale, refresh it from the web app.`, {
      reason: 'bad_response',
    });
  }
  return value as T;
}
