import type { AttributedText, VectorImage } from './common';
import type { Conversation, ConversationParticipant } from './conversation';

/** `_type` of a messenger message. */
export const MESSAGE_TYPE = 'com.linkedin.messenger.Message';

/** How a message body renders; EDITED/RECALLED after edit/recall. */
export type MessageBodyRenderFormat = 'DEFAULT' | 'EDITED' | 'RECALLED' | 'SYSTEM';

/** `renderContent[].file`: files, and images sent as files. */
export interface FileRenderContent {
  assetUrn: string;
  byteSize: number;
  mediaType: string;
  name: string;
  url?: string;
}

/** `renderContent[].video`. */
export interface VideoRenderContent {
  media?: string;
  entityUrn?: string;
  thumbnail?: VectorImage;
  progressiveStreams?: {
    streamingLocations: { url: string }[];
    size: number;
    bitRate: number;
    width: number;
    height: number;
    mediaType: string;
  }[];
  aspectRatio?: number;
  duration?: number;
  trackingId?: string;
}

/** `renderContent[].audio`: voice notes; duration in ms. */
export interface AudioRenderContent {
  url?: string;
  assetUrn?: string;
  byteSize?: number;
  duration?: number;
}

/** `renderContent[].externalMedia` (GIFs). */
export interface ExternalMediaRenderContent {
  media: { originalHeight: number; originalWidth: number; url: string };
  previewMedia?: { originalHeight: number; originalWidth: number; url: string };
  title?: string;
  entityUrn?: string;
}

/** `renderContent[].hostUrnData`: InMail markers and shared posts. */
export interface HostUrnDataRenderContent {
  type: 'SALES_INMAIL' | 'PREMIUM_INMAIL' | 'FEED_UPDATE' | (string & {});
  hostUrn: string;
}

/** One `renderContent` element: a union with exactly one key set. */
export interface RenderContent {
  file?: FileRenderContent;
  vectorImage?: VectorImage;
  video?: VideoRenderContent;
  audio?: AudioRenderContent;
  externalMedia?: ExternalMediaRenderContent;
  forwardedMessageContent?: {
    _type?: string;
    forwardedBody: AttributedText;
    footerText?: { text: string };
    originalSender?: ConversationParticipant;
  };
  repliedMessageContent?: { originalMessage?: Partial<Message> };
  hostUrnData?: HostUrnDataRenderContent;
  messageAdRenderContent?: unknown;
  conversationAdsMessageContent?: unknown;
}

/** Reaction tally on a message. */
export interface ReactionSummary {
  emoji: string;
  count: number;
  firstReactedAt: number;
  viewerReacted: boolean;
}

/** `com.linkedin.messenger.Message`; threads answer newest first. */
export interface Message {
  _type?: typeof MESSAGE_TYPE | string;
  /** `urn:li:msg_message:(urn:li:fsd_profile:<owner>,2-<b64>)` */
  entityUrn: string;
  /** `urn:li:messagingMessage:2-<b64>` */
  backendUrn: string;
  /** `urn:li:messagingThread:2-<b64>` */
  backendConversationUrn: string;
  /** A full conversation on realtime events, often just `{entityUrn}` in history. */
  conversation?: Partial<Conversation> & { entityUrn: string };
  conversationUrn?: string;
  body: AttributedText;
  subject?: string | null;
  deliveredAt: number;
  sender: ConversationParticipant;
  /** Usually equals sender, but can be null; read `sender`. */
  actor?: ConversationParticipant | null;
  /** Set only on the owner's own messages. */
  originToken?: string | null;
  messageBodyRenderFormat: MessageBodyRenderFormat;
  renderContent: RenderContent[];
  renderContentFallbackText?: string | null;
  reactionSummaries?: ReactionSummary[];
  footer?: unknown;
  inlineWarning?: unknown;
}

/** Metadata of `messengerMessagesByAnchorTimestamp` / `ByConversation` / `BySyncToken`. */
export interface MessagesMetadata {
  prevCursor?: string | null;
  nextCursor?: string | null;
  newSyncToken?: string;
  deletedUrns?: unknown[];
  shouldClearCache?: boolean;
}
