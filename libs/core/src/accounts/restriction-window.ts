/** A write LinkedIn refused with a plain 403, by what it wrote to (a conversation, or the recipients of a new one). */
export interface ForbiddenWrite {
  entityUrn: string;
  at: Date;
}

/** How many different conversations must refuse writes, within how long, before the account counts as restricted. */
export interface RestrictionWindow {
  distinctEntities: number;
  windowMs: number;
}

/**
 * Reference §7.4: "repeated 403s on writes" mean restriction. One refused conversation (or the same one
 * refused again) is that conversation's problem; three different ones within 30 minutes is the account's.
 */
export const RESTRICTION_WINDOW: RestrictionWindow = { distinctEntities: 3, windowMs: 30 * 60_000 };

/** Whether these refused writes (any order, any age) mean the account is restricted at `now`. */
export function restrictedByForbiddenWrites(writes: readonly ForbiddenWrite[], now: Date, window: RestrictionWindow = RESTRICTION_WINDOW): boolean {
  const since = now.getTime() - window.windowMs;
  const entities = new Set(writes.filter((w) => w.at.getTime() > since && w.at.getTime() <= now.getTime()).map((w) => w.entityUrn));
  return entities.size >= window.distinctEntities;
}

/** The status reason of a restriction Threadline inferred from refused writes (LinkedIn showed no notice). */
export const INFERRED_RESTRICTION_REASON =
  `LinkedIn refused writes into ${RESTRICTION_WINDOW.distinctEntities} different conversations within ${RESTRICTION_WINDOW.windowMs / 60_000} minutes (403)`;

/**
 * Whether a successful read proves a restriction gone. LinkedIn shows its restriction notice to every
 * request of a restricted session, so a read that succeeds clears a restriction LinkedIn signalled (or
 * one set by mistake); one inferred from refused writes says nothing about reads, so only a status
 * refresh (a person resuming the account) clears it.
 */
export function readsClearRestriction(statusReason: string | null): boolean {
  return statusReason !== INFERRED_RESTRICTION_REASON;
}
