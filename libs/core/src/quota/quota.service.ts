import { Inject, Injectable } from '@nestjs/common';
import { type LinkedinAccountEntity, QUOTA_KINDS, type QuotaKind, QuotaRepository, type QuotaWindow, type ReconcileResult, type WindowStanding } from '@threadline/db';
import { sendGapMs, sendGapSettings, type SendGapSettings, warmupCap, type WarmupStage } from '@threadline/domain';
import { DateTime } from 'luxon';
import { warmupOf, warmupPlanOf } from '../accounts/account-standing';
import type { CoreConfig } from '../config/config';
import { CORE_CONFIG } from '../tokens';
import { memberKeyOf } from './member-key';

/** What the X-RateLimit-* headers of a quota-spending response say: the tightest window. */
export interface QuotaStatus {
  action: QuotaKind;
  limit: number;
  /** Units LinkedIn stored in the window. */
  used: number;
  /** Units reserved by sends still under way (counted until they are sent or released). */
  reserved: number;
  remaining: number;
  resetAt: Date;
}

export interface WindowLimits {
  limit: number;
  used: number;
  reserved: number;
  remaining: number;
  resetAt: Date;
}

/** One action's budget (messages, InMail, invitations) as GET /v1/accounts/{id}/limits shows it. */
export interface ActionLimits {
  action: QuotaKind;
  daily: WindowLimits;
  weekly: WindowLimits | null;
  /** The earliest a new send of this action could go out; null while the account cannot send (dead or flagged session). */
  nextFreeSlot: Date | null;
}

export interface WarmupStatus extends WarmupStage {
  startCap: number;
  /** Today's daily message cap on the ramp. */
  dailyCap: number;
}

export interface AccountLimits {
  actions: ActionLimits[];
  warmup: WarmupStatus | null;
  hold: { until: Date; reason: string | null } | null;
  /** LinkedIn's weekly invitation cap was hit: invitations wait until then, messages go on. */
  invitationsHold: { until: Date; reason: string } | null;
}

export type SlotDecision = { granted: true; status: QuotaStatus } | { granted: false; notBefore: Date; reason: 'quota' | 'hold'; status?: QuotaStatus };

/** The member's next delivery: granted now, or not before `notBefore`; `gapMs` is this operation's drawn gap. */
export type DeliveryClaim = { granted: true; gapMs: number } | { granted: false; notBefore: Date; gapMs: number };

const SETTLE_BATCH = 500;
const WEEK_MS = 7 * 86_400_000;
/** A send in flight (LinkedIn called, no answer recorded) longer than this has died with its worker: longer than one attempt of the send activity (1 minute). */
export const DELIVERY_IN_FLIGHT_MS = 120_000;
const UNUSABLE = ['disconnected', 'checkpoint', 'restricted'];

/**
 * The quota ledger, shared by API sends and campaigns: a send reserves a unit before it starts, commits it
 * when LinkedIn stored the message, or releases it when it ended without a send. Caps are per LinkedIn
 * member, whichever workspace holds the session: every account row of one member spends from, and reports,
 * the same count, each against its own cap (an account's `dailyMessageCap` bounds the member's total).
 */
@Injectable()
export class QuotaService {
  private readonly gaps: SendGapSettings;

