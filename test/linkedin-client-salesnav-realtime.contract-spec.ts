// Contract: Sales Navigator (threads, InMail credits) and the realtime SSE stream, client against a fresh emulator.
import type { LinkedInClient, RealtimeEvent } from '@threadline/linkedin';
import {
  SANDBOX,
  admin,
  clientFor,
  conversationWith,
  expectLinkedInError,
  nextMatching,
  received,
  requestCounts,
  startEmulator,
  urnOf,
  type EmulatorServer,
} from './support/linkedin-contract';

const ALEX = urnOf(SANDBOX.alex);
/** Sales Navigator ids swap `ACoAA` for `ACwAA` on the same member (as the emulator mints them). */
const salesUrn = (profileId: string): string => `urn:li:fs_salesProfile:(${profileId.replace(/^ACoAA/, 'ACwAA')},NAME_SEARCH,emu)`;

describe('LinkedInClient contract: Sales Navigator', () => {
  let emu: EmulatorServer;
  let jordan: LinkedInClient;

  beforeEach(async () => {
    emu = await startEmulator();
    jordan = await clientFor(emu, SANDBOX.jordan);
  });
  afterEach(async () => {
    await jordan.close();
    await emu.close();
  });

  it('does read the LSS_INMAIL credit grant when asked for credits', async () => {
    const credits = await jordan.salesNavInmailCredits();
    expect(credits.available).toBe(10);
    expect(credits.raw).toMatchObject({ elements: [{ creditGrantType: 'LSS_INMAIL', value: 10, remaining: 10, nextGrantAt: expect.any(Number) }] });
  });

  it('does spend a credit and open a PENDING InMail thread with the subject when sending an InMail', async () => {
    const sent = await jordan.sendInmail({ recipientSalesProfileUrn: salesUrn(SANDBOX.morgan), subject: 'Quick question', body: 'Hi Morgan, are you the right person for ops tooling?' });
    expect(sent).toEqual({ messageId: expect.any(String), threadId: expect.stringMatching(/^2-/) });
    expect((await jordan.salesNavInmailCredits()).available).toBe(9);
    expect(await received(emu, SANDBOX.jordan)).toEqual([
      expect.objectContaining({ route: 'salesNavCreateMessage', inmail: true, subject: 'Quick question', text: 'Hi Morgan, are you the right person for ops tooling?', recipients: [SANDBOX.morgan], trackingId: expect.any(String) }),
    ]);

    const page = await jordan.salesNavListThreads();
    expect(page.threads).toHaveLength(1);
    const [thread] = page.threads;
    expect(thread).toMatchObject({
      id: sent.threadId,
      archived: false,
      unreadMessageCount: 0,
      totalMessageCount: 1,
      participants: expect.arrayContaining([salesUrn(SANDBOX.jordan), salesUrn(SANDBOX.morgan)]),
      messages: [{ id: sent.messageId, type: 'INMAIL', subject: 'Quick question', body: 'Hi Morgan, are you the right person for ops tooling?', author: salesUrn(SANDBOX.jordan), deliveredAt: expect.any(Number) }],
    });
    expect(thread.participantsResolutionResults?.[salesUrn(SANDBOX.morgan)]).toMatchObject({ firstName: 'Morgan', lastName: 'Taylor', degree: 3, objectUrn: 'urn:li:member:100000009' });
    expect(page.nextPageStartsAt).toBe(thread.nextPageStartsAt);
    // The next page starts before the last thread: nothing older here.
    await expect(jordan.salesNavListThreads({ pageStartsAt: page.nextPageStartsAt })).resolves.toEqual({ threads: [], nextPageStartsAt: undefined });

    const one = await jordan.salesNavGetThread(sent.threadId);
    expect(one).toMatchObject({ id: sent.threadId, messages: [{ id: sent.messageId, type: 'INMAIL' }] });

    // The flagship inbox sees the same thread as INMAIL, PENDING until a reply.
    const { conversations } = await jordan.listConversations({ category: 'INMAIL' });
    expect(conversations[0]).toMatchObject({ state: 'PENDING', categories: expect.arrayContaining(['INMAIL', 'INBOX']), conversationTypeText: { text: 'InMail' } });
  });

  it('does refuse a second InMail before a reply and allow a reply after it, giving the credit back', async () => {
    const first = await jordan.sendInmail({ recipientSalesProfileUrn: salesUrn(SANDBOX.morgan), subject: 'Hello', body: 'First InMail' });
    await expectLinkedInError(jordan.sendInmail({ recipientSalesProfileUrn: salesUrn(SANDBOX.morgan), subject: 'Again', body: 'Second InMail' }), 'recipient_not_reachable', {
      status: 400,
      linkedinCode: 'MESSAGE_VALIDATION_PLUGIN_ERROR',
    });
    await admin(emu, 'POST', `/members/${SANDBOX.morgan}/reply`, { text: 'Sure, tell me more', accountProfileId: SANDBOX.jordan });
    expect((await jordan.salesNavInmailCredits()).available).toBe(10);

    const thread = await jordan.salesNavGetThread(first.threadId);
    expect(thread.unreadMessageCount).toBe(1);
    expect(thread.messages[0]).toMatchObject({ body: 'Sure, tell me more', author: salesUrn(SANDBOX.morgan) });

    const reply = await jordan.salesNavSendMessage({ threadId: first.threadId, body: 'Great, here are the details.' });
    expect(reply.threadId).toBe(first.threadId);
    expect((await received(emu, SANDBOX.jordan)).map((r) => [r.text, r.inmail, r.afterReply])).toEqual([
      ['First InMail', true, false],
      ['Great, here are the details.', false, true],
    ]);
  });

  it('does flip unreadMessageCount when marking a Sales Navigator thread read and unread', async () => {
    const { threadId } = await jordan.sendInmail({ recipientSalesProfileUrn: salesUrn(SANDBOX.morgan), subject: 'Hi', body: 'Hello' });
    await admin(emu, 'POST', `/members/${SANDBOX.morgan}/reply`, { text: 'Hi back', accountProfileId: SANDBOX.jordan });
    expect((await jordan.salesNavGetThread(threadId)).unreadMessageCount).toBe(1);
    await jordan.salesNavMarkRead(threadId, true);
    expect((await jordan.salesNavGetThread(threadId)).unreadMessageCount).toBe(0);
    await jordan.salesNavMarkRead(threadId, false);
    expect((await jordan.salesNavGetThread(threadId)).unreadMessageCount).toBe(1);
    expect((await requestCounts(emu, SANDBOX.jordan)).salesNavMarkRead).toBe(2);
  });

  it('does send a normal message without spending a credit when the Sales Navigator recipient is a 1st-degree connection', async () => {
    await admin(emu, 'DELETE', '/scripts');
    const sent = await jordan.salesNavSendMessage({ recipients: [salesUrn(SANDBOX.elena)], body: 'Hi Elena' });
    expect(sent.threadId).toMatch(/^2-/);
    expect((await jordan.salesNavInmailCredits()).available).toBe(10);
    expect((await received(emu, SANDBOX.jordan))[0]).toMatchObject({ inmail: false, text: 'Hi Elena', subject: null });
  });

  it('does fail with invalid_request and inmail_credits_exhausted when the credits run out', async () => {
    await admin(emu, 'PATCH', `/accounts/${SANDBOX.jordan}`, { inmailCredits: 1 });
    await jordan.sendInmail({ recipientSalesProfileUrn: salesUrn(SANDBOX.morgan), subject: 'Last one', body: 'Spending my last credit' });
    expect((await jordan.salesNavInmailCredits()).available).toBe(0);
    await expectLinkedInError(jordan.sendInmail({ recipientSalesProfileUrn: salesUrn(SANDBOX.david), subject: 'No credit', body: 'Will not go' }), 'invalid_request', {
      status: 400,
      reason: 'inmail_credits_exhausted',
      linkedinCode: 'MESSAGE_VALIDATION_PLUGIN_ERROR',
    });
    expect((await received(emu, SANDBOX.jordan)).map((r) => r.text)).toEqual(['Spending my last credit']);
  });

  it('does refuse Sales Navigator calls locally with sales_navigator_required when the account has no li_a', async () => {
    const alex = await clientFor(emu, SANDBOX.alex);
    try {
      await expectLinkedInError(alex.salesNavListThreads(), 'invalid_request', { reason: 'sales_navigator_required' });
      await expectLinkedInError(alex.sendInmail({ profileUrn: urnOf(SANDBOX.morgan), subject: 's', body: 'b' }), 'invalid_request', { reason: 'sales_navigator_required' });
      expect((await requestCounts(emu, SANDBOX.alex)).salesNavThreads).toBeUndefined();
    } finally {
      await alex.close();
    }
  });
});

