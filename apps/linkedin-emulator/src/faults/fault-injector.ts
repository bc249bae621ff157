import type { Prng } from '../util/prng';

/**
 * What a fault does to a matching request. `forbidden`: a plain 403 `{"status":403}`, LinkedIn's refusal of
 * one conversation, message or person (not a restriction). `lost`: the request is carried out, then the connection is cut
 * before the answer (LinkedIn did it, the client cannot know: the case a read-back before a retry is for).
 */
export type FaultKind = '429' | '999' | '5xx' | 'expired' | 'checkpoint' | 'restricted' | 'forbidden' | 'delay' | 'drop' | 'lost' | InvitationFaultKind;

/**
 * Refusals of the invitation call only (reference §6): the weekly cap (429 FUSE_LIMIT_EXCEEDED, or its
 * silent form: 200 and nothing stored) and the per-person ones. Narrowed to one invitee with `invitee`.
 */
export type InvitationFaultKind = 'invite_weekly_cap' | 'invite_weekly_cap_silent' | 'invite_already_invited' | 'invite_cant_resend' | 'invite_not_invitable' | 'invite_invalid_state';
export const INVITATION_FAULT_KINDS: readonly InvitationFaultKind[] = ['invite_weekly_cap', 'invite_weekly_cap_silent', 'invite_already_invited', 'invite_cant_resend', 'invite_not_invitable', 'invite_invalid_state'];

export const FAULT_KINDS: readonly FaultKind[] = ['429', '999', '5xx', 'expired', 'checkpoint', 'restricted', 'forbidden', 'delay', 'drop', 'lost', ...INVITATION_FAULT_KINDS];

/** Admin input for one fault; see the README. */
export interface FaultSpec {
  kind: FaultKind;
  /** Account profile id, or `*` (default) for every account and anonymous requests. */
  account?: string;
  /** Route name or group (`createMessage`, `graphql`, `salesNav`, …), or `*` (default). */
  route?: string;
  /** Only the next N matching requests; absent = until deleted. */
  times?: number;
  /** Chance per matching request, drawn from the seeded PRNG; default 1. */
  probability?: number;
  /** 429: Retry-After seconds (default 60). */
  retryAfterSeconds?: number;
  /** 5xx: status to answer (default 503). */
  status?: number;
  /** delay: milliseconds to wait before answering. */
  delayMs?: number;
  /** expired: `redirect` (302 to /uas/login, default) or `status` (401). */
  authMode?: 'redirect' | 'status';
  /** Invitation faults: only invitations to this profile id (default every invitee). */
  invitee?: string;
}

export interface FaultRule extends Required<Pick<FaultSpec, 'kind' | 'account' | 'route' | 'probability'>> {
  id: string;
  remaining: number | null;
  retryAfterSeconds: number;
  status: number;
  delayMs: number;
  authMode: 'redirect' | 'status';
  invitee: string;
  hits: number;
}

export interface FaultDecision {
  delayMs: number;
  fault: FaultRule | null;
}

/** Validates an admin fault body; returns an error message or the spec. */
export function parseFaultSpec(input: unknown): FaultSpec | string {
  if (typeof input !== 'object' || input === null) return 'fault must be an object';
  const s = input as Record<string, unknown>;
  const kind = String(s.kind);
  if (!FAULT_KINDS.includes(kind as FaultKind)) return `kind must be one of ${FAULT_KINDS.join(', ')}`;
  for (const key of ['times', 'probability', 'retryAfterSeconds', 'status', 'delayMs'] as const) {
    if (s[key] !== undefined && typeof s[key] !== 'number') return `${key} must be a number`;
  }
  if (s.probability !== undefined && ((s.probability as number) < 0 || (s.probability as number) > 1)) return 'probability must be within 0..1';
  if (s.status !== undefined && ((s.status as number) < 500 || (s.status as number) > 599)) return 'status must be 5xx';
  if (s.authMode !== undefined && s.authMode !== 'redirect' && s.authMode !== 'status') return 'authMode must be redirect or status';
  if (kind === 'delay' && typeof s.delayMs !== 'number') return 'delay needs delayMs';
  if (s.invitee !== undefined && typeof s.invitee !== 'string') return 'invitee must be a profile id';
  return s as unknown as FaultSpec;
}

/** Per-account, per-route fault rules; draws from the seeded PRNG so runs replay. */
export class FaultInjector {
  private rules: FaultRule[] = [];
  private nextId = 1;
  // Counted apart from the rules, which go away when spent or deleted: a fault run reports what it injected.
  private injectedByKind = new Map<FaultKind, number>();

  constructor(private readonly prng: () => Prng) {}

  add(spec: FaultSpec): FaultRule {
    const rule: FaultRule = {
      id: `f${this.nextId++}`,
      kind: spec.kind,
      account: spec.account ?? '*',
      route: spec.route ?? '*',
      probability: spec.probability ?? 1,
      remaining: spec.times ?? null,
      retryAfterSeconds: spec.retryAfterSeconds ?? 60,
      status: spec.status ?? 503,
      delayMs: spec.delayMs ?? 0,
      authMode: spec.authMode ?? 'redirect',
      invitee: spec.invitee ?? '*',
      hits: 0,
    };
    this.rules.push(rule);
    return rule;
  }

  remove(id?: string): number {
    const before = this.rules.length;
    this.rules = id ? this.rules.filter((r) => r.id !== id) : [];
    return before - this.rules.length;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Faults that fired since the last scenario load, by kind (spent and deleted rules included). */
  injected(): Partial<Record<FaultKind, number>> {
    return Object.fromEntries(this.injectedByKind);
  }

  /** Counts faults applied outside `decide` (a drop ends the open streams when it is added). */
  note(kind: FaultKind, n: number): void {
    if (n > 0) this.injectedByKind.set(kind, (this.injectedByKind.get(kind) ?? 0) + n);
  }

  /** Removes every rule and zeroes the counts (a new scenario). */
  reset(): void {
    this.rules = [];
    this.injectedByKind.clear();
  }

  /** Delay to apply and the first blocking fault for this request; spends `times` of what fires. */
  decide(account: string | undefined, route: string, group: string | undefined, kinds?: readonly FaultKind[], invitee?: string): FaultDecision {
    let delayMs = 0;
    let fault: FaultRule | null = null;
    for (const r of this.rules) {
      // Invitation faults act only where the invitation route asks for them.
      if (kinds ? !kinds.includes(r.kind) : r.kind === 'drop' || isInvitationFault(r.kind)) continue;
      if (r.invitee !== '*' && r.invitee !== invitee) continue;
      if (r.kind !== 'delay' && fault) continue;
      if (!this.applies(r, account, route, group)) continue;
      if (r.probability < 1 && this.prng().next() >= r.probability) continue;
      this.spend(r);
      if (r.kind === 'delay') delayMs += r.delayMs;
      else fault = r;
    }
    return { delayMs, fault };
  }

  private applies(r: FaultRule, account: string | undefined, route: string, group: string | undefined): boolean {
    if (r.remaining !== null && r.remaining <= 0) return false;
    if (r.account !== '*' && r.account !== account) return false;
    return r.route === '*' || r.route === route || (group !== undefined && r.route === group);
  }

  private spend(r: FaultRule): void {
    r.hits += 1;
    this.note(r.kind, 1);
    if (r.remaining !== null) {
      r.remaining -= 1;
      if (r.remaining <= 0) this.rules = this.rules.filter((x) => x !== r);
    }
  }
}

export function isInvitationFault(kind: FaultKind): kind is InvitationFaultKind {
  return (INVITATION_FAULT_KINDS as readonly string[]).includes(kind);
}
