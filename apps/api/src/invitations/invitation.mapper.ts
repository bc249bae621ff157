import type { ConnectOutcome, InvitationPage } from '@threadline/core';
import type { InvitationEntity } from '@threadline/db';
import type { ConnectResponse, InvitationPageResponse, InvitationResponse } from './invitation.dto';

export function toInvitationResponse(i: InvitationEntity): InvitationResponse {
  return {
    id: i.id, accountId: i.accountId, profileUrn: i.profileUrn, state: i.state, invitationUrn: i.invitationUrn, note: i.note,
    sentAt: i.sentAt?.toISOString() ?? null, acceptedAt: i.acceptedAt?.toISOString() ?? null, errorCode: i.errorCode,
    leadId: i.leadId, campaignId: i.campaignId, createdAt: i.createdAt.toISOString(),
  };
}

export function toConnectResponse(outcome: ConnectOutcome): ConnectResponse {
  return { success: true, message: 'Invitation sent', invitationId: outcome.invitation.id, ...toInvitationResponse(outcome.invitation) };
}

export function toInvitationPageResponse(page: InvitationPage): InvitationPageResponse {
  return { success: true, invitations: page.invitations.map(toInvitationResponse), nextCursor: page.nextCursor };
}
