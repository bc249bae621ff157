import { profileUrn } from '@threadline/linkedin/wire';
import type { EmulatorState } from './emulator-state';
import type { Account, Member } from './types';
import type { ReplyScriptSpec } from '../people/reply-scripts';

/** One member of a scenario; missing ids are minted from the seed. */
export interface MemberInput {
  profileId?: string;
  memberId?: number;
  firstName: string;
  lastName: string;
  headline?: string;
  publicIdentifier?: string;
  groups?: string[];
  openProfile?: boolean;
  inmailRestriction?: string | null;
  /** How the member answers invitations: `{probability?, delayMs?}` (defaults 1 and 0); absent or null = never accepts. */
  invitationResponse?: { probability?: number; delayMs?: number } | null;
}

/** An account: a member with cookies, a Sales Navigator seat (li_a) and InMail credits. */
export interface AccountInput extends MemberInput {
  liAt?: string;
  /** `ajax:<19 digits>`, without quotes. */
  jsessionId?: string;
  liA?: string | null;
  /** Mint an li_a when no liA is given. */
  salesNavigator?: boolean;
  inmailCredits?: number;
  dailySendLimit?: number | null;
  limitStatus?: 429 | 999;
  expired?: boolean;
  checkpoint?: boolean;
  restricted?: boolean;
  /** Premium: 300-character notes, no monthly note allowance (default: has a Sales Navigator seat). */
  premium?: boolean;
  /** Invitations LinkedIn takes per rolling week before FUSE_LIMIT_EXCEEDED (default 100; null = no cap). */
  weeklyInvitationLimit?: number | null;
}

export interface ThreadInput {
  participants: string[];
  title?: string;
  inmail?: boolean;
  salesNavigator?: boolean;
  categories?: string[];
  messages: { from: string; text: string; subject?: string; minutesAgo?: number; deliveredAt?: number }[];
  /** Mailboxes that have read everything. */
  readBy?: string[];
}

/** The JSON body of `POST /__emulator/scenario` and of EMULATOR_SCENARIO files. */
export interface ScenarioInput {
  seed?: number | string;
  members?: MemberInput[];
  accounts?: AccountInput[];
  connections?: { a: string; b: string; degree?: number }[];
  threads?: ThreadInput[];
  replyScripts?: ReplyScriptSpec[];
}

/** What the admin API hands back about an account, cookies included. */
export interface AccountSummary {
  profileId: string;
  name: string;
  publicIdentifier: string;
  mailboxUrn: string;
  cookies: { li_at: string; JSESSIONID: string; li_a?: string };
  /** Ready-made Cookie header (JSESSIONID quoted, as browsers send it). */
  cookieHeader: string;
  /** The csrf-token header value: JSESSIONID without quotes. */
  csrfToken: string;
  salesNavigator: boolean;
  inmailCredits: number;
  dailySendLimit: number | null;
  sendsToday: number;
  flags: { expired: boolean; checkpoint: boolean; restricted: boolean };
}

const PROFILE_ID = /^ACoAA[A-Za-z0-9_-]{34}$/;

/** Checks the shape; returns an error message naming the field, or null. */
export function validateScenario(input: unknown): string | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'scenario must be a JSON object';
  const s = input as Record<string, unknown>;
  for (const key of ['members', 'accounts', 'connections', 'threads', 'replyScripts']) {
    if (s[key] !== undefined && !Array.isArray(s[key])) return `${key} must be an array`;
  }
  const people = [...((s.members as unknown[]) ?? []), ...((s.accounts as unknown[]) ?? [])];
  for (const [i, p] of people.entries()) {
    if (typeof p !== 'object' || p === null) return `members/accounts[${i}] must be an object`;
    const m = p as Record<string, unknown>;
    if (typeof m.firstName !== 'string' || typeof m.lastName !== 'string') return `members/accounts[${i}] needs firstName and lastName`;
    if (m.profileId !== undefined && (typeof m.profileId !== 'string' || !PROFILE_ID.test(m.profileId))) {
      return `members/accounts[${i}].profileId must be a 39-char ACoAA… id`;
    }
    if (m.jsessionId !== undefined && !/^ajax:\d{19}$/.test(String(m.jsessionId))) return `accounts[${i}].jsessionId must look like ajax:<19 digits>`;
  }
  return null;
}

