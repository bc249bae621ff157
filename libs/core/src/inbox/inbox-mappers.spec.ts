import type { WireConversation, WireMessage, WireParticipant } from '@threadline/linkedin';
import type { SalesNavThread } from '@threadline/linkedin/wire';
import { fromSalesNavThread, toConversationUpsert, toSyncedMessage, type MailboxRef } from './inbox-mappers';

const OWNER = 'urn:li:fsd_profile:ACoAAOwner0000000000000000000000000000';
const SARAH = 'urn:li:fsd_profile:ACoAASarah0000000000000000000000000000';
const box: MailboxRef = { workspaceId: 'w1', accountId: 'a1', ownerUrn: OWNER, baselineAt: new Date('2026-11-25T10:00:00Z') };

function participant(urn: string, first: string, last: string, distance: 'SELF' | 'DISTANCE_1'): WireParticipant {
  return {
    entityUrn: `urn:li:msg_messagingParticipant:${urn}`,
    hostIdentityUrn: urn,
    participantType: { member: { firstName: { text: first }, lastName: { text: last }, headline: { text: 'Engineer' }, profileUrl: 'https://www.linkedin.com/in/x', distance } },
  };
}

function message(from: WireParticipant, at: string, extra: Partial<WireMessage> = {}): WireMessage {
  return {
    entityUrn: `urn:li:msg_message:(${OWNER},2-m${at})`, backendUrn: 'urn:li:messagingMessage:2-m', backendConversationUrn: 'urn:li:messagingThread:2-c',
    body: { text: 'Hello there' }, deliveredAt: Date.parse(at), sender: from, messageBodyRenderFormat: 'DEFAULT', renderContent: [], ...extra,
  };
}

describe('inbox mappers', () => {
  const owner = participant(OWNER, 'Olive', 'Owner', 'SELF');
  const sarah = participant(SARAH, 'Sarah', 'Chen', 'DISTANCE_1');

  it('maps a reply after the baseline as inbound and still to announce', () => {
    const row = toSyncedMessage(message(sarah, '2026-11-25T11:00:00Z'), 'urn:conv', box);
    expect(row).toMatchObject({ direction: 'inbound', origin: 'linkedin', senderUrn: SARAH, senderName: 'Sarah Chen', text: 'Hello there', notified: false });
  });

  it('stores history from before the baseline without announcing it', () => {
    expect(toSyncedMessage(message(sarah, '2026-11-25T09:00:00Z'), 'urn:conv', box).notified).toBe(true);
  });

  it('maps a message the owner typed by hand as outbound, keeping its originToken', () => {
    const row = toSyncedMessage(message(owner, '2026-11-25T11:00:00Z', { originToken: 'tok-1' }), 'urn:conv', box);
    expect(row).toMatchObject({ direction: 'outbound', originToken: 'tok-1', notified: true });
  });

  it('lists file attachments, and blanks a recalled message (text and files) as LinkedIn shows it', () => {
    const file = { renderContent: [{ file: { assetUrn: 'urn:a', byteSize: 3, mediaType: 'application/pdf', name: 'deck.pdf' } }] };
    const row = toSyncedMessage(message(sarah, '2026-11-25T11:00:00Z', file), 'urn:conv', box);
    expect(row).toMatchObject({ recalled: false, attachments: [{ kind: 'file', name: 'deck.pdf', mediaType: 'application/pdf', byteSize: 3, url: null }] });
    const recalled = toSyncedMessage(message(sarah, '2026-11-25T11:00:00Z', { messageBodyRenderFormat: 'RECALLED', ...file }), 'urn:conv', box);
    expect(recalled).toMatchObject({ text: '', attachments: [], recalled: true });
  });

  it('keeps the other participants and the newest message of a conversation', () => {
    const conversation: WireConversation = {
      entityUrn: `urn:li:msg_conversation:(${OWNER},2-c)`, backendUrn: 'urn:li:messagingThread:2-c', categories: ['INBOX', 'PRIMARY_INBOX'], groupChat: false,
      createdAt: 1, lastActivityAt: Date.parse('2026-11-25T11:00:00Z'), read: false, unreadCount: 2, conversationParticipants: [owner, sarah],
      messages: { elements: [message(sarah, '2026-11-25T11:00:00Z')] },
    };
    const row = toConversationUpsert(conversation, box);
    expect(row).toMatchObject({ source: 'linkedin', unreadCount: 2, read: false, salesNavThreadId: null });
    expect(row.participants.map((p) => p.profileUrn)).toEqual([SARAH]);
    expect(row.latestMessage).toMatchObject({ text: 'Hello there', direction: 'inbound', senderProfileUrn: SARAH });
  });

  it('maps a Sales Navigator thread to urn:li:salesNav_thread, telling the owner by degree 0', () => {
    const me = 'urn:li:fs_salesProfile:(ACwAAOwner,NAME_SEARCH,x)';
    const lead = 'urn:li:fs_salesProfile:(ACwAALead,NAME_SEARCH,x)';
    const thread: SalesNavThread = {
      id: '2-snthread', archived: false, unreadMessageCount: 1, participants: [me, lead],
      participantsResolutionResults: { [me]: { entityUrn: me, fullName: 'Olive Owner', degree: 0 }, [lead]: { entityUrn: lead, fullName: 'Lee Lead', degree: 2 } },
      messages: [
        { id: 'sn-m2', type: 'MESSAGE', deliveredAt: Date.parse('2026-11-25T12:00:00Z'), body: 'Sounds good', author: lead },
        { id: 'sn-m1', type: 'INMAIL', deliveredAt: Date.parse('2026-11-25T09:30:00Z'), subject: 'Intro', body: 'Hi Lee', author: me },
      ],
    };
    const { conversation, messages } = fromSalesNavThread(thread, box);
    expect(conversation).toMatchObject({ conversationUrn: 'urn:li:salesNav_thread:2-snthread', source: 'sales_navigator', salesNavThreadId: '2-snthread', unreadCount: 1 });
    expect(conversation.participants.map((p) => p.name)).toEqual(['Lee Lead']);
    expect(conversation.latestMessage).toMatchObject({ text: 'Sounds good', direction: 'inbound' });
    expect(messages.map((m) => [m.messageUrn, m.direction, m.notified])).toEqual([['sn-m2', 'inbound', false], ['sn-m1', 'outbound', true]]);
  });
});
