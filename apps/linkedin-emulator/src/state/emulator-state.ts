import { EventEmitter } from 'node:events';
import { mintMessageId, mintThreadId } from '@threadline/linkedin/wire';
import { Prng } from '../util/prng';
import { Clock } from '../util/clock';
import { Scheduler } from '../util/scheduler';
import type {
  Account,
  Asset,
  DeletionRecord,
  Invitation,
  MailboxView,
  Member,
  MessageOrigin,
  ReceivedEntry,
  StoredMessage,
  StoredRenderContent,
  Thread,
} from './types';

const DAY_MS = 86_400_000;
const INMAIL_REFUND_WINDOW_MS = 90 * DAY_MS;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export interface PostMessageInput {
  threadId: string;
  sender: string;
  text: string;
  attributes?: unknown[];
  subject?: string | null;
  originToken?: string | null;
  renderContent?: StoredRenderContent[];
  origin: MessageOrigin;
  deliveredAt?: number;
}

export interface CreateThreadInput {
  creator: string;
  participants: string[];
  title?: string | null;
  inmail?: boolean;
  salesNavigator?: boolean;
  categories?: string[];
  createdAt?: number;
}

/** Events the realtime hub and the reply scripts listen to. */
export interface StateEvents {
  message: [message: StoredMessage, thread: Thread];
  messageChanged: [message: StoredMessage, thread: Thread];
  conversation: [thread: Thread, mailbox: string];
  typing: [thread: Thread, from: string];
  deleted: [thread: Thread, mailbox: string];
  seen: [thread: Thread, by: string, message: StoredMessage];
  invitation: [invitation: Invitation];
  reaction: [message: StoredMessage, thread: Thread, actor: string, emoji: string, added: boolean];
}

/** All emulator state; one instance per server, replaced wholesale on reset. */
export class EmulatorState {
  readonly events = new EventEmitter<StateEvents>();
  readonly members = new Map<string, Member>();
  readonly accounts = new Map<string, Account>();
  readonly threads = new Map<string, Thread>();
  readonly messages = new Map<string, StoredMessage>();
  readonly assets = new Map<string, Asset>();
  readonly received: ReceivedEntry[] = [];
  readonly deletions: DeletionRecord[] = [];
  /** Sends per account per emulator day, for the daily limits. */
  readonly sendsPerDay = new Map<string, number>();
  readonly invitations = new Map<string, Invitation>();
  private readonly connections = new Map<string, Map<string, number>>();
  /** When two members became 1st-degree connections (key: the two ids sorted, joined by `|`). */
  private readonly connectedAt = new Map<string, number>();
  private seq = 0;
  prng: Prng;

  constructor(
    seed: number,
    readonly clock: Clock = new Clock(),
    readonly scheduler: Scheduler = new Scheduler(clock),
  ) {
    this.prng = new Prng(seed);
  }

  now(): number {
    return this.clock.now();
  }

  get currentSeq(): number {
    return this.seq;
  }

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  // ---- identities -------------------------------------------------------------

  mintProfileId(): string {
    return 'ACoAA' + this.prng.chars(ALNUM, 34);
  }

  mintLiAt(): string {
    return 'AQED' + this.prng.chars(ALNUM, 148);
  }

  mintJsessionId(): string {
    return 'ajax:' + this.prng.digits(19);
  }

  mintLiA(): string {
    return 'AQJ' + this.prng.chars(ALNUM, 80);
  }

  mintThreadId(): string {
    return mintThreadId(this.prng.uuid(), 100 + this.prng.int(900));
  }

  mintMessageId(threadId: string, at: number): string {
    return mintMessageId(at, threadId, this.prng.int(100000), 100 + this.prng.int(900));
  }

  mintAssetId(): string {
    return 'D4E' + this.prng.chars(ALNUM, 12);
  }

  mintUuid(): string {
    return this.prng.uuid();
  }

  member(profileId: string): Member | undefined {
    return this.members.get(profileId);
  }