/** Loads a scenario into a fresh state; ids referenced by threads/connections must exist. */
export function loadScenario(state: EmulatorState, input: ScenarioInput, addScript: (s: ReplyScriptSpec) => void): void {
  const addMember = (m: MemberInput): Member => {
    const profileId = m.profileId ?? state.mintProfileId();
    const member: Member = {
      profileId,
      memberId: m.memberId ?? 100_000_000 + state.members.size + 1,
      firstName: m.firstName,
      lastName: m.lastName,
      headline: m.headline ?? '',
      publicIdentifier: m.publicIdentifier ?? `${m.firstName}-${m.lastName}-${profileId.slice(5, 11)}`.toLowerCase(),
      groups: m.groups ?? [],
      openProfile: m.openProfile ?? false,
      inmailRestriction: m.inmailRestriction ?? null,
      invitationResponse: m.invitationResponse ? { probability: m.invitationResponse.probability ?? 1, delayMs: m.invitationResponse.delayMs ?? 0 } : null,
    };
    state.members.set(profileId, member);
    return member;
  };
  for (const m of input.members ?? []) addMember(m);
  for (const a of input.accounts ?? []) {
    const member = addMember(a);
    const account: Account = {
      profileId: member.profileId,
      liAt: a.liAt ?? state.mintLiAt(),
      jsessionId: a.jsessionId ?? state.mintJsessionId(),
      liA: a.liA ?? (a.salesNavigator ? state.mintLiA() : null),
      inmailCredits: a.inmailCredits ?? 0,
      dailySendLimit: a.dailySendLimit ?? null,
      limitStatus: a.limitStatus ?? 429,
      expired: a.expired ?? false,
      checkpoint: a.checkpoint ?? false,
      restricted: a.restricted ?? false,
      badgeSeenUntil: 0,
      premium: a.premium ?? Boolean(a.liA ?? a.salesNavigator),
      weeklyInvitationLimit: a.weeklyInvitationLimit === undefined ? 100 : a.weeklyInvitationLimit,
    };
    state.accounts.set(account.profileId, account);
  }
  const known = (id: string, where: string): string => {
    if (!state.members.has(id)) throw new Error(`${where}: unknown profile id ${id}`);
    return id;
  };
  for (const [i, c] of (input.connections ?? []).entries()) {
    state.connect(known(c.a, `connections[${i}].a`), known(c.b, `connections[${i}].b`), c.degree ?? 1);
  }
  const now = state.now();
  for (const [i, t] of (input.threads ?? []).entries()) {
    const participants = t.participants.map((p) => known(p, `threads[${i}].participants`));
    const times = t.messages.map((m) => m.deliveredAt ?? now - (m.minutesAgo ?? 0) * 60_000);
    const creator = t.messages[0]?.from ?? participants[0];
    const thread = state.createThread({
      creator: known(creator, `threads[${i}].messages[0].from`),
      participants,
      title: t.title ?? null,
      inmail: t.inmail,
      salesNavigator: t.salesNavigator ?? t.inmail,
      categories: t.categories,
      createdAt: times.length ? Math.min(...times) : now,
    });
    t.messages.forEach((m, j) => {
      state.postMessage({
        threadId: thread.id,
        sender: known(m.from, `threads[${i}].messages[${j}].from`),
        text: m.text,
        subject: m.subject ?? null,
        // Every client send carries an originToken; LinkedIn shows it back in the sender's own mailbox only.
        originToken: state.mintUuid(),
        origin: 'scenario',
        deliveredAt: times[j],
      });
    });
    for (const reader of t.readBy ?? []) {
      const view = thread.views.get(reader);
      if (view) Object.assign(view, { read: true, unreadCount: 0, lastReadAt: thread.lastActivityAt });
    }
  }
  for (const s of input.replyScripts ?? []) addScript({ ...s, member: known(s.member, 'replyScripts.member') });
}

export function summarizeAccount(state: EmulatorState, account: Account): AccountSummary {
  const m = state.member(account.profileId)!;
  const cookies: AccountSummary['cookies'] = { li_at: account.liAt, JSESSIONID: `"${account.jsessionId}"` };
  if (account.liA) cookies.li_a = account.liA;
  return {
    profileId: account.profileId,
    name: `${m.firstName} ${m.lastName}`,
    publicIdentifier: m.publicIdentifier,
    mailboxUrn: profileUrn(account.profileId),
    cookies,
    cookieHeader: Object.entries(cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; '),
    csrfToken: account.jsessionId,
    salesNavigator: account.liA !== null,
    inmailCredits: account.inmailCredits,
    dailySendLimit: account.dailySendLimit,
    sendsToday: state.sendsToday(account.profileId),
    flags: { expired: account.expired, checkpoint: account.checkpoint, restricted: account.restricted },
  };
}
