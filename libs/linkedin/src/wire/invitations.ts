// Connection invitations (reference §5.14, §6, §7.1). The create call is the reference's; the two reads
// (sent invitations, connections) are not in the reference: their shapes are [inferred] from public
// clients and are the emulator's contract, kept here so that client and emulator share them.

/** `decorationId` of the current create call (reference §5.14). */
export const INVITATION_CREATE_DECORATION = 'com.linkedin.voyager.dash.deco.relationships.InvitationCreationResultWithInvitee-2';
/** `decorationId` of the connections read [inferred]. */
export const CONNECTIONS_DECORATION = 'com.linkedin.voyager.dash.deco.web.mynetwork.ConnectionListWithProfile-16';

/** LinkedIn's note limits (reference §7.1): 300 characters, 200 on free accounts. */
export const INVITATION_NOTE_MAX = 300;
export const INVITATION_NOTE_MAX_FREE = 200;
/** Personalised notes a free account may send per month (reference §7.1, "~5/month"). */
export const FREE_NOTES_PER_MONTH = 5;

/** `$type` of the created invitation in the normalized answer. */
export const INVITATION_TYPE = 'com.linkedin.voyager.dash.relationships.invitation.Invitation';
export const PROFILE_TYPE = 'com.linkedin.voyager.dash.identity.profile.Profile';

/** `POST …voyagerRelationshipsDashMemberRelationships?action=verifyQuotaAndCreateV2` body. */
export interface CreateInvitationRequest {
  invitee: { inviteeUnion: { memberProfile: string } };
  /** The note, ≤ 300 characters (200 on free accounts); absent for an invitation without a note. */
  customMessage?: string;
}

/**
 * The normalized answer (accept normalized). It always names the invitee (decoration `…WithInvitee`), so
 * success is judged by the created invitation: `data.value['*invitation']` and its entity in `included`
 * (reference §5.14, "not by any URN present").
 */
export interface CreateInvitationResponse {
  data?: { value?: { '*invitation'?: string; '*invitee'?: string; $type?: string } };
  included?: Array<InvitationEntity | { $type: string; entityUrn: string }>;
}

export type InvitationState = 'PENDING' | 'ACCEPTED' | 'IGNORED' | 'WITHDRAWN';

/** An invitation as LinkedIn lists it; `entityUrn` is `urn:li:fsd_invitation:<id>` [inferred]. */
export interface InvitationEntity {
  $type: typeof INVITATION_TYPE;
  entityUrn: string;
  /** The invitee's `urn:li:fsd_profile:…`. */
  inviteeMember: string;
  invitationState: InvitationState;
  /** Epoch ms. */
  sentTime: number;
  customMessage: boolean;
  message?: string | null;
}

/** `GET /voyager/api/relationships/sentInvitationViewsV2?q=invitationType&invitationType=CONNECTION&start&count` answer (plain JSON) [inferred]. */
export interface SentInvitationsResponse {
  elements: Array<{ invitation: InvitationEntity }>;
  paging: { start: number; count: number; total?: number };
}

/** One connection, newest first (`sortType=RECENTLY_ADDED`) [inferred]. */
export interface ConnectionElement {
  entityUrn: string;
  /** The other member's `urn:li:fsd_profile:…`. */
  connectedMember: string;
  /** Epoch ms when the connection was made (the invitation was accepted). */
  createdAt: number;
}

/** `GET /voyager/api/relationships/dash/connections?q=search&sortType=RECENTLY_ADDED&start&count` answer (plain JSON) [inferred]. */
export interface ConnectionsResponse {
  elements: ConnectionElement[];
  paging: { start: number; count: number; total?: number };
}

/** Error codes of invitation refusals (reference §6); `CUSTOM_MESSAGE_QUOTA_EXCEEDED` is the emulator's [inferred] name for a free account out of notes. */
export const INVITATION_ERROR_CODES = {
  fuseLimitExceeded: 'FUSE_LIMIT_EXCEEDED',
  connectionLimitReached: 'CANT_INVITE_CONNECTION_LIMIT_REACHED',
  maxInvitationSent: 'MAX_INVITATION_SENT',
  cantResendYet: 'CANT_RESEND_YET',
  alreadyInvited: 'ALREADY_INVITED',
  notesExhausted: 'CUSTOM_MESSAGE_QUOTA_EXCEEDED',
} as const;

/** Statuses of the per-prospect refusals without a body code (reference §6). */
export const NOT_INVITABLE_STATUS = 403;
export const INVALID_INVITATION_STATE_STATUS = 406;