  accountByLiAt(liAt: string): Account | undefined {
    for (const a of this.accounts.values()) if (a.liAt === liAt) return a;
    return undefined;
  }

  accountByPublicIdOrProfile(id: string): Account | undefined {
    const direct = this.accounts.get(id);
    if (direct) return direct;
    for (const a of this.accounts.values()) if (this.members.get(a.profileId)?.publicIdentifier === id) return a;
    return undefined;
  }

  memberByIdentity(identity: string): Member | undefined {
    for (const m of this.members.values()) {
      if (m.publicIdentifier === identity || m.profileId === identity || String(m.memberId) === identity) return m;
    }
    return undefined;
  }

  // ---- connections ------------------------------------------------------------

  connect(a: string, b: string, degree = 1): void {
    if (!this.connections.has(a)) this.connections.set(a, new Map());
    if (!this.connections.has(b)) this.connections.set(b, new Map());
    this.connections.get(a)!.set(b, degree);
    this.connections.get(b)!.set(a, degree);
    if (degree === 1 && !this.connectedAt.has(pairKey(a, b))) this.connectedAt.set(pairKey(a, b), this.now());
  }

  /** 1st-degree connections of a member, most recently made first. */
  firstDegreeOf(a: string): { profileId: string; connectedAt: number }[] {
    return this.connectionsOf(a)
      .filter((c) => c.degree === 1)
      .map((c) => ({ profileId: c.profileId, connectedAt: this.connectedAt.get(pairKey(a, c.profileId)) ?? 0 }))
      .sort((x, y) => y.connectedAt - x.connectedAt || (x.profileId < y.profileId ? 1 : -1));
  }

  // ---- invitations ------------------------------------------------------------

  /** Stores a pending invitation; the invitee answers it as its `invitationResponse` says. */
  invite(from: string, to: string, note: string | null): Invitation {
    const invitation: Invitation = { id: '7' + this.prng.digits(18), from, to, note, sentAt: this.now(), state: 'PENDING' };
    this.invitations.set(invitation.id, invitation);
    const response = this.members.get(to)?.invitationResponse;
    if (response && (response.probability >= 1 || this.prng.next() < response.probability)) {
      this.scheduler.at(response.delayMs, () => this.acceptInvitation(invitation.id));
    }
    this.events.emit('invitation', invitation);
    return invitation;
  }

  /** The invitee accepts: the two become 1st-degree connections. False when it is no longer pending. */
  acceptInvitation(id: string): boolean {
    const invitation = this.invitations.get(id);
    if (!invitation || invitation.state !== 'PENDING') return false;
    invitation.state = 'ACCEPTED';
    this.connect(invitation.from, invitation.to, 1);
    this.connectedAt.set(pairKey(invitation.from, invitation.to), this.now());
    this.events.emit('invitation', invitation);
    return true;
  }

  pendingInvitation(from: string, to: string): Invitation | undefined {
    for (const i of this.invitations.values()) if (i.from === from && i.to === to && i.state === 'PENDING') return i;
    return undefined;
  }

  /** Invitations an account sent, newest first. */
  sentInvitationsOf(from: string): Invitation[] {
    return [...this.invitations.values()].filter((i) => i.from === from).sort((x, y) => y.sentAt - x.sentAt || (x.id < y.id ? 1 : -1));
  }

  /** Invitations the account sent in the last 7 days (the weekly cap), and notes this calendar month (free accounts). */
  invitationsThisWeek(from: string): number {
    const since = this.now() - 7 * DAY_MS;
    return this.sentInvitationsOf(from).filter((i) => i.sentAt > since).length;
  }

  notesThisMonth(from: string): number {
    const now = new Date(this.now());
    const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
    return this.sentInvitationsOf(from).filter((i) => i.note !== null && i.sentAt >= monthStart).length;
  }

  /** 0 = self, 1..3 = distance; unrelated members are 3rd degree. */
  degree(a: string, b: string): number {
    if (a === b) return 0;
    return this.connections.get(a)?.get(b) ?? 3;
  }

