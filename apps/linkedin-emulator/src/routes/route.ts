import type { EmulatorApp } from '../app';
import type { RequestContext } from '../protocol/http';
import type { Account } from '../state/types';

/**
 * How a route authenticates:
 * session = cookies + csrf-token; salesNav = session + li_a; cookie = li_at only (media);
 * csrfOnly = cookies + csrf but the handler copes with dead sessions; none = public.
 */
export type AuthKind = 'session' | 'salesNav' | 'cookie' | 'none';

export interface Route {
  /** Name used by faults and request counts. */
  name: string;
  /** Faults may also target the group (e.g. `salesNav`). */
  group?: string;
  auth: AuthKind;
  /** The request it models, as the README's route table shows it (generated from these fields). */
  request: string;
  /** What it answers, for the same table. */
  answer: string;
  match(ctx: RequestContext): boolean;
  handle(ctx: RequestContext, app: EmulatorApp, account: Account | undefined): void | Promise<void>;
}

export const VOYAGER = '/voyager/api';

export function isPost(ctx: RequestContext, path: string, action?: string): boolean {
  return ctx.method === 'POST' && ctx.path === path && (action === undefined || ctx.query('action') === action);
}

/** A route whose handler always gets an account (auth already passed). */
export function authed(
  def: Omit<Route, 'handle'> & { handle(ctx: RequestContext, app: EmulatorApp, account: Account): void | Promise<void> },
): Route {
  return {
    ...def,
    handle: (ctx, app, account) => {
      if (!account) throw new Error(`route ${def.name} needs an account`);
      return def.handle(ctx, app, account);
    },
  };
}
