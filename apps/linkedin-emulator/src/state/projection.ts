import {
  COLLECTION_RESPONSE_TYPE,
  CONVERSATION_TYPE,
  MESSAGE_TYPE,
  PARTICIPANT_TYPE,
  backendMessageUrn,
  backendThreadUrn,
  conversationUrn,
  memberUrn,
  messageUrn,
  participantUrn,
  profileUrn,
} from '@threadline/linkedin/wire';
import type { Conversation, ConversationParticipant, Distance, Message, ReactionSummary, RenderContent } from '@threadline/linkedin/wire';
import type { EmulatorState } from './emulator-state';
import type { StoredMessage, Thread } from './types';
import { assetUrn } from '../protocol/urn';

// Answers carry only wire-visible fields; everything here is a pure view of state for one mailbox.

const DISTANCES: Distance[] = ['SELF', 'DISTANCE_1', 'DISTANCE_2', 'DISTANCE_3'];

export function projectParticipant(state: EmulatorState, profileId: string, viewer: string): ConversationParticipant {
  const m = state.member(profileId);
  const degree = Math.min(state.degree(viewer, profileId), 3);
  return {
    _type: PARTICIPANT_TYPE,
    entityUrn: participantUrn(profileId),
    hostIdentityUrn: profileUrn(profileId),
    backendUrn: memberUrn(m?.memberId ?? 0),
    participantType: {
      member: {
        firstName: { text: m?.firstName ?? 'LinkedIn', attributes: [] },
        lastName: { text: m?.lastName ?? 'Member', attributes: [] },
        headline: { text: m?.headline ?? '', attributes: [] },
        profileUrl: `https://www.linkedin.com/in/${profileId}`,
        profilePicture: null,
        distance: DISTANCES[degree],
        pronoun: null,
      },
      organization: null,
    },
  };
}

/** Media URL the emulator itself serves; `www.linkedin.com`-style, cookies required. */
export function mediaUrl(baseUrl: string, assetId: string): string {
  return `${baseUrl}/dms/prv/v2/${assetId}/messaging-attachmentFile/0?e=${Date.now() + 86_400_000}`;
}

function projectRenderContent(state: EmulatorState, msg: StoredMessage, viewer: string, baseUrl: string): RenderContent[] {
  const out: RenderContent[] = [];
  for (const rc of msg.renderContent) {
    if (rc.kind === 'file') {
      const a = state.assets.get(rc.assetId);
      out.push({
        file: {
          assetUrn: assetUrn(rc.assetId),
          byteSize: a?.bytes?.length ?? a?.declaredSize ?? 0,
          mediaType: a?.mediaType ?? 'application/octet-stream',
          name: a?.filename ?? 'file',
          url: mediaUrl(baseUrl, rc.assetId),
        },
      });
    } else if (rc.kind === 'audio') {
      out.push({ audio: { url: mediaUrl(baseUrl, rc.assetId), duration: rc.duration ?? 0 } });
    } else if (rc.kind === 'video') {
      const a = state.assets.get(rc.assetId);
      out.push({
        video: {
          entityUrn: assetUrn(rc.assetId),
          media: assetUrn(rc.assetId),
          progressiveStreams: [
            {
              streamingLocations: [{ url: mediaUrl(baseUrl, rc.assetId) }],
              size: a?.bytes?.length ?? a?.declaredSize ?? 0,
              bitRate: 0,
              width: 0,
              height: 0,
              mediaType: a?.mediaType ?? 'video/mp4',
            },
          ],
        },
      });
    } else if (rc.kind === 'replied') {
      out.push({ repliedMessageContent: { originalMessage: { entityUrn: messageUrn(viewer, rc.messageId) } } });
    } else {
      out.push({ hostUrnData: { type: rc.type, hostUrn: rc.hostUrn } });
    }
  }
  return out;
}

