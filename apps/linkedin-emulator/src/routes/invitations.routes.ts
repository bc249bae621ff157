import {
  ACTIONS,
  FREE_NOTES_PER_MONTH,
  INVALID_INVITATION_STATE_STATUS,
  INVITATION_CREATE_DECORATION,
  INVITATION_ERROR_CODES,
  INVITATION_NOTE_MAX,
  INVITATION_NOTE_MAX_FREE,
  INVITATION_TYPE,
  NOT_INVITABLE_STATUS,
  PATHS,
  PROFILE_TYPE,
  profileIdOf,
  profileUrn,
  type ConnectionsResponse,
  type CreateInvitationRequest,
  type CreateInvitationResponse,
  type InvitationEntity,
  type SentInvitationsResponse,
} from '@threadline/linkedin/wire';
import type { EmulatorApp } from '../app';
import { INVITATION_FAULT_KINDS, type FaultRule } from '../faults/fault-injector';
import type { RequestContext } from '../protocol/http';
import { isRecord, jsonBody, sendJson, sendStatus } from '../protocol/http';
import type { Account, Invitation } from '../state/types';
import { authed, isPost } from './route';
import type { Route } from './route';

/** `urn:li:fsd_invitation:<id>` [inferred]. */
function invitationUrn(id: string): string {
  return `urn:li:fsd_invitation:${id}`;
}

function toEntity(i: Invitation): InvitationEntity {
  return { $type: INVITATION_TYPE, entityUrn: invitationUrn(i.id), inviteeMember: profileUrn(i.to), invitationState: i.state, sentTime: i.sentAt, customMessage: i.note !== null, message: i.note };
}

/** The body of a valid create request, or undefined (answered with a bare 400). */
function parseCreate(body: unknown): CreateInvitationRequest | undefined {
  if (!isRecord(body) || !isRecord(body.invitee) || !isRecord(body.invitee.inviteeUnion)) return undefined;
  const member = body.invitee.inviteeUnion.memberProfile;
  if (typeof member !== 'string' || !profileIdOf(member)) return undefined;
  if (body.customMessage !== undefined && typeof body.customMessage !== 'string') return undefined;
  return body as unknown as CreateInvitationRequest;
}

function refuse(ctx: RequestContext, status: number, code: string, message: string): void {
  sendJson(ctx.res, status, { status, data: { status, code, message } });
}

/** Answers a switched-on invitation fault; true when it answered (the silent cap answers later, as a success). */
function answerFault(ctx: RequestContext, fault: FaultRule): boolean {
  switch (fault.kind) {
    case 'invite_weekly_cap':
      refuse(ctx, 429, INVITATION_ERROR_CODES.fuseLimitExceeded, 'You have reached the weekly invitation limit.');
      return true;
    case 'invite_already_invited':
      refuse(ctx, 400, INVITATION_ERROR_CODES.alreadyInvited, 'An invitation is already pending.');
      return true;
    case 'invite_cant_resend':
      refuse(ctx, 400, INVITATION_ERROR_CODES.cantResendYet, 'You can invite this person again 3 weeks after withdrawing.');
      return true;
    case 'invite_not_invitable':
      sendJson(ctx.res, NOT_INVITABLE_STATUS, { status: NOT_INVITABLE_STATUS });
      return true;
    case 'invite_invalid_state':
      sendJson(ctx.res, INVALID_INVITATION_STATE_STATUS, { status: INVALID_INVITATION_STATE_STATUS });
      return true;
    default:
      return false;
  }
}

/** The weekly cap answered as a success with nothing stored (reference §6, "silent"); the invitee URN is in the answer as always. */
function answerCreated(ctx: RequestContext, invitee: string, invitation: Invitation | null): void {
  const body: CreateInvitationResponse = {
    data: { value: { $type: 'com.linkedin.voyager.dash.relationships.InvitationCreationResult', '*invitee': profileUrn(invitee), ...(invitation ? { '*invitation': invitationUrn(invitation.id) } : {}) } },
    included: [{ $type: PROFILE_TYPE, entityUrn: profileUrn(invitee) }, ...(invitation ? [toEntity(invitation)] : [])],
  };
  sendJson(ctx.res, 200, body);
}

