import type { ThreadlineClient } from '@threadline/client';
import { createWorkspace, threadline } from './support/api-client';
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
  // Reads and writes through the typed client (libs/client), so a change of these routes' shapes fails here too.
  let tl: ThreadlineClient;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await emulator('POST', '/reset');
    ({ key } = await createWorkspace());
    alex = await connectAccount(key, SANDBOX.alex);
    tl = threadline(key);
    await receiver.start();
    expect((await tl.POST('/v1/webhooks', { body: { url: receiver.url, events: ['message.sent'] } })).response.status).toBe(201);
  });

  afterAll(async () => {
    await receiver.stop();
    await emulator('POST', '/reset');
  });

  it('lists the sender and the file of a sent message in message.sent and the thread, and reads it recalled without text after a recall', async () => {
    const up = await uploadFile(key, new Uint8Array(Buffer.from('%PDF-1.4 reads')), 'deck.pdf', 'application/pdf');
    expect(up.status).toBe(201);
    const text = `The deck ${Date.now()}`;
    expect((await tl.POST('/v1/messages', { body: { accountId: alex, recipientId: urn(SANDBOX.sarah), text, attachments: [up.body.attachment.id] } })).response.status).toBe(200);

    const event = await waitFor('message.sent', async () => receiver.accepted().find((r) => r.body.event === 'message.sent' && r.body.data.body === text), 30_000);
    expect(event.body.data).toMatchObject({ origin: 'api', sender: { id: urn(SANDBOX.alex), name: expect.any(String) } });
    expect(event.body.data.attachments).toEqual([expect.objectContaining({ kind: 'file', name: 'deck.pdf', mediaType: 'application/pdf' })]);
    const conversationUrn = event.body.data.conversation_id as string;
    const messageUrn = event.body.data.message_urn as string;

    // After the sync has seen it too: still one message, with its file.
    await waitForMessage(key, alex, conversationUrn, (m) => m.text === text);
    const threadOf = async () => (await tl.GET('/v1/conversations/{conversationUrn}/messages', { params: { path: { conversationUrn }, query: { accountId: alex, count: 50 } } })).data!.messages;
    const thread = (await threadOf()).filter((m) => m.messageUrn === messageUrn);
    expect(thread).toHaveLength(1);
    expect(thread[0]).toMatchObject({ origin: 'api', recalled: false, sender: { profileUrn: urn(SANDBOX.alex), name: expect.any(String) } });
    expect(thread[0]!.attachments).toEqual([expect.objectContaining({ kind: 'file', name: 'deck.pdf' })]);
    const conversations = async () => (await tl.GET('/v1/conversations', { params: { query: { accountId: alex } } })).data!.conversations;
    await waitFor('the conversation\'s latest message', async () => (await conversations()).find((c) => c.conversationUrn === conversationUrn && c.latestMessage?.messageUrn === messageUrn), 30_000);

    expect((await tl.DELETE('/v1/conversations/{conversationUrn}/messages/{messageUrn}', { params: { path: { conversationUrn, messageUrn } } })).response.status).toBe(200);
    expect((await threadOf()).find((m) => m.messageUrn === messageUrn)).toMatchObject({ recalled: true, text: '', attachments: [] });
    const conversation = (await conversations()).find((c) => c.conversationUrn === conversationUrn);
    expect(conversation!.latestMessage).toMatchObject({ messageUrn, recalled: true, text: '' });
  });
});