/** One summary per emoji, in the order each emoji was first used. */
export function reactionSummaries(msg: StoredMessage, viewer: string): ReactionSummary[] {
  const byEmoji = new Map<string, ReactionSummary>();
  for (const r of msg.reactions) {
    const s = byEmoji.get(r.emoji) ?? { emoji: r.emoji, count: 0, firstReactedAt: r.at, viewerReacted: false };
    s.count += 1;
    s.viewerReacted ||= r.actor === viewer;
    byEmoji.set(r.emoji, s);
  }
  return [...byEmoji.values()];
}

/** The summary of one emoji (count 0 once the last reaction with it is gone). */
export function reactionSummaryOf(msg: StoredMessage, viewer: string, emoji: string, at: number): ReactionSummary {
  return reactionSummaries(msg, viewer).find((s) => s.emoji === emoji) ?? { emoji, count: 0, firstReactedAt: at, viewerReacted: false };
}

export interface ProjectOptions {
  baseUrl: string;
  /** Realtime events embed the full conversation; history embeds just its URN. */
  fullConversation?: boolean;
}

export function projectMessage(state: EmulatorState, msg: StoredMessage, viewer: string, opts: ProjectOptions): Message {
  const thread = state.threads.get(msg.threadId)!;
  const sender = projectParticipant(state, msg.sender, viewer);
  const convUrn = conversationUrn(viewer, thread.id);
  return {
    _type: MESSAGE_TYPE,
    entityUrn: messageUrn(viewer, msg.id),
    backendUrn: backendMessageUrn(msg.id),
    backendConversationUrn: backendThreadUrn(thread.id),
    conversation: opts.fullConversation ? projectConversation(state, thread, viewer, { ...opts, withMessages: false }) : { entityUrn: convUrn },
    conversationUrn: convUrn,
    body: { text: msg.renderFormat === 'RECALLED' ? '' : msg.text, attributes: msg.renderFormat === 'RECALLED' ? [] : (msg.attributes as []) },
    subject: msg.subject,
    deliveredAt: msg.deliveredAt,
    sender,
    actor: sender,
    originToken: msg.sender === viewer ? msg.originToken : null,
    messageBodyRenderFormat: msg.renderFormat,
    renderContent: msg.renderFormat === 'RECALLED' ? [] : projectRenderContent(state, msg, viewer, opts.baseUrl),
    renderContentFallbackText: null,
    reactionSummaries: reactionSummaries(msg, viewer),
    footer: null,
    inlineWarning: null,
  };
}

export function projectConversation(
  state: EmulatorState,
  thread: Thread,
  viewer: string,
  opts: ProjectOptions & { withMessages?: boolean },
): Conversation {
  const view = thread.views.get(viewer)!;
  const last = opts.withMessages === false ? undefined : state.lastMessage(thread.id);
  return {
    _type: CONVERSATION_TYPE,
    entityUrn: conversationUrn(viewer, thread.id),
    backendUrn: backendThreadUrn(thread.id),
    conversationUrl: `https://www.linkedin.com/messaging/thread/${thread.id}/`,
    categories: [...view.categories],
    groupChat: thread.groupChat,
    title: thread.title,
    state: thread.state,
    createdAt: thread.createdAt,
    lastActivityAt: thread.lastActivityAt,
    lastReadAt: view.lastReadAt,
    read: view.read,
    unreadCount: view.unreadCount,
    notificationStatus: 'ACTIVE',
    disabledFeatures: thread.groupChat ? [] : [{ disabledFeature: 'ADD_PARTICIPANT' }],
    conversationTypeText: thread.inmail ? { text: 'InMail', attributes: [] } : null,
    headlineText: null,
    shortHeadlineText: null,
    descriptionText: null,
    creator: projectParticipant(state, thread.creator, viewer),
    conversationParticipants: thread.participants.map((p) => projectParticipant(state, p, viewer)),
    ...(opts.withMessages === false
      ? {}
      : {
          messages: {
            _type: COLLECTION_RESPONSE_TYPE,
            elements: last ? [projectMessage(state, last, viewer, { baseUrl: opts.baseUrl })] : [],
          },
        }),
  };
}