  connectionsOf(a: string): { profileId: string; degree: number }[] {
    return [...(this.connections.get(a)?.entries() ?? [])].map(([profileId, degree]) => ({ profileId, degree }));
  }

  /** DMs need a 1st-degree connection, a shared group or an Open Profile (reference §7.1). */
  canDirectMessage(from: string, to: string): boolean {
    if (this.degree(from, to) === 1) return true;
    const a = this.members.get(from);
    const b = this.members.get(to);
    if (!a || !b) return false;
    return b.openProfile || a.groups.some((g) => b.groups.includes(g));
  }

  // ---- threads and messages ---------------------------------------------------

  createThread(input: CreateThreadInput): Thread {
    const at = input.createdAt ?? this.now();
    const participants = [...new Set([input.creator, ...input.participants])];
    const seq = this.nextSeq();
    const categories = input.categories ?? (input.inmail ? ['INBOX', 'PRIMARY_INBOX', 'INMAIL'] : ['INBOX', 'PRIMARY_INBOX']);
    const views = new Map<string, MailboxView>();
    for (const p of participants) {
      views.set(p, { categories: [...categories], read: true, unreadCount: 0, lastReadAt: null, deleted: false, archived: false, changeSeq: seq });
    }
    const thread: Thread = {
      id: this.mintThreadId(),
      participants,
      title: input.title ?? null,
      groupChat: participants.length > 2,
      createdAt: at,
      lastActivityAt: at,
      state: input.inmail ? 'PENDING' : null,
      inmail: input.inmail ?? false,
      salesNavigator: input.salesNavigator ?? false,
      creator: input.creator,
      views,
    };
    this.threads.set(thread.id, thread);
    return thread;
  }

  findOneToOne(a: string, b: string): Thread | undefined {
    let best: Thread | undefined;
    for (const t of this.threads.values()) {
      if (t.groupChat || t.participants.length !== 2) continue;
      if (!t.participants.includes(a) || !t.participants.includes(b)) continue;
      if (!best || t.lastActivityAt > best.lastActivityAt) best = t;
    }
    return best;
  }

  /** Threads visible in a mailbox, newest activity first. */
  threadsOf(mailbox: string): Thread[] {
    return [...this.threads.values()]
      .filter((t) => {
        const v = t.views.get(mailbox);
        return v !== undefined && !v.deleted;
      })
      .sort((x, y) => y.lastActivityAt - x.lastActivityAt || (x.id < y.id ? 1 : -1));
  }

  /** Messages of a thread, newest first. */
  messagesOf(threadId: string): StoredMessage[] {
    return [...this.messages.values()]
      .filter((m) => m.threadId === threadId)
      .sort((x, y) => y.deliveredAt - x.deliveredAt || (x.id < y.id ? 1 : -1));
  }

  lastMessage(threadId: string): StoredMessage | undefined {
    return this.messagesOf(threadId)[0];
  }

  postMessage(input: PostMessageInput): StoredMessage {
    const thread = this.threads.get(input.threadId);
    if (!thread) throw new Error(`unknown thread ${input.threadId}`);
    const last = this.lastMessage(thread.id);
    // Strictly increasing times keep "newest first" stable when two sends land in the same ms.
    const deliveredAt = Math.max(input.deliveredAt ?? this.now(), input.deliveredAt === undefined && last ? last.deliveredAt + 1 : 0);
    const seq = this.nextSeq();
    const msg: StoredMessage = {
      id: this.mintMessageId(thread.id, deliveredAt),
      threadId: thread.id,
      sender: input.sender,
      text: input.text,
      attributes: input.attributes ?? [],
      subject: input.subject ?? null,
      deliveredAt,
      originToken: input.originToken ?? null,
      renderFormat: 'DEFAULT',
      renderContent: input.renderContent ?? [],
      origin: input.origin,
      reactions: [],
      changeSeq: seq,
    };
    this.messages.set(msg.id, msg);
    thread.lastActivityAt = Math.max(thread.lastActivityAt, deliveredAt);
    for (const [p, view] of thread.views) {
      view.deleted = false;
      view.changeSeq = seq;
      if (p === input.sender) {
        view.read = true;
        view.unreadCount = 0;
        view.lastReadAt = deliveredAt;
      } else {
        view.read = false;
        view.unreadCount += 1;
      }
    }
    if (thread.inmail && thread.state === 'PENDING' && input.sender !== thread.creator) this.acceptInmail(thread, deliveredAt);
    this.events.emit('message', msg, thread);
    return msg;
  }