function createInvitation(ctx: RequestContext, app: EmulatorApp, account: Account): void {
  if (ctx.query('decorationId') !== INVITATION_CREATE_DECORATION) return sendStatus(ctx.res, 400);
  const request = parseCreate(jsonBody(ctx));
  if (!request) return sendStatus(ctx.res, 400);
  const invitee = profileIdOf(request.invitee.inviteeUnion.memberProfile)!;
  const s = app.state;
  if (!s.members.has(invitee) || invitee === account.profileId) return sendJson(ctx.res, NOT_INVITABLE_STATUS, { status: NOT_INVITABLE_STATUS });
  const { fault } = app.faults.decide(account.profileId, 'createInvitation', 'invitations', INVITATION_FAULT_KINDS, invitee);
  if (fault && answerFault(ctx, fault)) return;
  if (fault?.kind === 'invite_weekly_cap_silent') return answerCreated(ctx, invitee, null);
  if (account.weeklyInvitationLimit !== null && s.invitationsThisWeek(account.profileId) >= account.weeklyInvitationLimit) {
    return refuse(ctx, 429, INVITATION_ERROR_CODES.fuseLimitExceeded, 'You have reached the weekly invitation limit.');
  }
  if (s.degree(account.profileId, invitee) === 1) return sendJson(ctx.res, INVALID_INVITATION_STATE_STATUS, { status: INVALID_INVITATION_STATE_STATUS });
  if (s.pendingInvitation(account.profileId, invitee)) return refuse(ctx, 400, INVITATION_ERROR_CODES.alreadyInvited, 'An invitation is already pending.');
  const note = request.customMessage?.length ? request.customMessage : null;
  if (note !== null) {
    if ([...note].length > (account.premium ? INVITATION_NOTE_MAX : INVITATION_NOTE_MAX_FREE)) return sendStatus(ctx.res, 400);
    if (!account.premium && s.notesThisMonth(account.profileId) >= FREE_NOTES_PER_MONTH) {
      return refuse(ctx, 400, INVITATION_ERROR_CODES.notesExhausted, 'You have used your personalised invitations for this month.');
    }
  }
  answerCreated(ctx, invitee, s.invite(account.profileId, invitee, note));
}

function page(ctx: RequestContext): { start: number; count: number } | undefined {
  const start = Number(ctx.query('start') ?? '0');
  const count = Number(ctx.query('count') ?? '10');
  if (!Number.isInteger(start) || start < 0 || !Number.isInteger(count) || count < 1 || count > 100) return undefined;
  return { start, count };
}

export const invitationRoutes: Route[] = [
  authed({
    name: 'createInvitation',
    group: 'invitations',
    auth: 'session',
    request: 'POST /voyager/api/voyagerRelationshipsDashMemberRelationships?action=verifyQuotaAndCreateV2 {invitee,customMessage?}',
    answer: '200 `{value:{invitationUrn}}`; 400/429 with LinkedIn\'s invitation error codes (weekly cap, can\'t resend yet, already invited, not invitable); the silent weekly cap answers 200 and stores nothing',
    match: (ctx) => isPost(ctx, PATHS.memberRelationships, ACTIONS.verifyQuotaAndCreateV2),
    handle: createInvitation,
  }),
  authed({
    name: 'sentInvitations',
    group: 'invitations',
    auth: 'session',
    request: 'GET /voyager/api/relationships/sentInvitationViewsV2?q=invitationType&invitationType=CONNECTION&start&count',
    answer: '`{elements:[{invitation}],paging}`: the pending invitations the account sent [inferred shape]',
    match: (ctx) => ctx.method === 'GET' && ctx.path === PATHS.sentInvitations,
    handle: (ctx, app, account) => {
      const p = page(ctx);
      if (!p || ctx.query('q') !== 'invitationType' || ctx.query('invitationType') !== 'CONNECTION') return sendStatus(ctx.res, 400);
      // The sent list shows pending invitations, as LinkedIn's "Sent" tab does.
      const all = app.state.sentInvitationsOf(account.profileId).filter((i) => i.state === 'PENDING');
      const body: SentInvitationsResponse = { elements: all.slice(p.start, p.start + p.count).map((i) => ({ invitation: toEntity(i) })), paging: { start: p.start, count: p.count, total: all.length } };
      sendJson(ctx.res, 200, body);
    },
  }),
  authed({
    name: 'connections',
    group: 'invitations',
    auth: 'session',
    request: 'GET /voyager/api/relationships/dash/connections?q=search&sortType=RECENTLY_ADDED&start&count',
    answer: '`{elements:[{entityUrn,connectedMember,createdAt}],paging}`, newest first [inferred shape]',
    match: (ctx) => ctx.method === 'GET' && ctx.path === PATHS.connections,
    handle: (ctx, app, account) => {
      const p = page(ctx);
      if (!p || ctx.query('q') !== 'search' || ctx.query('sortType') !== 'RECENTLY_ADDED') return sendStatus(ctx.res, 400);
      const all = app.state.firstDegreeOf(account.profileId);
      const body: ConnectionsResponse = {
        elements: all.slice(p.start, p.start + p.count).map((c) => ({ entityUrn: `urn:li:fsd_connection:${c.profileId}`, connectedMember: profileUrn(c.profileId), createdAt: c.connectedAt })),
        paging: { start: p.start, count: p.count, total: all.length },
      };
      sendJson(ctx.res, 200, body);
    },
  }),
];