describe('LinkedInClient contract: realtime', () => {
  let emu: EmulatorServer;
  let alex: LinkedInClient;
  let abort: AbortController;

  beforeEach(async () => {
    emu = await startEmulator();
    alex = await clientFor(emu, SANDBOX.alex);
    abort = new AbortController();
  });
  afterEach(async () => {
    abort.abort();
    await alex.close();
    await emu.close();
  });

  it('does yield ClientConnection first and then the message when a member replies', async () => {
    const stream = alex.connectRealtime({ signal: abort.signal, heartbeatMs: 0 })[Symbol.asyncIterator]();
    const first = await stream.next();
    expect(first.value).toEqual({ type: 'connected', connectionId: expect.any(String) });
    expect((first.value as { connectionId: string }).connectionId).not.toBe('');

    const reply = await admin(emu, 'POST', `/members/${SANDBOX.sarah}/reply`, { text: 'Pinging you live', accountProfileId: SANDBOX.alex });
    const event = await nextMatching(stream, (e: RealtimeEvent) => e.type === 'message');
    if (event.type !== 'message') throw new Error('unreachable');
    const sarahConv = await conversationWith(emu, SANDBOX.alex, SANDBOX.sarah);
    expect(event.message).toMatchObject({
      entityUrn: reply.messageUrn,
      backendUrn: reply.backendUrn,
      body: { text: 'Pinging you live' },
      deliveredAt: reply.deliveredAt,
      messageBodyRenderFormat: 'DEFAULT',
      originToken: null,
      sender: { hostIdentityUrn: urnOf(SANDBOX.sarah), participantType: { member: { distance: 'DISTANCE_1' } } },
      conversation: { entityUrn: sarahConv, groupChat: false, title: null },
    });
    expect(event.message.conversation?.conversationParticipants?.map((p) => p.hostIdentityUrn).sort()).toEqual([ALEX, urnOf(SANDBOX.sarah)].sort());
    await stream.return?.();
  });

  it('does yield our own send and a read-state change on the stream when we send and mark read', async () => {
    const stream = alex.connectRealtime({ signal: abort.signal, heartbeatMs: 0 })[Symbol.asyncIterator]();
    await nextMatching(stream, (e: RealtimeEvent) => e.type === 'connected');
    const sarahConv = await conversationWith(emu, SANDBOX.alex, SANDBOX.sarah);
    const sent = await alex.sendMessage({ conversationUrn: sarahConv, text: 'live send', originToken: 'contract-live' });
    const own = await nextMatching(stream, (e: RealtimeEvent) => e.type === 'message');
    expect(own).toMatchObject({ type: 'message', message: { entityUrn: sent.entityUrn, originToken: 'contract-live', sender: { hostIdentityUrn: ALEX } } });
    await alex.markRead([sarahConv], true);
    const change = await nextMatching(stream, (e: RealtimeEvent) => e.type === 'conversation');
    expect(change).toMatchObject({ type: 'conversation', conversation: { entityUrn: sarahConv, read: true, unreadCount: 0 } });
    await stream.return?.();
  });

  it('does deliver a typing event in the other mailbox when an account types', async () => {
    const jordan = await clientFor(emu, SANDBOX.jordan);
    try {
      const sent = await alex.sendMessage({ recipientUrns: [urnOf(SANDBOX.jordan)], text: 'Hi Jordan', originToken: 'contract-typing' });
      const stream = jordan.connectRealtime({ signal: abort.signal, heartbeatMs: 0 })[Symbol.asyncIterator]();
      await nextMatching(stream, (e: RealtimeEvent) => e.type === 'connected');
      await alex.sendTyping(sent.conversationUrn);
      const typing = await nextMatching(stream, (e: RealtimeEvent) => e.type === 'typing');
      const jordanConv = await conversationWith(emu, SANDBOX.jordan, SANDBOX.alex);
      expect(typing).toMatchObject({ type: 'typing', conversationUrn: jordanConv, participantUrn: ALEX });
      expect(jordanConv).not.toBe(sent.conversationUrn);
      await stream.return?.();
    } finally {
      await jordan.close();
    }
  });

  it('does end the iterator when the stream is dropped', async () => {
    const events: RealtimeEvent[] = [];
    const consumed = (async () => {
      for await (const event of alex.connectRealtime({ signal: abort.signal, heartbeatMs: 0 })) events.push(event);
    })();
    await new Promise((r) => setTimeout(r, 100));
    await admin(emu, 'POST', '/faults', { kind: 'drop', account: SANDBOX.alex, times: 1 });
    await expect(consumed).resolves.toBeUndefined();
    expect(events[0]?.type).toBe('connected');
  });

  it('does send heartbeats with the realtime session id when a heartbeat period is set', async () => {
    const stream = alex.connectRealtime({ signal: abort.signal, heartbeatMs: 50, sessionId: 'contract-session' })[Symbol.asyncIterator]();
    await nextMatching(stream, (e: RealtimeEvent) => e.type === 'connected');
    await new Promise((r) => setTimeout(r, 200));
    expect((await requestCounts(emu, SANDBOX.alex)).heartbeat).toBeGreaterThanOrEqual(2);
    await stream.return?.();
  });
});
