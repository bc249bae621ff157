import { CONVERSATIONS_Q, CREATE_MESSAGE, SANDBOX, enc, sendBody, startHarness } from '../testing/emulator-harness';
import type { Harness } from '../testing/emulator-harness';

const mailbox = enc(`urn:li:fsd_profile:${SANDBOX.alex}`);

/** Reads `data: ` lines from an SSE response until `until` matches one. */
async function readEvents(res: Response, until: (e: Record<string, unknown>) => boolean): Promise<Record<string, unknown>[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: Record<string, unknown>[] = [];
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return events;
    buffer += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf('\n')) !== -1) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (!line.startsWith('data: ')) continue;
      const e = JSON.parse(line.slice(6)) as Record<string, unknown>;
      events.push(e);
      if (until(e)) {
        await reader.cancel();
        return events;
      }
    }
  }
}

describe('simulated people and realtime', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ heartbeatIntervalMs: 50 });
  });
  afterEach(() => h.close());

  it('lands the auto-reply in the inbox as unread and advances the sync token when Elena gets a message', async () => {
    const alex = h.as(SANDBOX.alex);
    const token = (await alex.graphql(CONVERSATIONS_Q, `(mailboxUrn:${mailbox})`)).json.data.messengerConversationsBySyncToken.metadata.newSyncToken;
    const sent = await alex.post(CREATE_MESSAGE, sendBody(SANDBOX.alex, { hostRecipientUrns: [`urn:li:fsd_profile:${SANDBOX.elena}`] }, 'Hi Elena'));
    expect(sent.status).toBe(200);
    await h.admin('POST', '/clock', { advanceMs: 2_000 });
    const delta = (await alex.graphql(CONVERSATIONS_Q, `(mailboxUrn:${mailbox},syncToken:${token})`)).json.data.messengerConversationsBySyncToken;
    expect(delta.elements).toHaveLength(1);
    const conv = delta.elements[0];
    expect(conv.entityUrn).toBe(sent.json.value.conversationUrn);
    expect(conv).toMatchObject({ read: false, unreadCount: 1 });
    expect(conv.messages.elements[0].body.text).toBe('Thanks Alex, happy to chat! What did you have in mind?');
    expect(conv.messages.elements[0].sender.hostIdentityUrn).toBe(`urn:li:fsd_profile:${SANDBOX.elena}`);
    expect(delta.metadata.newSyncToken).not.toBe(token);
  });

  it('replies only when the message contains a keyword for keyword scripts', async () => {
    await h.admin('POST', `/members/${SANDBOX.priya}/scripts`, { trigger: 'keyword', keywords: ['pricing'], delayMs: 0, text: 'Send me the pricing deck' });
    const alex = h.as(SANDBOX.alex);
    await alex.post(CREATE_MESSAGE, sendBody(SANDBOX.alex, { hostRecipientUrns: [`urn:li:fsd_profile:${SANDBOX.priya}`] }, 'hello'));
    await h.admin('POST', '/clock', { advanceMs: 1 });
    let thread = (await h.admin('GET', `/threads?account=${SANDBOX.alex}`)).json.threads.find((t: { participants: string[] }) => t.participants.includes(SANDBOX.priya));
    expect(thread.messages).toHaveLength(1);
    await alex.post(CREATE_MESSAGE, sendBody(SANDBOX.alex, { hostRecipientUrns: [`urn:li:fsd_profile:${SANDBOX.priya}`] }, 'About PRICING'));
    await h.admin('POST', '/clock', { advanceMs: 1 });
    thread = (await h.admin('GET', `/threads?account=${SANDBOX.alex}`)).json.threads.find((t: { participants: string[] }) => t.participants.includes(SANDBOX.priya));
    expect(thread.messages.map((m: { text: string; origin: string }) => [m.origin, m.text])[0]).toEqual(['reply', 'Send me the pricing deck']);
  });

  it('answers while the account is typing when the script is triggered by typing, once with maxReplies', async () => {
    await h.admin('POST', `/members/${SANDBOX.priya}/scripts`, { trigger: 'typing', delayMs: 60_000, maxReplies: 1, text: 'Typing already? Hi {firstName}' });
    const alex = h.as(SANDBOX.alex);
    const sent = await alex.post(CREATE_MESSAGE, sendBody(SANDBOX.alex, { hostRecipientUrns: [`urn:li:fsd_profile:${SANDBOX.priya}`] }, 'hello'));
    const conversationUrn = sent.json.value.conversationUrn;
    await h.admin('POST', '/clock', { advanceMs: 1000 });
    const priyaThread = async () => (await h.admin('GET', `/threads?account=${SANDBOX.alex}`)).json.threads.find((t: { participants: string[] }) => t.participants.includes(SANDBOX.priya));
    expect((await priyaThread()).messages).toHaveLength(1);
    for (let i = 0; i < 3; i += 1) expect((await alex.post('/voyager/api/voyagerMessagingDashMessengerConversations?action=typing', { conversationUrn })).status).toBe(202);
    await h.admin('POST', '/clock', { advanceMs: 50_000 });
    expect((await priyaThread()).messages).toHaveLength(1);
    await h.admin('POST', '/clock', { advanceMs: 10_000 });
    expect((await priyaThread()).messages.map((m: { origin: string; text: string }) => [m.origin, m.text])).toEqual([['reply', 'Typing already? Hi Alex'], ['api', 'hello']]);
    await h.admin('POST', '/clock', { advanceMs: 120_000 });
    expect((await priyaThread()).messages).toHaveLength(2);
  });

  it('shows a message typed by hand by the owner in syncs but not in the received log', async () => {
    const alex = h.as(SANDBOX.alex);
    const token = (await alex.graphql(CONVERSATIONS_Q, `(mailboxUrn:${mailbox})`)).json.data.messengerConversationsBySyncToken.metadata.newSyncToken;
    const typed = await h.admin('POST', `/accounts/${SANDBOX.alex}/send`, { recipientProfileId: SANDBOX.sarah, text: 'typed on linkedin.com' });
    expect(typed.status).toBe(201);
    const delta = (await alex.graphql(CONVERSATIONS_Q, `(mailboxUrn:${mailbox},syncToken:${token})`)).json.data.messengerConversationsBySyncToken;
    expect(delta.elements[0].messages.elements[0]).toMatchObject({ body: { text: 'typed on linkedin.com' }, sender: { hostIdentityUrn: `urn:li:fsd_profile:${SANDBOX.alex}` } });
    expect(delta.elements[0].read).toBe(true);
    expect((await h.admin('GET', `/received?account=${SANDBOX.alex}`)).json.received).toEqual([]);
  });

  it('streams ClientConnection first, then a messagesTopic event with the full conversation when a member replies', async () => {
    const alex = h.as(SANDBOX.alex);
    const controller = new AbortController();
    const res = await fetch(`${h.url}/realtime/connect?rc=1`, { headers: alex.headers({ accept: 'text/event-stream' }), signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reply = h.admin('POST', `/members/${SANDBOX.sarah}/reply`, { accountProfileId: SANDBOX.alex, text: 'realtime hello' });
    const events = await readEvents(res, (e) => 'com.linkedin.realtimefrontend.DecoratedEvent' in e);
    await reply;
    expect(Object.keys(events[0])).toEqual(['com.linkedin.realtimefrontend.ClientConnection']);
    const decorated = events[events.length - 1]['com.linkedin.realtimefrontend.DecoratedEvent'] as {
      topic: string;
      payload: { data: Record<string, { result: { body: { text: string }; conversation: Record<string, unknown> } }> };
    };
    expect(decorated.topic).toBe('urn:li-realtime:messagesTopic:urn:li-realtime:myself');
    const result = decorated.payload.data.doDecorateMessageMessengerRealtimeDecoration.result;
    expect(result.body.text).toBe('realtime hello');
    expect(result.conversation).toMatchObject({ groupChat: false, entityUrn: expect.stringContaining(SANDBOX.alex) });
    expect(result.conversation.conversationParticipants).toHaveLength(2);
    controller.abort();
  });

  it('sends heartbeats and ends the stream when a drop fault is set', async () => {
    const alex = h.as(SANDBOX.alex);
    const res = await fetch(`${h.url}/realtime/connect`, { headers: alex.headers({ accept: 'text/event-stream' }) });
    const beat = await readEvents(res, (e) => 'com.linkedin.realtimefrontend.Heartbeat' in e);
    expect(beat.length).toBeGreaterThanOrEqual(2);
    const res2 = await fetch(`${h.url}/realtime/connect`, { headers: alex.headers() });
    await h.admin('POST', '/faults', { kind: 'drop', account: SANDBOX.alex, route: 'realtime', times: 1 });
    const events = await readEvents(res2, () => false);
    expect(Object.keys(events[0])).toEqual(['com.linkedin.realtimefrontend.ClientConnection']);
    const hb = await alex.post('/realtime/realtimeFrontendClientConnectivityTracking?action=sendHeartbeat', { isFirstHeartbeat: true, isLastHeartbeat: false, realtimeSessionId: 'x' });
    expect(hb.status).toBe(200);
  });
});
