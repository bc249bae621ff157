/** Thread filters of `salesApiMessagingThreads?q=filter`. */
export type SalesNavThreadFilter = 'INBOX' | 'SENT' | 'ARCHIVED';

/** Decoration the web app asks for; must go percent-encoded, including `(),*~!'`. */
export const SALES_NAV_THREAD_DECORATION =
  '(id,restrictions,archived,unreadMessageCount,nextPageStartsAt,totalMessageCount,messages*(id,type,contentFlag,deliveredAt,lastEditedAt,subject,body,footerText,blockCopy,attachments,author,systemMessageContent),participants*~fs_salesProfile(entityUrn,firstName,lastName,fullName,degree,profilePictureDisplayImage,objectUrn,inmailRestriction))';

/** A Sales Navigator profile (`urn:li:fs_salesProfile:(ACwAA…,NAME_SEARCH,<token>)`). */
export interface SalesNavProfile {
  entityUrn: string;
  firstName?: string;
  lastName?: string;
  fullName?: string;
  degree?: number;
  /** `urn:li:member:<n>` */
  objectUrn?: string;
  profilePictureDisplayImage?: unknown;
  /** Set when the member does not accept InMail. */
  inmailRestriction?: string | null;
}

/** Message types inside a Sales Navigator thread. */
export type SalesNavMessageType = 'INMAIL' | 'INVITATION' | 'SYSTEM_MESSAGE' | 'MESSAGE' | (string & {});

/** One Sales Navigator message. */
export interface SalesNavMessage {
  id: string;
  type: SalesNavMessageType;
  contentFlag?: string;
  deliveredAt: number;
  lastEditedAt?: number;
  subject?: string | null;
  body: string;
  footerText?: string | null;
  blockCopy?: boolean;
  attachments?: unknown[];
  /** The sender's sales profile URN. */
  author: string;
  systemMessageContent?: unknown;
}

/** One Sales Navigator thread. */
export interface SalesNavThread {
  id: string;
  restrictions?: string[];
  archived: boolean;
  unreadMessageCount: number;
  /** `pageStartsAt` of the next page when this is the last thread of a page. */
  nextPageStartsAt?: number | null;
  totalMessageCount?: number;
  messages: SalesNavMessage[];
  /** Sales profile URNs; resolved in `participantsResolutionResults`. */
  participants: string[];
  participantsResolutionResults?: Record<string, SalesNavProfile>;
}

/** `GET /sales-api/salesApiMessagingThreads?q=filter…` answer. */
export interface SalesNavThreadsResponse {
  elements: SalesNavThread[];
  paging?: { start: number; count: number; total?: number };
}

/** `POST /sales-api/salesApiMessageActions?action=createMessage` body. */
export interface SalesNavCreateMessageRequest {
  createMessageRequest: {
    body: string;
    subject?: string;
    /** Sales profile URNs; a reply sends `threadId` without recipients. */
    recipients?: string[];
    threadId?: string;
    copyToCrm: boolean;
    trackingId: string;
  };
}

/** createMessage answer (plain `value`, or `data.value` when normalized). */
export interface SalesNavCreateMessageResponse {
  value?: { messageId: string; threadId: string };
  data?: { value: { messageId: string; threadId: string } };
}

/** Fields asked of `salesApiProfiles` when resolving a member to its Sales Navigator profile. */
export const SALES_PROFILE_DECORATION = '(entityUrn,objectUrn,firstName,lastName,fullName,flagshipProfileUrl,inmailRestriction)';

/** `GET /sales-api/salesApiProfiles/(profileId:<id>,authType:NAME_SEARCH)` answer (normalized: under `data`). */
export interface SalesProfileResponse {
  /** `urn:li:fs_salesProfile:(ACwAA…,NAME_SEARCH,<token>)` */
  entityUrn?: string;
  objectUrn?: string;
  firstName?: string;
  lastName?: string;
  fullName?: string;
  flagshipProfileUrl?: string;
  inmailRestriction?: string | null;
  data?: Omit<SalesProfileResponse, 'data'>;
}

/** Credit grant type for InMail. */
export const SALES_NAV_INMAIL_CREDIT_GRANT = 'LSS_INMAIL';

/** One credit grant of `GET /sales-api/salesApiCredits?q=findCreditGrant&creditGrantType=LSS_INMAIL`. */
export interface SalesNavCreditGrant {
  creditGrantType: typeof SALES_NAV_INMAIL_CREDIT_GRANT | string;
  value: number;
  /** Credits still available. */
  remaining?: number;
  nextGrantAt?: number;
}

/** Credits answer. */
export interface SalesNavCreditsResponse {
  elements: SalesNavCreditGrant[];
}

/** Sales Navigator error code for used-up credits or a recipient that can't be messaged. */
export const MESSAGE_VALIDATION_PLUGIN_ERROR = 'MESSAGE_VALIDATION_PLUGIN_ERROR';
