import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { QuotaKind } from '../entities/quota-reservation.entity';

export interface QuotaWindow {
  kind: QuotaKind;
  limit: number;
  /** Start of the window (inclusive) and its end, when the window's oldest unit frees up. */
  from: Date;
  resetAt: Date;
  /**
   * A rolling window (`from` = now minus this): its oldest stored unit frees up this long after it was
   * delivered, so that is its `resetAt` in the standing (the given `resetAt` only bounds the count).
   */
  rollingMs?: number;
}

/** A window's standing: units LinkedIn stored in it (`used`) and units reserved for sends still under way. */
export interface WindowStanding {
  limit: number;
  used: number;
  reserved: number;
  from: Date;
  resetAt: Date;
  /** The earliest expiry among the member's pending units: when a unit left behind by a crash frees up at the latest. */
  pendingExpiresAt: Date | null;
}

export interface ReserveResult {
  granted: boolean;
  /** Each window as it stands after the decision (a granted new unit is counted as reserved). */
  windows: WindowStanding[];
}

/** Refused: the holder's last booking, LinkedIn's last answer, and the send in flight (with its start), as read at the statement's start. */
export type DeliveryClaimResult = { granted: true } | { granted: false; claimedAt: Date | null; doneAt: Date | null; inFlightSince: Date | null };

/** What the reconciler did with pending units whose time ran out. */
export interface ReconcileResult {
  committed: number;
  expired: number;
}

/** Units counted in a window: the ones LinkedIn stored in it, and every pending one (it may land now). */
const STANDING = `
  SELECT w.n, w.from_at AS "from", w.reset_at AS "resetAt", w.lim AS "limit",
    (SELECT count(*) FROM quota_reservations r WHERE r.member_key = $1 AND r.kind = $2 AND r.status = 'committed'
       AND r.delivered_at >= w.from_at AND r.delivered_at < w.reset_at)::int AS used,
    (SELECT count(*) FROM quota_reservations r WHERE r.member_key = $1 AND r.kind = $2 AND r.status = 'pending')::int AS reserved,
    (SELECT min(r.expires_at) FROM quota_reservations r WHERE r.member_key = $1 AND r.kind = $2 AND r.status = 'pending') AS "pendingExpiresAt",
    (SELECT min(r.delivered_at) FROM quota_reservations r WHERE r.member_key = $1 AND r.kind = $2 AND r.status = 'committed'
       AND r.delivered_at >= w.from_at AND r.delivered_at < w.reset_at) AS "oldestAt"
  FROM unnest($3::timestamptz[], $4::timestamptz[], $5::int[]) WITH ORDINALITY AS w(from_at, reset_at, lim, n)`;

/** The lead and step of a lead step's operation id (`lead:<campaignId>:<leadId>:step-<n>`, see leadStepOperationId). */
const LEAD_OF_OPERATION = `substring(d.operation_id from '^lead:[^:]+:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):step-[0-9]+$')::uuid`;
const STEP_OF_OPERATION = `substring(d.operation_id from '^lead:.*:step-([0-9]+)$')`;

type StandingRow = WindowStanding & { n: string; oldestAt: Date | null };

/**
 * The quota ledger of LinkedIn members: one unit per send operation, counted per member (every account
 * row of the member, in any workspace, counts together), reserved before a send and settled by it.
 */
