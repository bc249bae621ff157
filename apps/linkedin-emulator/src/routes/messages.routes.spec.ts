import { CREATE_MESSAGE, SANDBOX, sendBody, startHarness } from '../testing/emulator-harness';
import type { Harness } from '../testing/emulator-harness';

const conv = (owner: string, thread: string): string => `urn:li:msg_conversation:(urn:li:fsd_profile:${owner},${thread})`;

describe('createMessage', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('starts a conversation and answers plain {value} when sent with hostRecipientUrns and no accept', async () => {
    const res = await h.as(SANDBOX.alex).post(CREATE_MESSAGE, sendBody(SANDBOX.alex, { hostRecipientUrns: [`urn:li:fsd_profile:${SANDBOX.priya}`] }, 'Hi Priya', 'tok-1'));
    expect(res.status).toBe(200);
    const v = res.json.value;
    expect(v.entityUrn).toMatch(new RegExp(`^urn:li:msg_message:\\(urn:li:fsd_profile:${SANDBOX.alex},2-[A-Za-z0-9+/=]+\\)$`));
    expect(v.backendUrn).toMatch(/^urn:li:messagingMessage:2-/);
    expect(v.conversationUrn).toMatch(new RegExp(`^urn:li:msg_conversation:\\(urn:li:fsd_profile:${SANDBOX.alex},2-`));
    expect(v.backendConversationUrn).toMatch(/^urn:li:messagingThread:2-/);
    expect(v.senderUrn).toBe(`urn:li:msg_messagingParticipant:urn:li:fsd_profile:${SANDBOX.alex}`);
    expect(v.originToken).toBe('tok-1');
    expect(v.body).toEqual({ attributes: [], text: 'Hi Priya' });
    expect(typeof v.deliveredAt).toBe('number');
  });

  it('reuses the existing 1:1 thread when hostRecipientUrns names someone already in a thread', async () => {
    const alex = h.as(SANDBOX.alex);
    const first = await alex.post(CREATE_MESSAGE, sendBody(SANDBOX.alex, { hostRecipientUrns: [`urn:li:fsd_profile:${SANDBOX.sarah}`] }));
    const second = await alex.post(CREATE_MESSAGE, sendBody(SANDBOX.alex, { conversationUrn: first.json.value.conversationUrn }));
    expect(second.status).toBe(200);
    expect(second.json.value.conversationUrn).toBe(first.json.value.conversationUrn);
  });

  it('creates a titled group when several hostRecipientUrns and a conversationTitle are sent', async () => {
    const body = { ...sendBody(SANDBOX.alex, { hostRecipientUrns: [SANDBOX.sarah, SANDBOX.priya].map((p) => `urn:li:fsd_profile:${p}`) }), conversationTitle: 'Launch' };
    const res = await h.as(SANDBOX.alex).post(CREATE_MESSAGE, body);
    expect(res.status).toBe(200);
    const threads = (await h.admin('GET', `/threads?account=${SANDBOX.alex}`)).json.threads;
    const group = threads.find((t: { title: string }) => t.title === 'Launch');
    expect(group.participants).toHaveLength(3);
  });

  it('answers normalized data.value when asked for the normalized encoding', async () => {
    const res = await h
      .as(SANDBOX.alex)
      .post(CREATE_MESSAGE, sendBody(SANDBOX.alex, { hostRecipientUrns: [`urn:li:fsd_profile:${SANDBOX.tom}`] }), { accept: 'application/vnd.linkedin.normalized+json+2.1' });
    expect(res.json.data.value.entityUrn).toBe(res.json.data['*value']);
  });

  it('stores two messages when the same originToken is sent twice (no dedupe)', async () => {
    const alex = h.as(SANDBOX.alex);
    const target = { hostRecipientUrns: [`urn:li:fsd_profile:${SANDBOX.marcus}`] };
    const a = await alex.post(CREATE_MESSAGE, sendBody(SANDBOX.alex, target, 'same', 'dup-token'));
    const b = await alex.post(CREATE_MESSAGE, sendBody(SANDBOX.alex, target, 'same', 'dup-token'));
    expect(a.json.value.entityUrn).not.toBe(b.json.value.entityUrn);
    const received = (await h.admin('GET', `/received?account=${SANDBOX.alex}`)).json.received;
    expect(received.filter((r: { originToken: string }) => r.originToken === 'dup-token')).toHaveLength(2);
    expect(received[0]).toMatchObject({
      account: SANDBOX.alex,
      route: 'createMessage',
      recipients: [SANDBOX.marcus],
      conversationUrn: a.json.value.conversationUrn,
      text: 'same',
      afterReply: true,
      deliveredAt: a.json.value.deliveredAt,
    });
  });

  it.each([
    ['trackingId is missing', (b: Record<string, unknown>) => delete b.trackingId],
    ['trackingId is a UUID', (b: Record<string, unknown>) => (b.trackingId = '9f1b3c3e-5b7a-4e7e-9c1a-2b3c4d5e6f70')],
    ['trackingId has a char above U+00FF', (b: Record<string, unknown>) => (b.trackingId = 'abcdefghijklmno\u0100')],
    ['originToken is missing', (b: Record<string, unknown>) => delete (b.message as Record<string, unknown>).originToken],
    ['originToken is at the root', (b: Record<string, unknown>) => (b.originToken = 'root')],
    ['the body is not JSON', () => 'not json'],
  ])('answers a bare 400 when %s', async (_label, mutate) => {
    const body: Record<string, unknown> = sendBody(SANDBOX.alex, { hostRecipientUrns: [`urn:li:fsd_profile:${SANDBOX.sarah}`] });
    const out = mutate(body);
    const res = await h.as(SANDBOX.alex).post(CREATE_MESSAGE, typeof out === 'string' ? out : body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ status: 400 });
  });

  it('accepts a latin-1 trackingId and a body without content-type or attributes', async () => {
    const body = { ...sendBody(SANDBOX.alex, { hostRecipientUrns: [`urn:li:fsd_profile:${SANDBOX.sarah}`] }), trackingId: '\u00ff\u0001abcdefghijklmn' };
    const alex = h.as(SANDBOX.alex);
    const res = await alex.raw(CREATE_MESSAGE, { method: 'POST', headers: { cookie: alex.account.cookieHeader, 'csrf-token': alex.account.csrfToken }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
  });

  it('answers 400 for action=create instead of createMessage', async () => {
    const res = await h.as(SANDBOX.alex).post('/voyager/api/voyagerMessagingDashMessengerMessages?action=create', sendBody(SANDBOX.alex, { hostRecipientUrns: [`urn:li:fsd_profile:${SANDBOX.sarah}`] }));
    expect(res.status).toBe(400);
  });

  it('refuses with 403 NOT_CONNECTED when the recipient is a 2nd-degree non-connection', async () => {
    const res = await h.as(SANDBOX.alex).post(CREATE_MESSAGE, sendBody(SANDBOX.alex, { hostRecipientUrns: [`urn:li:fsd_profile:${SANDBOX.david}`] }));
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ status: 403, code: 'NOT_CONNECTED' });
    expect(typeof res.json.message).toBe('string');
    expect((await h.admin('GET', `/received?account=${SANDBOX.alex}`)).json.received).toHaveLength(0);
  });

  it('allows a DM to a non-connection when they share a group', async () => {
    const scenario = {
      members: [{ profileId: SANDBOX.david, firstName: 'David', lastName: 'Kim', groups: ['g1'] }],
      accounts: [{ profileId: SANDBOX.alex, firstName: 'Alex', lastName: 'Sandbox', groups: ['g1'] }],
    };
    await h.admin('POST', '/scenario', scenario);
    const acc = (await h.admin('GET', '/scenario')).json.accounts[0];
    const res = await fetch(h.url + CREATE_MESSAGE, {
      method: 'POST',
      headers: { cookie: acc.cookieHeader, 'csrf-token': acc.csrfToken },
      body: JSON.stringify(sendBody(SANDBOX.alex, { hostRecipientUrns: [`urn:li:fsd_profile:${SANDBOX.david}`] })),
    });
    expect(res.status).toBe(200);
  });

  it('answers 404 when the conversationUrn does not exist in the mailbox', async () => {
    const res = await h.as(SANDBOX.alex).post(CREATE_MESSAGE, sendBody(SANDBOX.alex, { conversationUrn: conv(SANDBOX.alex, '2-bm9wZQ==') }));
    expect(res.status).toBe(404);
  });

  it('recalls with 204 and renders the message as RECALLED', async () => {
    const alex = h.as(SANDBOX.alex);
    const sent = await alex.post(CREATE_MESSAGE, sendBody(SANDBOX.alex, { hostRecipientUrns: [`urn:li:fsd_profile:${SANDBOX.tom}`] }, 'oops'));
    const rec = await alex.raw('/voyager/api/voyagerMessagingDashMessengerMessages?action=recall', {
      method: 'POST',
      headers: { cookie: alex.account.cookieHeader, 'csrf-token': alex.account.csrfToken },
      body: JSON.stringify({ messageUrn: sent.json.value.entityUrn }),
    });
    expect(rec.status).toBe(204);
    const threads = (await h.admin('GET', `/threads?account=${SANDBOX.alex}`)).json.threads;
    const msg = threads.flatMap((t: { messages: { text: string; renderFormat: string }[] }) => t.messages).find((m: { text: string }) => m.text === 'oops');
    expect(msg.renderFormat).toBe('RECALLED');
  });
});
