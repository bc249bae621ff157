import { api, createWorkspace } from './support/api-client';
import { connectAccount } from './support/accounts';
import { SANDBOX, emulator } from './support/emulator-admin';
import { waitForMessage } from './support/inbox';
import { uploadFile } from './support/uploads';
import { waitFor } from './support/wait-for';
import { WebhookReceiver } from './support/webhook-receiver';

jest.setTimeout(120_000);

const urn = (id: string) => `urn:li:fsd_profile:${id}`;

describe('reads show what LinkedIn shows: sender, attachments and recalls of sent messages', () => {
  let key: string;
  let alex: string;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await emulator('POST', '/reset');
    ({ key } = await createWorkspace());
    alex = await connectAccount(key, SANDBOX.alex);
    await receiver.start();
    expect((await api('POST', '/v1/webhooks', { key, body: { url: receiver.url, events: ['message.sent'] } })).status).toBe(201);
  });

  afterAll(async () => {
    await receiver.stop();
    await emulator('POST', '/reset');
  });

  it('lists the sender and the file of a sent message in message.sent and the thread, and reads it recalled without text after a recall', async () => {
    const up = await uploadFile(key, new Uint8Array(Buffer.from('%PDF-1.4 reads')), 'deck.pdf', 'application/pdf');
    expect(up.status).toBe(201);
    const text = `The deck ${Date.now()}`;
    expect((await api('POST', '/v1/messages', { key, body: { accountId: alex, recipientId: urn(SANDBOX.sarah), text, attachments: [up.body.attachment.id] } })).status).toBe(200);

    const event = await waitFor('message.sent', async () => receiver.accepted().find((r) => r.body.event === 'message.sent' && r.body.data.body === text), 30_000);
    expect(event.body.data).toMatchObject({ origin: 'api', sender: { id: urn(SANDBOX.alex), name: expect.any(String) } });
    expect(event.body.data.attachments).toEqual([expect.objectContaining({ kind: 'file', name: 'deck.pdf', mediaType: 'application/pdf' })]);
    const conversationUrn = event.body.data.conversation_id as string;
    const messageUrn = event.body.data.message_urn as string;

    // After the sync has seen it too: still one message, with its file.
    await waitForMessage(key, alex, conversationUrn, (m) => m.text === text);
    const thread = (await api('GET', `/v1/conversations/${encodeURIComponent(conversationUrn)}/messages?accountId=${alex}&count=50`, { key })).body.messages
      .filter((m: { messageUrn: string }) => m.messageUrn === messageUrn);
    expect(thread).toHaveLength(1);
    expect(thread[0]).toMatchObject({ origin: 'api', recalled: false, sender: { profileUrn: urn(SANDBOX.alex), name: expect.any(String) } });
    expect(thread[0].attachments).toEqual([expect.objectContaining({ kind: 'file', name: 'deck.pdf' })]);
    await waitFor('the conversation\'s latest message', async () => {
      const list = await api('GET', `/v1/conversations?accountId=${alex}`, { key });
      return list.body.conversations.find((c: { conversationUrn: string; latestMessage: { messageUrn: string } | null }) => c.conversationUrn === conversationUrn && c.latestMessage?.messageUrn === messageUrn);
    }, 30_000);

    expect((await api('DELETE', `/v1/conversations/${encodeURIComponent(conversationUrn)}/messages/${encodeURIComponent(messageUrn)}`, { key })).status).toBe(200);
    const after = await api('GET', `/v1/conversations/${encodeURIComponent(conversationUrn)}/messages?accountId=${alex}&count=50`, { key });
    expect(after.body.messages.find((m: { messageUrn: string }) => m.messageUrn === messageUrn)).toMatchObject({ recalled: true, text: '', attachments: [] });
    const list = await api('GET', `/v1/conversations?accountId=${alex}`, { key });
    const conversation = list.body.conversations.find((c: { conversationUrn: string }) => c.conversationUrn === conversationUrn);
    expect(conversation.latestMessage).toMatchObject({ messageUrn, recalled: true, text: '' });
  });
});
