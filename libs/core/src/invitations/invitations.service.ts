import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { AccountsRepository, InvitationsRepository, LeadEventsRepository, type InvitationEntity, type InvitationStateValue, type LinkedinAccountEntity } from '@threadline/db';
import { DomainError, isDomainError } from '@threadline/domain';
import { INVITATION_NOTE_MAX, INVITATION_NOTE_MAX_FREE } from '@threadline/linkedin/wire';
import { type LeadInvitationInput, type LeadInvitationOutcome, leadInvitationAcceptedSignal } from '@threadline/contracts';
import { AccountsService } from '../accounts/accounts.service';
import type { AuthContext } from '../auth/auth-context';
import { QuotaService, type QuotaStatus } from '../quota/quota.service';
import { TEMPORAL_CLIENT } from '../tokens';
import { WebhooksService } from '../webhooks/webhooks.service';
import { webhookEventId } from '../webhooks/webhook-events';

/** POST /v1/connect, after validation. */
export interface ConnectRequest {
  accountId?: string;
  /** Any person reference the client resolves (URN, profile id, vanity, URL). */
  profileRef?: string;
  note?: string;
  idempotencyKey?: string;
}

export interface ConnectOutcome {
  invitation: InvitationEntity;
  account: LinkedinAccountEntity;
  quota: QuotaStatus;
}

export interface InvitationPage {
  invitations: InvitationEntity[];
  nextCursor: string | null;
}

/** What one invitation attempt came to, before the API or a sequence step decides what it means. */
type SendResult =
  | { kind: 'sent'; invitation: InvitationEntity }
  | { kind: 'wait'; notBefore: Date; reason: 'quota' | 'hold' | 'spacing'; status?: QuotaStatus }
  | { kind: 'failed'; error: DomainError };

/** Pages of connections (40 each) a check reads at most. */
const SENT_LOOKBACK_PAGES = 5;
const CONNECTIONS_PAGE = 40;
const ACCEPTANCE_ACCOUNTS_PER_ROUND = 200;
/** Codes about the prospect: the invitation ends, the account is fine. */
const PROSPECT_CODES = ['ALREADY_INVITED', 'ALREADY_CONNECTED', 'INVITATION_RESEND_TOO_SOON', 'NOT_INVITABLE', 'INVITATION_STATE_INVALID', 'INVITATION_NOTE_UNAVAILABLE', 'RECIPIENT_NOT_REACHABLE', 'NOT_FOUND'];

/**
 * Connection invitations, shared by the API (POST /v1/connect) and the sequence connect step: reserve a unit
 * of the 'invitation' budget, send, read LinkedIn's sent list back (the silent weekly cap), then commit (or
 * release); the weekly cap holds the account's invitations only. Acceptance is found by reading the
 * account's connections. Withdrawing is not offered: LinkedIn has no stable call for it (reference §5.14).
 */
@Injectable()
export class InvitationsService {
  private readonly logger = new Logger(InvitationsService.name);