  // A reply accepts the InMail and returns the sender's credit within 90 days (reference §7.1).
  private acceptInmail(thread: Thread, at: number): void {
    thread.state = 'ACCEPTED';
    const account = this.accounts.get(thread.creator);
    if (account && at - thread.createdAt <= INMAIL_REFUND_WINDOW_MS) account.inmailCredits += 1;
  }

  setRead(thread: Thread, mailbox: string, read: boolean): void {
    const view = thread.views.get(mailbox);
    if (!view) return;
    view.read = read;
    view.changeSeq = this.nextSeq();
    if (read) {
      view.unreadCount = 0;
      view.lastReadAt = this.now();
      const last = this.lastMessage(thread.id);
      if (last && last.sender !== mailbox) this.events.emit('seen', thread, mailbox, last);
    } else if (view.unreadCount === 0) {
      view.unreadCount = 1;
    }
    this.events.emit('conversation', thread, mailbox);
  }

  deleteForMailbox(thread: Thread, mailbox: string): void {
    const view = thread.views.get(mailbox);
    if (!view) return;
    view.deleted = true;
    const seq = this.nextSeq();
    view.changeSeq = seq;
    this.deletions.push({ seq, mailbox, threadId: thread.id });
    this.events.emit('deleted', thread, mailbox);
  }

  changeMessage(msg: StoredMessage, patch: Partial<Pick<StoredMessage, 'text' | 'attributes' | 'renderFormat' | 'renderContent'>>): void {
    Object.assign(msg, patch);
    const seq = this.nextSeq();
    msg.changeSeq = seq;
    const thread = this.threads.get(msg.threadId)!;
    for (const view of thread.views.values()) view.changeSeq = seq;
    this.events.emit('messageChanged', msg, thread);
  }

  /** Adds or removes one member's reaction; false when nothing changed (LinkedIn answers those 2xx too). */
  react(msg: StoredMessage, actor: string, emoji: string, add: boolean): boolean {
    const i = msg.reactions.findIndex((r) => r.emoji === emoji && r.actor === actor);
    if (add === i >= 0) return false;
    if (add) msg.reactions.push({ emoji, actor, at: this.now() });
    else msg.reactions.splice(i, 1);
    const seq = this.nextSeq();
    msg.changeSeq = seq;
    const thread = this.threads.get(msg.threadId)!;
    for (const view of thread.views.values()) view.changeSeq = seq;
    this.events.emit('reaction', msg, thread, actor, emoji, add);
    return true;
  }

  touchThread(thread: Thread): void {
    const seq = this.nextSeq();
    for (const view of thread.views.values()) view.changeSeq = seq;
  }

  // ---- quotas -----------------------------------------------------------------

  dayKey(account: string): string {
    return `${account}:${Math.floor(this.now() / DAY_MS)}`;
  }

  sendsToday(account: string): number {
    return this.sendsPerDay.get(this.dayKey(account)) ?? 0;
  }

  countSend(account: string): void {
    const key = this.dayKey(account);
    this.sendsPerDay.set(key, (this.sendsPerDay.get(key) ?? 0) + 1);
  }

  secondsUntilNextDay(): number {
    const now = this.now();
    return Math.ceil((DAY_MS - (now % DAY_MS)) / 1000);
  }
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
