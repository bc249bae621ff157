import { messageEventData, webhookEnvelope, webhookEventId } from './webhook-events';

describe('webhook events', () => {
  it('gives the same fact the same event id, and different facts different ids', () => {
    expect(webhookEventId('message.received', 'acc', 'urn:1')).toBe(webhookEventId('message.received', 'acc', 'urn:1'));
    expect(webhookEventId('message.received', 'acc', 'urn:1')).not.toBe(webhookEventId('message.sent', 'acc', 'urn:1'));
    expect(webhookEventId('message.received', 'acc', 'urn:1')).toMatch(/^evt_[0-9a-f]{32}$/);
  });

  it('shapes a message like the hosted API payload', () => {
    const data = messageEventData({
      id: 'm1', accountId: 'a1', messageUrn: 'urn:li:msg_message:(x,2-1)', backendUrn: 'urn:li:messagingMessage:2-1', conversationUrn: 'urn:li:msg_conversation:(x,2-c)',
      senderUrn: 'urn:li:fsd_profile:ACoAA1', senderName: 'Sarah Chen', text: 'hi', sentAt: new Date('2026-11-25T10:00:00Z'), attachments: [],
    });
    expect(webhookEnvelope('evt_1', 'message.received', data, new Date('2026-11-25T10:00:01Z'))).toEqual({
      id: 'evt_1',
      event: 'message.received',
      object: 'event',
      created_at: '2026-11-25T10:00:01.000Z',
      data: {
        id: 'm1', message_urn: 'urn:li:msg_message:(x,2-1)', backend_message_urn: 'urn:li:messagingMessage:2-1', account_id: 'a1', provider: 'LINKEDIN',
        sender: { id: 'urn:li:fsd_profile:ACoAA1', name: 'Sarah Chen', profile_url: null, profile_picture: null },
        body: 'hi', timestamp: '2026-11-25T10:00:00.000Z', conversation_id: 'urn:li:msg_conversation:(x,2-c)', attachments: [],
      },
    });
  });
});