  constructor(
    private readonly accounts: AccountsService,
    private readonly accountRows: AccountsRepository,
    private readonly invitations: InvitationsRepository,
    private readonly quota: QuotaService,
    private readonly webhooks: WebhooksService,
    private readonly leadEvents: LeadEventsRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  /** POST /v1/connect: one invitation now, or a 4xx/429 that says why not. */
  async connect(auth: AuthContext, request: ConnectRequest): Promise<ConnectOutcome> {
    const profileRef = request.profileRef;
    if (!profileRef) throw new DomainError('VALIDATION_FAILED', 'Name the person to invite: profileId (vanity name, URL or id) or profileUrn.', { field: 'profileId' });
    const account = await this.accounts.resolve(auth, request.accountId);
    this.accounts.assertUsable(account);
    const now = new Date();
    if (account.holdUntil && account.holdUntil > now) {
      throw new DomainError('ACCOUNT_ON_HOLD', `Account ${account.id} is on hold until ${account.holdUntil.toISOString()} (${account.statusReason ?? 'safety hold'}). Retry after that.`, { retryAfterMs: account.holdUntil.getTime() - now.getTime() });
    }
    this.checkNote(account, request.note);
    const profileUrn = await this.accounts.withLinkedIn(account, (client) => client.resolveRecipient(profileRef));
    const earlier = await this.invitations.latestFor(auth.workspaceId, account.id, profileUrn);
    // A retried request (same Idempotency-Key) finds its own invitation; anything else was already invited.
    const operationId = `connect:${account.id}:${request.idempotencyKey ?? randomUUID()}`;
    if (earlier && earlier.operationId !== operationId) {
      if (earlier.state === 'accepted') throw new DomainError('ALREADY_CONNECTED', `${profileUrn} accepted an invitation of this account on ${earlier.acceptedAt?.toISOString()}; message them instead.`, { field: 'profileId' });
      throw new DomainError('ALREADY_INVITED', `An invitation of this account to ${profileUrn} is pending since ${earlier.sentAt?.toISOString()} (invitation ${earlier.id}).`, { field: 'profileId' });
    }
    const result = await this.send(account, { profileUrn, note: request.note?.trim() ? request.note : null, operationId });
    if (result.kind !== 'sent') {
      // A request answered 4xx stores nothing: the answer is the record (the invitation hold stays on the account).
      await this.invitations.discard(account.workspaceId, operationId);
      await this.quota.forget(account.workspaceId, operationId);
    }
    if (result.kind === 'failed') throw result.error;
    if (result.kind === 'wait') {
      const retryAfterMs = Math.max(0, result.notBefore.getTime() - now.getTime());
      if (result.reason === 'hold') {
        throw new DomainError('INVITATIONS_HELD', `Invitations of account ${account.id} are held until ${result.notBefore.toISOString()} (LinkedIn's weekly invitation limit); messages are not affected.`, { retryAfterMs, details: { holdUntil: result.notBefore.toISOString() } });
      }
      throw new DomainError('QUOTA_EXCEEDED', `Account ${account.id} has used its invitation budget; the next one can go at ${result.notBefore.toISOString()}.`, { retryAfterMs, details: { quota: result.status } });
    }
    return { invitation: result.invitation, account, quota: await this.quota.status(account, 'invitation') };
  }

  /** A sequence connect step's invitation; refusals about the prospect are outcomes, the account's problems are failures. */
  async sendForLead(input: LeadInvitationInput): Promise<LeadInvitationOutcome> {
    const account = await this.accounts.forActivity(input.workspaceId, input.accountId);
    const earlier = await this.invitations.latestFor(input.workspaceId, account.id, input.profileUrn);
    if (earlier?.state === 'accepted') return { status: 'already_connected' };
    if (earlier && earlier.operationId !== input.operationId) return { status: 'already_invited', sentAt: earlier.sentAt?.getTime() ?? null };
    const lead = { leadId: input.leadId, campaignId: input.campaignId, workflowId: input.workflowId };
    let note = input.note;
    if (note !== null && [...note].length > this.noteLimit(account)) {
      if (input.noteFallback === 'skip') return { status: 'refused', code: 'INVITATION_NOTE_UNAVAILABLE', message: `the note has ${[...note].length} characters; this account may send ${this.noteLimit(account)}` };
      note = null;
    }
    // Automated invitations take the member's delivery turn like messages (spacing and jitter between LinkedIn writes).
    let result = await this.send(account, { profileUrn: input.profileUrn, note, operationId: input.operationId, lead, claimTurn: true });
    // No notes left this month (free accounts): the same invitation without one, when the step says so.
    if (result.kind === 'failed' && result.error.code === 'INVITATION_NOTE_UNAVAILABLE' && note !== null && input.noteFallback === 'without_note') {
      result = await this.send(account, { profileUrn: input.profileUrn, note: null, operationId: input.operationId, lead, claimTurn: true });
    }
    if (result.kind === 'wait') return { status: 'wait', notBefore: result.notBefore.getTime(), reason: result.reason };
    if (result.kind === 'failed') {
      const { code, message } = result.error;
      if (code === 'ALREADY_CONNECTED') {
        // No invitation was made: nothing to list.
        await this.invitations.discard(input.workspaceId, input.operationId);
        await this.quota.forget(input.workspaceId, input.operationId);
        return { status: 'already_connected' };
      }
      if (code === 'ALREADY_INVITED') return { status: 'already_invited', sentAt: null };
      if (PROSPECT_CODES.includes(code)) return { status: 'refused', code, message };
      throw result.error;
    }
    const sent = result.invitation;
    await this.leadEvents.record({
      workspaceId: input.workspaceId, campaignId: input.campaignId, leadId: input.leadId, eventKey: `invited:${input.stepIndex}`, type: 'invited',
      stepIndex: input.stepIndex, stepId: input.stepId, variantId: null, at: sent.sentAt ?? new Date(), data: { invitationId: sent.id, invitationUrn: sent.invitationUrn, withNote: sent.note !== null },
    });
    return { status: 'sent', invitationUrn: sent.invitationUrn ?? '', sentAt: (sent.sentAt ?? new Date()).getTime(), withNote: sent.note !== null };
  }

  /** Whether the person is a 1st-degree connection now: an accepted invitation, else LinkedIn's newest connections. */
  async isConnected(input: { workspaceId: string; accountId: string; profileUrn: string }): Promise<{ connected: boolean; at: number | null }> {
    const earlier = await this.invitations.latestFor(input.workspaceId, input.accountId, input.profileUrn);
    if (earlier?.state === 'accepted') return { connected: true, at: earlier.acceptedAt?.getTime() ?? null };
    const account = await this.accounts.forActivity(input.workspaceId, input.accountId);
    await this.checkAcceptances(account);
    const now = await this.invitations.latestFor(input.workspaceId, input.accountId, input.profileUrn);
    if (now?.state === 'accepted') return { connected: true, at: now.acceptedAt?.getTime() ?? null };
    return this.accounts.withLinkedIn(account, async (client) => {
      const page = await client.listConnections(0, CONNECTIONS_PAGE);
      const found = page.connections.find((c) => c.profileUrn === input.profileUrn);
      return found ? { connected: true, at: found.connectedAt } : { connected: false, at: null };
    });
  }

  /** GET /v1/invitations: the workspace's invitations, newest first, by cursor. */
  async list(auth: AuthContext, query: { accountId?: string; state?: InvitationStateValue; cursor?: string; limit: number }): Promise<InvitationPage> {
    if (query.accountId) await this.accounts.get(auth, query.accountId);
    const before = query.cursor ? decodeCursor(query.cursor) : null;
    const rows = await this.invitations.list(auth.workspaceId, { accountId: query.accountId, state: query.state, before, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { invitations: page, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
  }

  async get(auth: AuthContext, id: string): Promise<InvitationEntity> {
    const found = await this.invitations.findById(auth.workspaceId, id);
    if (!found) throw new DomainError('NOT_FOUND', `No invitation ${id} in this workspace.`, { field: 'id' });
    return found;
  }

  /**
   * The acceptance check of one account: reads its connections newest first, back to its oldest pending
   * invitation, and marks every invitee found there accepted (webhook, lead timeline, lead signal). Returns
   * how many were accepted.
   */
  async checkAcceptances(account: LinkedinAccountEntity): Promise<number> {
    const pending = await this.invitations.pendingOf(account.workspaceId, account.id);
    if (pending.length === 0) return 0;
    const byProfile = new Map(pending.map((i) => [i.profileUrn, i]));
    const oldest = Math.min(...pending.map((i) => i.sentAt?.getTime() ?? 0));
    const found = new Map<string, Date>();
    await this.accounts.withLinkedIn(account, async (client) => {
      for (let start: number | null = 0, pages = 0; start !== null && pages < SENT_LOOKBACK_PAGES; pages += 1) {
        const page = await client.listConnections(start, CONNECTIONS_PAGE);
        for (const c of page.connections) if (byProfile.has(c.profileUrn)) found.set(c.profileUrn, new Date(c.connectedAt || Date.now()));
        // Newest first: connections made before the oldest pending invitation cannot be its acceptance.
        const last = page.connections[page.connections.length - 1];
        start = last && last.connectedAt >= oldest ? page.nextStart : null;
      }
    });
    let accepted = 0;
    for (const [profileUrn, at] of found) {
      const invitation = byProfile.get(profileUrn)!;
      const [changed] = await this.invitations.markAccepted(account.workspaceId, [invitation.id], at);
      if (!changed) continue;
      accepted += 1;
      await this.onAccepted(changed);
    }
    return accepted;
  }

  /** One round of the scheduled acceptance check over every account with pending invitations. */
  async checkAllAcceptances(): Promise<{ accounts: number; accepted: number }> {
    const accounts = await this.accountRows.withPendingInvitations(ACCEPTANCE_ACCOUNTS_PER_ROUND);
    let accepted = 0;
    for (const account of accounts) {
      try {
        accepted += await this.checkAcceptances(account);
      } catch (err) {
        // One account's dead session or throttle must not stop the round for the others.
        this.logger.warn(`acceptance check of account ${account.id} failed: ${isDomainError(err) ? err.code : String(err)}`);
      }
    }
    return { accounts: accounts.length, accepted };
  }

  private async onAccepted(invitation: InvitationEntity): Promise<void> {
    const at = invitation.acceptedAt ?? new Date();
    await this.webhooks.emit(invitation.workspaceId, 'invitation.accepted', invitationEventData(invitation), webhookEventId('invitation.accepted', invitation.workspaceId, invitation.id));
    if (invitation.leadId && invitation.campaignId) {
      await this.leadEvents.record({
        workspaceId: invitation.workspaceId, campaignId: invitation.campaignId, leadId: invitation.leadId, eventKey: `invitation_accepted:${invitation.id}`, type: 'invitation_accepted',
        stepIndex: null, stepId: null, variantId: null, at, data: { invitationId: invitation.id },
      });
    }
    if (invitation.workflowId) {
      try {
        await this.temporal.workflow.getHandle(invitation.workflowId).signal(leadInvitationAcceptedSignal, { profileUrn: invitation.profileUrn, at: at.getTime() });
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
    }
  }

  /**
   * Reserve, send, read back, commit: LinkedIn is asked only with a unit reserved, and the unit counts only
   * when the invitation is found in LinkedIn's sent list. A retried operation looks there first.
   */
  private async send(account: LinkedinAccountEntity, input: { profileUrn: string; note: string | null; operationId: string; lead?: { leadId: string; campaignId: string; workflowId: string }; claimTurn?: boolean }): Promise<SendResult> {
    const existing = await this.invitations.findByOperation(account.workspaceId, input.operationId);
    if (existing && (existing.state === 'pending' || existing.state === 'accepted')) return { kind: 'sent', invitation: existing };
    const slot = await this.quota.reserve(account, 'invitation', input.operationId);
    if (!slot.granted) return { kind: 'wait', notBefore: slot.notBefore, reason: slot.reason, status: slot.status };
    if (!input.claimTurn) return this.deliver(account, input, existing);
    // The unit stays reserved (same operation) while the run waits for its turn.
    const turn = await this.quota.claimSend(account, input.operationId);
    if (!turn.granted) return { kind: 'wait', notBefore: turn.notBefore, reason: 'spacing' };
    try {
      // The turn comes a gap after the member's previous write: an invitation hold that write set since
      // this account row was read must stop this one (the bench caught one slipping through under load).
      const heldUntil = (await this.accountRows.findInWorkspace(account.workspaceId, account.id))?.invitationsHeldUntil;
      if (heldUntil && heldUntil > new Date()) {
        await this.quota.release(account.workspaceId, input.operationId);
        return { kind: 'wait', notBefore: heldUntil, reason: 'hold' };
      }
      return await this.deliver(account, input, existing);
    } finally {
      // LinkedIn answered (or nothing was sent): the member's next write counts its gap from now.
      await this.quota.deliveryDone(input.operationId);
    }
  }

  /** The LinkedIn part: send (or find an earlier attempt's invitation), then commit, or release on a refusal. */
  private async deliver(account: LinkedinAccountEntity, input: { profileUrn: string; note: string | null; operationId: string; lead?: { leadId: string; campaignId: string; workflowId: string } }, existing: InvitationEntity | null): Promise<SendResult> {
    await this.invitations.begin({ workspaceId: account.workspaceId, accountId: account.id, profileUrn: input.profileUrn, operationId: input.operationId, note: input.note, ...input.lead });
    try {
      const sent = await this.accounts.withLinkedIn(account, async (client) => {
        // An earlier attempt may have reached LinkedIn before it failed: read the sent list back first.
        if (existing) {
          const found = await client.findPendingInvitation(input.profileUrn);
          if (found) return found;
        }
        return client.sendInvitation({ profileUrn: input.profileUrn, note: input.note ?? undefined, maxNoteLength: this.noteLimit(account) });
      });
      const sentAt = new Date(sent.sentAt);
      await this.invitations.markPending(account.workspaceId, input.operationId, sent.invitationUrn, sentAt, sent.withNote ? input.note : null);
      await this.quota.commit(account.workspaceId, input.operationId, sentAt);
      const invitation = (await this.invitations.findByOperation(account.workspaceId, input.operationId))!;
      await this.webhooks.emit(account.workspaceId, 'invitation.sent', invitationEventData(invitation), webhookEventId('invitation.sent', account.workspaceId, invitation.id));
      return { kind: 'sent', invitation };
    } catch (err) {
      await this.quota.release(account.workspaceId, input.operationId);
      if (!isDomainError(err)) throw err;
      await this.invitations.markFailed(account.workspaceId, input.operationId, err.code);
      if (err.code === 'INVITATIONS_HELD') {
        const until = new Date(Date.now() + (err.retryAfterMs ?? 24 * 3_600_000));
        await this.accountRows.holdInvitations(account.workspaceId, account.id, until);
        return { kind: 'wait', notBefore: until, reason: 'hold' };
      }
      if (err.code === 'INVITATION_STATE_INVALID' && (await this.connectedNow(account, input.profileUrn))) {
        return { kind: 'failed', error: new DomainError('ALREADY_CONNECTED', `${input.profileUrn} is already a 1st-degree connection of this account; message them instead.`, { field: 'profileId' }) };
      }
      return { kind: 'failed', error: err };
    }
  }

  private async connectedNow(account: LinkedinAccountEntity, profileUrn: string): Promise<boolean> {
    try {
      return await this.accounts.withLinkedIn(account, async (client) => {
        for (let start: number | null = 0, pages = 0; start !== null && pages < SENT_LOOKBACK_PAGES; pages += 1) {
          const page = await client.listConnections(start, CONNECTIONS_PAGE);
          if (page.connections.some((c) => c.profileUrn === profileUrn)) return true;
          start = page.nextStart;
        }
        return false;
      });
    } catch {
      return false;
    }
  }

  /** LinkedIn's note limit for this account (reference §7.1): 300 characters, 200 on free accounts. */
  private noteLimit(account: LinkedinAccountEntity): number {
    return account.isPremium ? INVITATION_NOTE_MAX : INVITATION_NOTE_MAX_FREE;
  }

  private checkNote(account: LinkedinAccountEntity, note: string | undefined): void {
    if (note === undefined) return;
    const limit = this.noteLimit(account);
    if ([...note].length > limit) {
      throw new DomainError('INVITATION_NOTE_UNAVAILABLE', `customMessage has ${[...note].length} characters; LinkedIn takes ${limit} from this account${limit < INVITATION_NOTE_MAX ? ' (a free account)' : ''}.`, { field: 'customMessage' });
    }
  }
}

/** The webhook payload of invitation.sent / invitation.accepted (snake_case, as the other events). */
export function invitationEventData(i: InvitationEntity): Record<string, unknown> {
  return {
    id: i.id, account_id: i.accountId, provider: 'LINKEDIN', profile_urn: i.profileUrn, invitation_urn: i.invitationUrn, state: i.state, with_note: i.note !== null,
    sent_at: i.sentAt?.toISOString() ?? null, accepted_at: i.acceptedAt?.toISOString() ?? null, lead_id: i.leadId, campaign_id: i.campaignId,
  };
}

function encodeCursor(i: InvitationEntity): string {
  return Buffer.from(`${i.createdAt.toISOString()}|${i.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new DomainError('VALIDATION_FAILED', 'cursor is not one this API handed out; pass nextCursor from the previous page.', { field: 'cursor' });
  return { createdAt, id };
}