  constructor(
    private readonly quota: QuotaRepository,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {
    this.gaps = sendGapSettings(config.SEND_SPACING_SECONDS, config.SEND_GAP_MEAN_FACTOR, config.SEND_GAP_CV, config.SEND_GAP_MAX_FACTOR);
  }

  /**
   * Daily windows reset at 00:00 UTC, weekly ones on Monday 00:00 UTC (as ConnectSafely's do). A warming
   * account's daily caps follow its ramp.
   */
  windows(account: LinkedinAccountEntity, kind: QuotaKind, now: Date): QuotaWindow[] {
    const t = DateTime.fromJSDate(now, { zone: 'utc' });
    const day = { from: t.startOf('day').toJSDate(), resetAt: t.startOf('day').plus({ days: 1 }).toJSDate() };
    const week = { from: t.startOf('week').toJSDate(), resetAt: t.startOf('week').plus({ weeks: 1 }).toJSDate() };
    const ramp = (full: number) => warmupCap(full, warmupPlanOf(account, this.config).startCap, warmupOf(account, this.config, now));
    if (kind === 'inmail') return [{ kind, limit: ramp(this.config.DAILY_INMAIL_CAP), ...day }];
    if (kind === 'invitation') {
      // LinkedIn counts invitations over a rolling week (reference §7.1): the last 7 days, whatever the weekday.
      const rolling = { from: t.minus({ weeks: 1 }).toJSDate(), resetAt: t.plus({ weeks: 1 }).toJSDate(), rollingMs: WEEK_MS };
      return [
        { kind, limit: ramp(this.config.DAILY_INVITATION_CAP), ...day },
        { kind, limit: ramp(this.config.WEEKLY_INVITATION_CAP), ...rolling },
      ];
    }
    return [
      { kind, limit: ramp(account.dailyMessageCap ?? this.config.DAILY_MESSAGE_CAP), ...day },
      { kind, limit: this.config.WEEKLY_MESSAGE_CAP, ...week },
    ];
  }

  /**
   * Grants a send slot unless the account is on hold or out of quota; idempotent per operation. Refused
   * for quota, `notBefore` is when a unit frees up: the window's reset, or sooner when units reserved by
   * sends under way fill it (they are sent, released or expire by then).
   */
  async reserve(account: LinkedinAccountEntity, kind: QuotaKind, operationId: string, now = new Date()): Promise<SlotDecision> {
    if (account.holdUntil && account.holdUntil > now) return { granted: false, notBefore: account.holdUntil, reason: 'hold' };
    // LinkedIn's weekly invitation cap holds invitations only.
    if (kind === 'invitation' && account.invitationsHeldUntil && account.invitationsHeldUntil > now) return { granted: false, notBefore: account.invitationsHeldUntil, reason: 'hold' };
    const result = await this.quota.reserve({
      workspaceId: account.workspaceId, accountId: account.id, memberKey: this.memberKey(account), kind, operationId, now,
      expiresAt: this.expiresAt(now), windows: this.windows(account, kind, now),
    });
    const status = tightest(kind, result.windows);
    if (result.granted) return { granted: true, status };
    return { granted: false, notBefore: freesAt(result.windows) ?? now, reason: 'quota', status };
  }

  /** LinkedIn stored the operation's message (read-back included): its unit counts on the day it was delivered. Idempotent. */
  async commit(workspaceId: string, operationId: string, deliveredAt: Date, now = new Date()): Promise<boolean> {
    return this.quota.commit(workspaceId, operationId, deliveredAt, now);
  }

  /** The operation ended without a send (reply, stop, skip, refusal): its unit stops counting. Idempotent; a no-op after a commit. */
  async release(workspaceId: string, operationId: string, now = new Date()): Promise<boolean> {
    return this.quota.release(workspaceId, operationId, now);
  }

  /** An API request that ended without a send, answered 4xx: its released unit leaves no row behind. */
  async forget(workspaceId: string, operationId: string): Promise<void> {
    await this.quota.forget(workspaceId, operationId);
  }

  /** A lead's run ended: none of its steps will send any more, so every unit it still holds is released. */
  async releaseRun(workspaceId: string, runWorkflowId: string, now = new Date()): Promise<number> {
    return this.quota.releaseByPrefix(workspaceId, `${runWorkflowId}:step-`, now);
  }

  /**
   * Books the LinkedIn member's next delivery turn for an operation, before it types: granted when the operation
   * holds the booking already (its send goes on, or is retried), or when its own gap (drawn per operation, never
   * below SEND_SPACING_SECONDS) has passed since the previous booking and since LinkedIn last answered a send of
   * the member. Atomic across processes; durable across restarts of the worker and of Temporal.
   */
  async claimDelivery(account: LinkedinAccountEntity, operationId: string, now = new Date(), spreadUntil?: Date): Promise<DeliveryClaim> {
    return this.claim(account, operationId, now, await this.shapedGapMs(account, operationId, now, spreadUntil), 'book');
  }

  /**
   * Claims the turn right before LinkedIn is called: granted when no other send of the member is in flight and
   * the gap has passed since LinkedIn last answered one; the send is then in flight until `deliveryDone`. So the
   * gap holds where LinkedIn receives the messages, while typing overlaps the previous send.
   */
  async claimSend(account: LinkedinAccountEntity, operationId: string, now = new Date()): Promise<DeliveryClaim> {
    return this.claim(account, operationId, now, this.gapMs(operationId), 'send');
  }

  private async claim(account: LinkedinAccountEntity, operationId: string, now: Date, gapMs: number, mode: 'book' | 'send'): Promise<DeliveryClaim> {
    const claim = await this.quota.claimDelivery({
      workspaceId: account.workspaceId, memberKey: this.memberKey(account), operationId, now, gapMs, inFlightMs: DELIVERY_IN_FLIGHT_MS, expiresAt: this.expiresAt(now), mode,
    });
    if (claim.granted) return { granted: true, gapMs };
    // A hint of when to ask again: a gap after the later of the last booking and LinkedIn's last answer; soon while another send is in flight.
    const t = now.getTime();
    const answered = (claim.doneAt?.getTime() ?? 0) + gapMs;
    const inFlight = claim.inFlightSince !== null && claim.inFlightSince.getTime() + DELIVERY_IN_FLIGHT_MS > t;
    const after = mode === 'book' ? Math.max((claim.claimedAt?.getTime() ?? t) + gapMs, answered) : inFlight ? Math.max(t + Math.min(gapMs, 1000), answered) : answered;
    return { granted: false, notBefore: new Date(Math.max(after, t)), gapMs };
  }

  /** The operation's send is done (LinkedIn answered, or the step ended without a send): its member's next turn counts from now. */
  async deliveryDone(operationId: string, at = new Date()): Promise<void> {
    await this.quota.deliveryDone(operationId, at);
  }

  /**
   * The daily shape (SEND_SPREAD_OVER_WINDOW): with `spreadUntil` (the working window's close), the member's
   * remaining daily budget is spread over the time left, scaled by this operation's draw so the jitter stays;
   * never below the drawn gap. Without it (API sends), the drawn gap.
   */
  async shapedGapMs(account: LinkedinAccountEntity, operationId: string, now: Date, spreadUntil?: Date): Promise<number> {
    const drawn = this.gapMs(operationId);
    if (!this.config.SEND_SPREAD_OVER_WINDOW || !spreadUntil || spreadUntil <= now) return drawn;
    const { remaining } = await this.status(account, 'message', now);
    // This send's own unit is reserved already: it and the `remaining` after it share the time left.
    const spread = (spreadUntil.getTime() - now.getTime()) / (remaining + 1);
    return Math.round(Math.max(drawn, spread * (drawn / this.gaps.meanMs)));
  }

  /** The gap before this operation's send, drawn from SEND_GAP_* around the mean (the same for every attempt). */
  gapMs(operationId: string): number {
    return sendGapMs(operationId, this.gaps);
  }

  /** The tightest window's standing (the member's usage through all its accounts), for headers and account status. */
  async status(account: LinkedinAccountEntity, kind: QuotaKind, now = new Date()): Promise<QuotaStatus> {
    return tightest(kind, await this.quota.standing(this.memberKey(account), kind, this.windows(account, kind, now)));
  }

  /** Every action's budget, the warm-up stage and the hold: GET /v1/accounts/{id}/limits. */
  async limits(account: LinkedinAccountEntity, now = new Date()): Promise<AccountLimits> {
    const memberKey = this.memberKey(account);
    const held = account.holdUntil && account.holdUntil > now ? account.holdUntil : null;
    // The gap runs from the later of the last booking and LinkedIn's last answer, as a send's own claim does.
    const last = await this.quota.lastDelivery(memberKey);
    const spaced = new Date(Math.max(now.getTime(), (last.claimedAt?.getTime() ?? 0) + this.gaps.minMs, (last.doneAt?.getTime() ?? 0) + this.gaps.minMs));
    const actions = await Promise.all(QUOTA_KINDS.map(async (kind): Promise<ActionLimits> => {
      const [daily, weekly] = await this.quota.standing(memberKey, kind, this.windows(account, kind, now));
      const full = freesAt(weekly ? [daily!, weekly] : [daily!]);
      const invitationsHeld = kind === 'invitation' && account.invitationsHeldUntil && account.invitationsHeldUntil > now ? account.invitationsHeldUntil : null;
      const nextFreeSlot = UNUSABLE.includes(account.status) ? null : (held ?? laterOf(invitationsHeld, full) ?? spaced);
      return { action: kind, daily: limitsOf(daily!), weekly: weekly ? limitsOf(weekly) : null, nextFreeSlot };
    }));
    const stage = warmupOf(account, this.config, now);
    const warmup = stage ? { ...stage, startCap: warmupPlanOf(account, this.config).startCap, dailyCap: this.windows(account, 'message', now)[0]!.limit } : null;
    const invitationsHeld = account.invitationsHeldUntil && account.invitationsHeldUntil > now ? account.invitationsHeldUntil : null;
    return { actions, warmup, hold: held ? { until: held, reason: account.statusReason } : null, invitationsHold: invitationsHeld ? { until: invitationsHeld, reason: "LinkedIn's weekly invitation limit" } : null };
  }

  /** Settles reserved units left behind by crashes (their time to live ran out) against the sends that were stored. */
  async settleExpired(now = new Date()): Promise<ReconcileResult> {
    return this.quota.settleExpired(now, SETTLE_BATCH);
  }

  /** The LinkedIn member the account's caps and pacing go by. */
  memberKey(account: LinkedinAccountEntity): string {
    return memberKeyOf(account, this.config.LINKEDIN_BASE_URL);
  }

  private expiresAt(now: Date): Date {
    return new Date(now.getTime() + this.config.QUOTA_RESERVATION_TTL_SECONDS * 1000);
  }
}

function laterOf(a: Date | null, b: Date | null): Date | null {
  if (!a || !b) return a ?? b;
  return a > b ? a : b;
}

function limitsOf(w: WindowStanding): WindowLimits {
  return { limit: w.limit, used: w.used, reserved: w.reserved, remaining: Math.max(0, w.limit - w.used - w.reserved), resetAt: w.resetAt };
}

function tightest(kind: QuotaKind, windows: WindowStanding[]): QuotaStatus {
  const all = windows.map((w) => ({ action: kind, ...limitsOf(w) }));
  return all.reduce((a, b) => (b.remaining < a.remaining ? b : a));
}

/** When every full window has room again (null: all have room now); units of sends under way free up by their expiry at the latest. */
function freesAt(windows: WindowStanding[]): Date | null {
  let at: number | null = null;
  for (const w of windows) {
    if (w.used + w.reserved < w.limit) continue;
    const frees = w.used >= w.limit || !w.pendingExpiresAt ? w.resetAt.getTime() : Math.min(w.resetAt.getTime(), w.pendingExpiresAt.getTime());
    at = Math.max(at ?? 0, frees);
  }
  return at === null ? null : new Date(at);
}
