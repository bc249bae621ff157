import {
  ACTIONS,
  CONNECTIONS_DECORATION,
  INVITATION_CREATE_DECORATION,
  INVITATION_NOTE_MAX,
  INVITATION_TYPE,
  PATHS,
  profileUrn,
  type ConnectionsResponse,
  type CreateInvitationRequest,
  type CreateInvitationResponse,
  type InvitationEntity,
  type SentInvitationsResponse,
} from './wire';
import { PROFILES } from './build-headers';
import type { ClientContext } from './client-context';
import { LinkedInError } from './linkedin-error';
import { weeklyInvitationLimit } from './parse-linkedin-error';
import type { ConnectionsPage, SendInvitationInput, SentInvitation, SentInvitationsPage } from './types';

/** How many of the newest sent invitations the read-back looks through. */
const READ_BACK_COUNT = 20;
const MAX_PAGE = 100;

/**
 * verifyQuotaAndCreateV2 (reference §5.14), then a read-back of the sent invitations: LinkedIn sometimes
 * answers as if it sent the invitation when the weekly cap is reached ("Pending" in the UI, nothing sent,
 * §6, §7.3), so only an invitation found in the sent list counts.
 */
export async function sendInvitation(ctx: ClientContext, input: SendInvitationInput): Promise<SentInvitation> {
  const invitee = profileUrn(input.profileUrn);
  const note = input.note?.trim() ? input.note : undefined;
  const maxNote = input.maxNoteLength ?? INVITATION_NOTE_MAX;
  if (note !== undefined && [...note].length > maxNote) {
    throw new LinkedInError('invalid_request', `The invitation note has ${[...note].length} characters; LinkedIn allows ${maxNote} for this account.`, { reason: 'invitation_note_unavailable' });
  }
  const json: CreateInvitationRequest = { invitee: { inviteeUnion: { memberProfile: invitee } }, ...(note !== undefined ? { customMessage: note } : {}) };
  const path = `${PATHS.memberRelationships}?action=${ACTIONS.verifyQuotaAndCreateV2}&decorationId=${INVITATION_CREATE_DECORATION}`;
  const body = await ctx.http.json<CreateInvitationResponse>({ method: 'POST', path, profile: PROFILES.invitationCreate, json });
  const created = createdInvitation(body);
  const found = await findSentInvitation(ctx, invitee);
  if (!found) throw weeklyInvitationLimit(PATHS.memberRelationships, { status: 200, silent: true });
  return { ...toSentInvitation(found), invitationUrn: found.entityUrn || created?.entityUrn || '' };
}

/** The pending invitation to this person among the newest sent ones, or null (also the read-back before a retried send). */
export async function findSentInvitation(ctx: ClientContext, inviteeUrn: string): Promise<InvitationEntity | null> {
  const page = await sentPage(ctx, 0, READ_BACK_COUNT);
  const invitee = profileUrn(inviteeUrn);
  return page.elements.map((e) => e.invitation).find((i) => i.inviteeMember === invitee && i.invitationState === 'PENDING') ?? null;
}

/** Sent connection invitations, newest first. */
export async function listSentInvitations(ctx: ClientContext, start = 0, count = 20): Promise<SentInvitationsPage> {
  const body = await sentPage(ctx, start, Math.min(MAX_PAGE, count));
  const elements = body.elements.map((e) => toSentInvitation(e.invitation));
  return { invitations: elements, nextStart: elements.length < count ? null : start + elements.length };
}

/** The account's connections, most recently added first: an accepted invitation shows up here. */
export async function listConnections(ctx: ClientContext, start = 0, count = 40): Promise<ConnectionsPage> {
  const n = Math.min(MAX_PAGE, count);
  const path = `${PATHS.connections}?decorationId=${CONNECTIONS_DECORATION}&count=${n}&q=search&sortType=RECENTLY_ADDED&start=${start}`;
  const body = await ctx.http.json<ConnectionsResponse>({ method: 'GET', path, profile: PROFILES.restJson });
  if (!body || !Array.isArray(body.elements)) throw new LinkedInError('unknown', 'LinkedIn answered the connections read without elements.', { reason: 'bad_response' });
  const connections = body.elements.map((c) => ({ profileUrn: c.connectedMember, connectedAt: c.createdAt }));
  return { connections, nextStart: connections.length < n ? null : start + connections.length };
}

async function sentPage(ctx: ClientContext, start: number, count: number): Promise<SentInvitationsResponse> {
  const path = `${PATHS.sentInvitations}?count=${count}&invitationType=CONNECTION&q=invitationType&start=${start}`;
  const body = await ctx.http.json<SentInvitationsResponse>({ method: 'GET', path, profile: PROFILES.restJson });
  if (!body || !Array.isArray(body.elements)) throw new LinkedInError('unknown', 'LinkedIn answered the sent-invitations read without elements.', { reason: 'bad_response' });
  return body;
}

function createdInvitation(body: CreateInvitationResponse | undefined): InvitationEntity | undefined {
  const urn = body?.data?.value?.['*invitation'];
  if (!urn) return undefined;
  return body?.included?.find((e): e is InvitationEntity => e.$type === INVITATION_TYPE && e.entityUrn === urn);
}

function toSentInvitation(i: InvitationEntity): SentInvitation {
  return { invitationUrn: i.entityUrn, profileUrn: i.inviteeMember, state: i.invitationState, sentAt: i.sentTime, withNote: i.customMessage };
}
