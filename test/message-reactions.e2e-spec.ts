// Reactions and edits round trip: API → Temporal activity → LinkedIn client → emulator, read back, and the message.reaction webhook.
import { api, createWorkspace } from './support/api-client';
import { connectAccount, routeCounts } from './support/accounts';
import { SANDBOX, emulator } from './support/emulator-admin';
import { WebhookReceiver } from './support/webhook-receiver';
import { waitFor } from './support/wait-for';

const sarah = `urn:li:fsd_profile:${SANDBOX.sarah}`;
const alexUrn = `urn:li:fsd_profile:${SANDBOX.alex}`;

describe('message reactions and edits through the API', () => {
  let key: string;
  let accountId: string;
  let conversationUrn: string;
  let messageUrn: string;
  let receiver: WebhookReceiver;
  const path = (prefix = '/v1') => `${prefix}/conversations/${encodeURIComponent(conversationUrn)}/messages/${encodeURIComponent(messageUrn)}`;

  beforeAll(async () => {
    await emulator('POST', '/reset');
    receiver = await new WebhookReceiver().start();
    ({ key } = await createWorkspace());
    accountId = await connectAccount(key, SANDBOX.alex);
    const hook = await api('POST', '/v1/webhooks', { key, body: { url: receiver.url, events: ['message.reaction', 'message.edited'] } });
    expect(hook.status).toBe(201);
    const sent = await api('POST', '/v1/messages', { key, body: { recipientId: sarah, text: 'Are we still on for Tuesday at 9?' } });
    expect(sent.status).toBe(200);
    ({ conversationUrn, messageUrn } = sent.body);
  });
  afterAll(async () => {
    await receiver.stop();
  });

  it('adds a reaction, lists its reactor and fires message.reaction when POST …/reactions names an emoji', async () => {
    const res = await api('POST', `${path()}/reactions`, { key, body: { emoji: '👍' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      accountId,
      conversationUrn,
      messageUrn,
      reactions: [{ emoji: '👍', count: 1, viewerReacted: true, firstReactedAt: expect.any(String), reactors: [{ profileUrn: alexUrn, name: 'Alex Sandbox' }] }],
      status: 'done',
    });
    expect((await routeCounts(SANDBOX.alex)).react).toBe(1);

    // The hosted name `reaction` works too, at the /linkedin prefix.
    const second = await api('POST', `${path('/linkedin')}/reactions`, { key, body: { reaction: '🎉' } });
    expect(second.status).toBe(200);
    const listed = await api('GET', `${path()}/reactions`, { key });
    expect(listed.status).toBe(200);
    expect(listed.body.reactions.map((r: { emoji: string; count: number }) => [r.emoji, r.count])).toEqual([['👍', 1], ['🎉', 1]]);

    const events = await waitFor('two message.reaction deliveries', async () => {
      const got = receiver.accepted().filter((w) => w.body.event === 'message.reaction');
      return got.length >= 2 ? got : undefined;
    });
    expect(events[0]!.body).toMatchObject({
      event: 'message.reaction',
      object: 'event',
      data: { message_urn: messageUrn, conversation_id: conversationUrn, account_id: accountId, provider: 'LINKEDIN', reaction: '👍', reaction_added: true, sender: { id: alexUrn } },
    });
  });

  it('removes the reaction and fires message.reaction with reaction_added false on DELETE …/reactions/{emoji}', async () => {
    const res = await api('DELETE', `${path()}/reactions/${encodeURIComponent('🎉')}`, { key });
    expect(res.status).toBe(200);
    expect(res.body.reactions.map((r: { emoji: string }) => r.emoji)).toEqual(['👍']);
    const removed = await waitFor('the removal webhook', async () => receiver.accepted().find((w) => w.body.event === 'message.reaction' && w.body.data.reaction_added === false));
    expect(removed.body.data).toMatchObject({ reaction: '🎉', reactions: [{ emoji: '👍', count: 1 }] });
  });

  it('answers 400 naming emoji when the body has none, and 404 naming messageUrn for a message not in the conversation', async () => {
    const empty = await api('POST', `${path()}/reactions`, { key, body: {} });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('emoji');
    const blank = await api('POST', `${path()}/reactions`, { key, body: { emoji: '' } });
    expect(blank.status).toBe(400);
    const unknownUrn = messageUrn.replace(/2-[^)]+\)$/, '2-bm9uZXhpc3RlbnQ=)');
    const unknown = await api('GET', `/v1/conversations/${encodeURIComponent(conversationUrn)}/messages/${encodeURIComponent(unknownUrn)}/reactions`, { key });
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.body)).toContain('messageUrn');
  });

  it('edits the message and answers the text read back from LinkedIn, at PATCH and at the hosted …/modify', async () => {
    // The inbox has the conversation with this message as its latest (the sync stored it), so the edit must show there too.
    await waitFor('the conversation in the inbox', async () => {
      await api('POST', '/v1/conversations/sync', { key, body: {} });
      const listed = await api('GET', '/v1/conversations?count=50', { key });
      return listed.body.conversations?.find((c: { conversationUrn: string; latestMessage: { messageUrn: string } | null }) => c.conversationUrn === conversationUrn && c.latestMessage?.messageUrn === messageUrn);
    }, 30_000, 1000);
    const res = await api('PATCH', path(), { key, body: { text: 'Are we still on for Tuesday at 10?' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, accountId, conversationUrn, messageUrn, text: 'Are we still on for Tuesday at 10?', edited: true, status: 'done' });
    const modify = await api('POST', `${path('/linkedin')}/modify`, { key, body: { text: 'Tuesday at 11 then.' } });
    expect(modify.status).toBe(200);
    expect(modify.body).toMatchObject({ text: 'Tuesday at 11 then.', edited: true });
    // The other side sees the edit too.
    const dump = await emulator('GET', `/threads?account=${SANDBOX.sarah}`);
    expect(JSON.stringify(dump)).toContain('Tuesday at 11 then.');
    // And reads show it at once: the message list and the conversation's latest message.
    const thread = await api('GET', `/v1/conversations/${encodeURIComponent(conversationUrn)}/messages`, { key });
    expect(thread.body.messages.find((m: { messageUrn: string }) => m.messageUrn === messageUrn)).toMatchObject({ text: 'Tuesday at 11 then.', edited: true, recalled: false });
    // message.edited, once per edit, with the new text.
    const edits = await waitFor('both message.edited webhooks', async () => {
      const got = receiver.accepted().filter((w) => w.body.event === 'message.edited');
      return got.length >= 2 ? got : undefined;
    });
    expect(edits.map((w) => w.body.data)).toEqual(expect.arrayContaining([
      expect.objectContaining({ message_urn: messageUrn, conversation_id: conversationUrn, body: 'Are we still on for Tuesday at 10?', edited: true }),
      expect.objectContaining({ message_urn: messageUrn, body: 'Tuesday at 11 then.', edited: true }),
    ]));
    expect(new Set(edits.map((w) => w.body.id)).size).toBe(edits.length);
    const listed = await api('GET', '/v1/conversations?count=50', { key });
    expect(listed.body.conversations.find((c: { conversationUrn: string }) => c.conversationUrn === conversationUrn)?.latestMessage).toMatchObject({ messageUrn, text: 'Tuesday at 11 then.', edited: true });
    const empty = await api('PATCH', path(), { key, body: { text: '' } });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('text');
  });

  it('fires message.reaction when the other side reacts, from LinkedIn\'s realtime stream', async () => {
    // The account's realtime watch is up once a sync pass ran; Sarah then reacts in her app.
    await waitFor('a sync pass', async () => {
      const res = await api('GET', `/v1/conversations/sync?accountId=${accountId}`, { key });
      return res.body.accounts?.[0]?.syncCount >= 1;
    });
    const marker = '🔥';
    const hit = await waitFor('the member reaction webhook', async () => {
      await emulator('POST', `/members/${SANDBOX.sarah}/react`, { messageUrn, emoji: marker, remove: true });
      await emulator('POST', `/members/${SANDBOX.sarah}/react`, { messageUrn, emoji: marker });
      await new Promise((r) => setTimeout(r, 500));
      return receiver.accepted().find((w) => w.body.event === 'message.reaction' && w.body.data.reaction === marker && w.body.data.reaction_added === true);
    }, 60_000, 2_000);
    expect(hit.body.data).toMatchObject({ message_urn: messageUrn, account_id: accountId, sender: { id: sarah, name: 'Sarah Chen' }, reactions: [{ emoji: marker, count: 1 }] });
  });
});