@Injectable()
export class QuotaRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Reserves one unit for an operation if every window has room: one statement under the member's lock.
   * The same operation is granted again without spending twice while its unit is pending or committed
   * (a pending unit's time to live starts again); a released or expired one is reserved afresh.
   */
  async reserve(input: { workspaceId: string; accountId: string; memberKey: string; kind: QuotaKind; operationId: string; now: Date; expiresAt: Date; windows: QuotaWindow[] }): Promise<ReserveResult> {
    const { windows } = input;
    return this.ds.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`quota:${input.memberKey}`]);
      const rows: Array<StandingRow & { granted: boolean; inserted: boolean }> = await m.query(
        `WITH standing AS (${STANDING}),
         mine AS (SELECT status FROM quota_reservations WHERE operation_id = $6),
         decision AS (
           SELECT EXISTS (SELECT 1 FROM mine WHERE status IN ('pending', 'committed')) AS held,
                  coalesce((SELECT bool_and(used + reserved < "limit") FROM standing), true) AS fits),
         reserved AS (
           INSERT INTO quota_reservations (workspace_id, account_id, member_key, kind, operation_id, status, reserved_at, expires_at)
           SELECT $7::uuid, $8::uuid, $1::text, $2::text, $6::text, 'pending', $9::timestamptz, $10::timestamptz FROM decision WHERE NOT held AND fits
           ON CONFLICT (operation_id) DO UPDATE SET workspace_id = EXCLUDED.workspace_id, account_id = EXCLUDED.account_id, member_key = EXCLUDED.member_key,
             kind = EXCLUDED.kind, status = 'pending', reserved_at = EXCLUDED.reserved_at, expires_at = EXCLUDED.expires_at, delivered_at = NULL, settled_at = NULL
           WHERE quota_reservations.status IN ('released', 'expired')
           RETURNING 1),
         -- The same operation asking again is alive: its time to live starts again.
         refreshed AS (
           UPDATE quota_reservations SET expires_at = $10::timestamptz WHERE operation_id = $6 AND status = 'pending' AND (SELECT held FROM decision))
         SELECT s.*, d.held OR EXISTS (SELECT 1 FROM reserved) AS granted, EXISTS (SELECT 1 FROM reserved) AS inserted
         FROM standing s, decision d ORDER BY s.n`,
        [input.memberKey, input.kind, windows.map((w) => w.from), windows.map((w) => w.resetAt), windows.map((w) => w.limit),
          input.operationId, input.workspaceId, input.accountId, input.now, input.expiresAt],
      );
      const granted = rows[0]?.granted ?? false;
      const inserted = rows[0]?.inserted ?? false;
      return { granted, windows: rows.map((r, i) => ({ ...standingOf(r, windows[i]), reserved: r.reserved + (inserted ? 1 : 0) })) };
    });
  }

  /** Each window's standing for a member, in the order given. */
  async standing(memberKey: string, kind: QuotaKind, windows: QuotaWindow[]): Promise<WindowStanding[]> {
    const rows: StandingRow[] = await this.ds.query(`${STANDING} ORDER BY w.n`, [memberKey, kind, windows.map((w) => w.from), windows.map((w) => w.resetAt), windows.map((w) => w.limit)]);
    return rows.map((r, i) => standingOf(r, windows[i]));
  }

  /**
   * LinkedIn stored the operation's message: its unit counts on the day it was delivered, whatever became
   * of it before (a unit expired or released by mistake counts again: the send happened). A success also
   * resets the account's hold level and is its latest send. True when this call committed it.
   */
  async commit(workspaceId: string, operationId: string, deliveredAt: Date, now: Date): Promise<boolean> {
    const [row]: Array<{ committed: number }> = await this.ds.query(
      `WITH settled AS (
         UPDATE quota_reservations SET status = 'committed', delivered_at = $3, expires_at = NULL, settled_at = $4
         WHERE workspace_id = $1 AND operation_id = $2 AND status <> 'committed' RETURNING account_id, delivered_at),
       accounts AS (
         UPDATE linkedin_accounts a SET hold_level = 0, last_sent_at = GREATEST(a.last_sent_at, s.delivered_at) FROM settled s WHERE a.id = s.account_id)
       SELECT count(*)::int AS committed FROM settled`,
      [workspaceId, operationId, deliveredAt, now],
    );
    return (row?.committed ?? 0) > 0;
  }

  /** The operation ended without a send: its pending unit stops counting. A release after a commit, or twice, does nothing. */
  async release(workspaceId: string, operationId: string, now: Date): Promise<boolean> {
    const [, affected] = (await this.ds.query(
      `UPDATE quota_reservations SET status = 'released', expires_at = NULL, settled_at = $3 WHERE workspace_id = $1 AND operation_id = $2 AND status = 'pending'`,
      [workspaceId, operationId, now],
    )) as [unknown, number];
    return affected > 0;
  }

  /** Deletes an operation's released unit: a request answered 4xx leaves no row behind (a released unit never counts anyway). */
  async forget(workspaceId: string, operationId: string): Promise<void> {
    await this.ds.query(`DELETE FROM quota_reservations WHERE workspace_id = $1 AND operation_id = $2 AND status = 'released'`, [workspaceId, operationId]);
  }

  /** Releases every pending unit of operations whose id starts with `prefix` (the steps of one lead run that ended). */
  async releaseByPrefix(workspaceId: string, prefix: string, now: Date): Promise<number> {
    const [, affected] = (await this.ds.query(
      `UPDATE quota_reservations SET status = 'released', expires_at = NULL, settled_at = $3
       WHERE status = 'pending' AND workspace_id = $1 AND starts_with(operation_id, $2)`,
      [workspaceId, prefix, now],
    )) as [unknown, number];
    return affected;
  }

  /**
   * The member's delivery turn for an operation, in one statement. `book` (before typing): granted when the
   * operation holds the last booking, or `gapMs` has passed since that booking and since LinkedIn last answered.
   * `send` (right before LinkedIn is called): granted when no other send of the member is in flight (one in flight
   * longer than `inFlightMs` has died) and `gapMs` has passed since LinkedIn last answered; the send is then in
   * flight until `deliveryDone`. Either also starts the operation's pending unit's time to live again (`expiresAt`).
   */
  async claimDelivery(input: { workspaceId: string; memberKey: string; operationId: string; now: Date; gapMs: number; inFlightMs: number; expiresAt: Date; mode: 'book' | 'send' }): Promise<DeliveryClaimResult> {
    const gap = `$4::double precision * interval '1 millisecond'`;
    const claim = input.mode === 'book'
      ? `INSERT INTO member_pacing AS p (member_key, operation_id, claimed_at) VALUES ($1, $2, $3)
         ON CONFLICT (member_key) DO UPDATE SET operation_id = EXCLUDED.operation_id,
           claimed_at = CASE WHEN p.operation_id = EXCLUDED.operation_id THEN GREATEST(p.claimed_at, EXCLUDED.claimed_at) ELSE EXCLUDED.claimed_at END
         WHERE p.operation_id = EXCLUDED.operation_id
           OR (p.claimed_at + ${gap} <= EXCLUDED.claimed_at AND (p.done_at IS NULL OR p.done_at + ${gap} <= EXCLUDED.claimed_at))
         RETURNING 1`
      : `INSERT INTO member_pacing AS p (member_key, operation_id, claimed_at, in_flight_operation_id, in_flight_since) VALUES ($1, $2, $3, $2, $3)
         ON CONFLICT (member_key) DO UPDATE SET in_flight_operation_id = EXCLUDED.operation_id, in_flight_since = EXCLUDED.claimed_at
         WHERE (p.in_flight_operation_id IS NULL OR p.in_flight_operation_id = EXCLUDED.operation_id
                OR p.in_flight_since + $7::double precision * interval '1 millisecond' <= EXCLUDED.claimed_at)
           AND (p.done_at IS NULL OR p.done_at + ${gap} <= EXCLUDED.claimed_at)
         RETURNING 1`;
    const [row]: Array<{ granted: boolean; claimedAt: Date | null; doneAt: Date | null; inFlightSince: Date | null }> = await this.ds.query(
      `WITH claim AS (${claim}),
       touched AS (
         UPDATE quota_reservations SET expires_at = $6 WHERE workspace_id = $5 AND operation_id = $2 AND status = 'pending'),
       holder AS (SELECT claimed_at, done_at, in_flight_since FROM member_pacing WHERE member_key = $1)
       SELECT EXISTS (SELECT 1 FROM claim) AS granted, (SELECT claimed_at FROM holder) AS "claimedAt", (SELECT done_at FROM holder) AS "doneAt",
         (SELECT in_flight_since FROM holder) AS "inFlightSince"`,
      [input.memberKey, input.operationId, input.now, input.gapMs, input.workspaceId, input.expiresAt, ...(input.mode === 'send' ? [input.inFlightMs] : [])],
    );
    return row?.granted ? { granted: true } : { granted: false, claimedAt: row?.claimedAt ?? null, doneAt: row?.doneAt ?? null, inFlightSince: row?.inFlightSince ?? null };
  }

  /** LinkedIn answered the operation's send (or it ended without one): it is no longer in flight, and the member's next send counts its gap from `at`. */
  async deliveryDone(operationId: string, at: Date): Promise<void> {
    await this.ds.query(
      `UPDATE member_pacing SET done_at = GREATEST(COALESCE(done_at, $2), $2), in_flight_operation_id = NULL, in_flight_since = NULL WHERE in_flight_operation_id = $1`,
      [operationId, at],
    );
  }

  /** When the member's last send was booked, and when LinkedIn last answered one (each null when never). */
  async lastDelivery(memberKey: string): Promise<{ claimedAt: Date | null; doneAt: Date | null }> {
    const [row]: Array<{ claimed_at: Date; done_at: Date | null }> = await this.ds.query('SELECT claimed_at, done_at FROM member_pacing WHERE member_key = $1', [memberKey]);
    return { claimedAt: row?.claimed_at ?? null, doneAt: row?.done_at ?? null };
  }

  /**
   * Settles up to `limit` pending units whose time to live ran out (left behind by a crash): committed when
   * their operation produced a stored send (an API send's `messages` row, a lead step's `sent` event),
   * expired otherwise. Safe to run from several workers at once (rows are claimed with SKIP LOCKED).
   */
  async settleExpired(now: Date, limit: number): Promise<ReconcileResult> {
    const rows: Array<{ status: 'committed' | 'expired'; n: number }> = await this.ds.query(
      `WITH due AS (
         SELECT id, operation_id FROM quota_reservations WHERE status = 'pending' AND expires_at <= $1 ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED),
       found AS (
         SELECT d.id, coalesce(
           (SELECT m.sent_at FROM messages m WHERE m.workflow_id = d.operation_id AND m.status = 'sent'),
           (SELECT e.at FROM lead_events e WHERE e.lead_id = ${LEAD_OF_OPERATION} AND e.event_key = 'sent:' || ${STEP_OF_OPERATION} AND e.type = 'sent'),
           (SELECT i.sent_at FROM invitations i WHERE i.operation_id = d.operation_id AND i.state IN ('pending', 'accepted'))) AS sent_at
         FROM due d),
       settled AS (
         UPDATE quota_reservations r SET status = CASE WHEN f.sent_at IS NULL THEN 'expired' ELSE 'committed' END, delivered_at = f.sent_at, expires_at = NULL, settled_at = $1
         FROM found f WHERE r.id = f.id RETURNING r.status, r.account_id, r.delivered_at),
       accounts AS (
         UPDATE linkedin_accounts a SET hold_level = 0, last_sent_at = GREATEST(a.last_sent_at, s.last)
         FROM (SELECT account_id, max(delivered_at) AS last FROM settled WHERE status = 'committed' GROUP BY account_id) s WHERE a.id = s.account_id)
       SELECT status, count(*)::int AS n FROM settled GROUP BY status`,
      [now, limit],
    );
    return { committed: rows.find((r) => r.status === 'committed')?.n ?? 0, expired: rows.find((r) => r.status === 'expired')?.n ?? 0 };
  }
}

function standingOf(r: StandingRow, window: QuotaWindow | undefined): WindowStanding {
  // A rolling window frees its oldest unit `rollingMs` after that unit's delivery; an empty one has room now.
  const rolling = window?.rollingMs;
  const resetAt = rolling === undefined ? new Date(r.resetAt) : new Date((r.oldestAt ? new Date(r.oldestAt).getTime() : new Date(r.from).getTime()) + rolling);
  return { limit: r.limit, used: r.used, reserved: r.reserved, from: new Date(r.from), resetAt, pendingExpiresAt: r.pendingExpiresAt ? new Date(r.pendingExpiresAt) : null };
}
