import type { AttributedText, SendTextAttribute } from './common';

/** Send-side `renderContentUnions` element: one key per element. */
export interface SendRenderContentUnion {
  file?: { assetUrn: string; byteSize: number; mediaType: string; name: string };
  audio?: { assetUrn: string; byteSize: number; duration?: number };
  video?: {
    media: string;
    thumbnail: { artifacts: { width: number; height: number }[]; rootUrl: string };
    trackingId: string;
    progressiveStreams: {
      bitRate: number;
      height: number;
      mediaType: string;
      size: number;
      width: number;
      streamingLocations: { url: string }[];
    }[];
  };
  repliedMessageContent?: {
    originalSenderUrn: string;
    originalSendAt: number;
    originalMessageUrn: string;
    messageBody: AttributedText;
  };
}

/** `POST …voyagerMessagingDashMessengerMessages?action=createMessage` body. */
export interface CreateMessageRequest {
  message: {
    body: { text: string; attributes?: SendTextAttribute[] };
    renderContentUnions?: SendRenderContentUnion[];
    /** Set for an existing thread; absent when `hostRecipientUrns` starts one. */
    conversationUrn?: string;
    /** Required; LinkedIn does not dedupe on it. */
    originToken: string;
  };
  /** The owner's `urn:li:fsd_profile:…`. */
  mailboxUrn: string;
  /** Exactly 16 chars, each ≤ U+00FF; else a bare 400. */
  trackingId: string;
  dedupeByClientGeneratedToken: false;
  /** `urn:li:fsd_profile:…` of the recipients of a new conversation. */
  hostRecipientUrns?: string[];
  /** Group title; only with several `hostRecipientUrns`. */
  conversationTitle?: string;
}

/** createMessage answer (plain JSON, no accept header). */
export interface CreateMessageResponse {
  value: {
    entityUrn: string;
    backendUrn: string;
    conversationUrn: string;
    backendConversationUrn: string;
    senderUrn: string;
    originToken: string;
    body: AttributedText;
    deliveredAt: number;
    renderContentUnions: SendRenderContentUnion[];
  };
}

/** Batch partial update body on `…MessengerConversations?ids=List(…)`; keys are plain URNs. */
export interface BatchReadPatchRequest {
  entities: Record<string, { patch: { $set: { read: boolean } } }>;
}

/** Batch partial update answer: 200 with a JSON body, never an empty 204. */
export interface BatchPatchResponse {
  results: Record<string, { status: number }>;
  errors: Record<string, unknown>;
}

/** `POST …MessengerConversations?action=typing` body; answered 202, no body. */
export interface TypingRequest {
  conversationUrn: string;
}

/** `POST …MessagingBadge?action=markAllMessagesAsSeen` body; answered 200, empty. */
export interface MarkAllMessagesAsSeenRequest {
  until: number;
}

/** `POST …MessengerMessages?action=recall` body; answered 204. */
export interface RecallMessageRequest {
  messageUrn: string;
}

/** Edit body on `POST …MessengerMessages/<enc msg urn>`. */
export interface EditMessageRequest {
  patch: { $set: { body: { text: string; attributes?: SendTextAttribute[] } } };
}

/** `?action=addParticipants` takes fsd_profile URNs; `removeParticipants` takes msg_messagingParticipant URNs. */
export interface ParticipantsChangeRequest {
  conversationUrn: string;
  participants: string[];
}

/** Upload kinds accepted by the upload metadata action. */
export type MediaUploadType =
  | 'MESSAGING_PHOTO_ATTACHMENT'
  | 'MESSAGING_FILE_ATTACHMENT'
  | 'MESSAGING_VIDEO_ATTACHMENT'
  | 'VOICE_MESSAGE';

/** `POST …voyagerVideoDashMediaUploadMetadata?action=upload` body. */
export interface UploadMetadataRequest {
  mediaUploadType: MediaUploadType;
  fileSize: number;
  filename: string;
}

/** The upload metadata value; large videos may get MULTIPART (not supported). */
export interface UploadMetadataValue {
  /** `urn:li:digitalmediaAsset:…` */
  urn: string;
  singleUploadUrl: string;
  singleUploadHeaders?: Record<string, string>;
  type: 'SINGLE' | 'MULTIPART';
}

/** Upload metadata answer in normalized form (`data.value`); plain form is `{value}`. */
export interface UploadMetadataResponse {
  data?: { value: UploadMetadataValue; $type?: string };
  value?: UploadMetadataValue;
  included?: unknown[];
}

/** `POST …DeliveryAcknowledgements?action=sendDeliveryAcknowledgement` body. */
export interface DeliveryAcknowledgementRequest {
  messageUrns: string[];
  clientId: 'voyager-web';
  deliveryMechanism: 'REALTIME' | 'SYNC';
  clientConsumedAt: number;
}

/** Reaction add/remove body. */
export interface ReactWithEmojiRequest {
  messageUrn: string;
  emoji: string;
}
