// Contract: LinkedInClient reads (identity, recipients, conversations, history) against a fresh emulator over HTTP.
import type { LinkedInClient, LinkedInSession, WireConversation, WireMessage } from '@threadline/linkedin';
import { ANSWER_FIELDS, DEFAULT_QUERY_IDS, encodeRestliKeyForm, type CollectionResponse, type Conversation, type SyncTokenMetadata } from '@threadline/linkedin/wire';
import { SANDBOX_SCENARIO } from '../apps/linkedin-emulator/src/server';
import {
  SANDBOX,
  admin,
  clientFor,
  conversationWith,
  expectLinkedInError,
  lowLevelGraphql,
  raw,
  requestCounts,
  sandboxWithThreads,
  sessionOf,
  startEmulator,
  urnOf,
  type EmulatorServer,
} from './support/linkedin-contract';

const ALEX = urnOf(SANDBOX.alex);
const CONVERSATION_URN = /^urn:li:msg_conversation:\(urn:li:fsd_profile:ACoAA[\w-]{34},2-[A-Za-z0-9+/=]+\)$/;
const MESSAGE_URN = /^urn:li:msg_message:\(urn:li:fsd_profile:ACoAA[\w-]{34},2-[A-Za-z0-9+/=]+\)$/;

const threadIdOfUrn = (urn: string): string => /,(2-[^)]+)\)$/.exec(urn)![1];

function expectOwnerAndPeer(conversation: WireConversation, peer: string, peerDistance: string): void {
  const owner = conversation.conversationParticipants.find((p) => p.hostIdentityUrn === ALEX);
  expect(owner).toMatchObject({
    entityUrn: `urn:li:msg_messagingParticipant:${ALEX}`,
    backendUrn: 'urn:li:member:100000001',
    participantType: { member: { firstName: { text: 'Alex' }, lastName: { text: 'Sandbox' }, distance: 'SELF', profileUrl: `https://www.linkedin.com/in/${SANDBOX.alex}` } },
  });
  const other = conversation.conversationParticipants.find((p) => p.hostIdentityUrn === urnOf(peer));
  expect(other?.entityUrn).toBe(`urn:li:msg_messagingParticipant:${urnOf(peer)}`);
  expect(other?.participantType.member?.distance).toBe(peerDistance);
}

function expectMessageShape(message: WireMessage, conversation: string): void {
  expect(message.entityUrn).toMatch(MESSAGE_URN);
  expect(message.entityUrn.startsWith(`urn:li:msg_message:(${ALEX},`)).toBe(true);
  expect(message.backendUrn).toBe(`urn:li:messagingMessage:${threadIdOfUrn(message.entityUrn)}`);
  expect(message.backendConversationUrn).toBe(`urn:li:messagingThread:${threadIdOfUrn(conversation)}`);
  expect(message.conversation?.entityUrn).toBe(conversation);
  expect(typeof message.body.text).toBe('string');
  expect(typeof message.deliveredAt).toBe('number');
  expect(message.sender.hostIdentityUrn).toMatch(/^urn:li:fsd_profile:ACoAA/);
  expect(message.messageBodyRenderFormat).toBe('DEFAULT');
  expect(Array.isArray(message.renderContent)).toBe(true);
}

describe('LinkedInClient contract: who am I and recipients', () => {
  let emu: EmulatorServer;
  let alex: LinkedInClient;

  beforeEach(async () => {
    emu = await startEmulator();
    alex = await clientFor(emu, SANDBOX.alex);
  });
  afterEach(async () => {
    await alex.close();
    await emu.close();
  });

  it('does return the owner profile URN, member id and names when /me answers', async () => {
    await expect(alex.me()).resolves.toEqual({
      profileUrn: ALEX,
      memberId: 100000001,
      firstName: 'Alex',
      lastName: 'Sandbox',
      publicIdentifier: 'alex-sandbox-emu',
      occupation: 'Growth at Threadline (sandbox)',
    });
  });

  it('does answer /me in plain JSON with the miniProfile fields the reference names when asked with csrf only', async () => {
    const answer = await raw(emu, await sessionOf(emu, SANDBOX.alex), 'GET', '/voyager/api/me');
    expect(answer.status).toBe(200);
    expect(answer.json.miniProfile).toMatchObject({
      firstName: 'Alex',
      lastName: 'Sandbox',
      occupation: 'Growth at Threadline (sandbox)',
      publicIdentifier: 'alex-sandbox-emu',
      memorialized: false,
      entityUrn: `urn:li:fs_miniProfile:${SANDBOX.alex}`,
      dashEntityUrn: ALEX,
    });
    expect(typeof answer.json.miniProfile.trackingId).toBe('string');
    expect(answer.json.miniProfile.picture['com.linkedin.common.VectorImage']).toEqual({ rootUrl: expect.any(String), artifacts: expect.any(Array) });
    expect(answer.json.plainId).toBe(100000001);
  });

  it('does read the mailbox URN from /me once when it is asked for twice', async () => {
    await expect(alex.mailboxUrn()).resolves.toBe(ALEX);
    await expect(alex.mailboxUrn()).resolves.toBe(ALEX);
    expect((await requestCounts(emu, SANDBOX.alex)).me).toBe(1);
  });

  it.each([
    ['an fsd_profile URN', `urn:li:fsd_profile:${SANDBOX.sarah}`, 0],
    ['a person URN', `urn:li:person:${SANDBOX.sarah}`, 0],
    ['an fs_miniProfile URN', `urn:li:fs_miniProfile:${SANDBOX.sarah}`, 0],
    ['a bare ACoAA id', SANDBOX.sarah, 0],
    ['a member URN', 'urn:li:member:100000002', 1],
    ['a member id', '100000002', 1],
    ['a vanity name', 'sarah-chen-emu', 1],
    ['a profile URL', 'https://www.linkedin.com/in/sarah-chen-emu/', 1],
  ])('does resolve Sarah to her fsd_profile URN when given %s', async (_form, ref, lookups) => {
    await expect(alex.resolveRecipient(ref)).resolves.toBe(urnOf(SANDBOX.sarah));
    expect((await requestCounts(emu, SANDBOX.alex)).profiles ?? 0).toBe(lookups);
  });

  it('does answer the identity dash profiles lookup with an fsd_profile entityUrn element', async () => {
    const answer = await raw(emu, await sessionOf(emu, SANDBOX.alex), 'GET', '/voyager/api/identity/dash/profiles?q=memberIdentity&memberIdentity=sarah-chen-emu');
    expect(answer.status).toBe(200);
    expect(answer.json.elements[0]).toMatchObject({ entityUrn: urnOf(SANDBOX.sarah), objectUrn: 'urn:li:member:100000002', publicIdentifier: 'sarah-chen-emu' });
  });

  it('does fail with not_found when the vanity name is unknown', async () => {
    await expectLinkedInError(alex.resolveRecipient('nobody-by-this-name'), 'not_found', { status: 404 });
  });

  it('does find the existing 1:1 conversation with its participants when the recipient has one', async () => {
    const conversation = await alex.findConversationByRecipient(urnOf(SANDBOX.sarah));
    expect(conversation).not.toBeNull();
    expect(conversation!.entityUrn).toMatch(CONVERSATION_URN);
    expect(conversation!.entityUrn).toBe(await conversationWith(emu, SANDBOX.alex, SANDBOX.sarah));
    expect(conversation!.groupChat).toBe(false);
    expect(conversation!.conversationParticipants).toHaveLength(2);
    expectOwnerAndPeer(conversation!, SANDBOX.sarah, 'DISTANCE_1');
  });

  it('does return null when no 1:1 conversation with the recipient exists', async () => {
    await expect(alex.findConversationByRecipient(urnOf(SANDBOX.priya))).resolves.toBeNull();
  });
});

describe('LinkedInClient contract: conversation lists and sync', () => {
  let emu: EmulatorServer;
  let alex: LinkedInClient;
  let session: LinkedInSession;

  afterEach(async () => {
    await alex.close();
    await emu.close();
  });

  describe('on the sandbox', () => {
    beforeEach(async () => {
      emu = await startEmulator();
      session = await sessionOf(emu, SANDBOX.alex);
      alex = await clientFor(emu, SANDBOX.alex);
    });

    it('does list conversations newest first with the fields the reference names when the inbox is read', async () => {
      const { conversations, nextCursor } = await alex.listConversations();
      expect(nextCursor).toBeUndefined();
      expect(conversations).toHaveLength(2);
      const [sarah, marcus] = conversations;
      expect(sarah.lastActivityAt).toBeGreaterThan(marcus.lastActivityAt);
      for (const c of conversations) {
        expect(c._type).toBe('com.linkedin.messenger.Conversation');
        expect(c.entityUrn).toMatch(CONVERSATION_URN);
        expect(c.backendUrn).toBe(`urn:li:messagingThread:${threadIdOfUrn(c.entityUrn)}`);
        expect(c.conversationUrl).toBe(`https://www.linkedin.com/messaging/thread/${threadIdOfUrn(c.entityUrn)}/`);
        expect(c.categories).toEqual(expect.arrayContaining(['INBOX', 'PRIMARY_INBOX']));
        expect(c.groupChat).toBe(false);
        expect(c.state).toBeNull();
        expect(c.notificationStatus).toBe('ACTIVE');
        expect(typeof c.createdAt).toBe('number');
        expect(c.messages?.elements).toHaveLength(1);
        expectMessageShape(c.messages!.elements[0], c.entityUrn);
      }
      expectOwnerAndPeer(sarah, SANDBOX.sarah, 'DISTANCE_1');
      expectOwnerAndPeer(marcus, SANDBOX.marcus, 'DISTANCE_1');
      expect(sarah).toMatchObject({ read: false, unreadCount: 1 });
      expect(marcus).toMatchObject({ read: true, unreadCount: 0 });
      expect(sarah.messages!.elements[0]).toMatchObject({ body: { text: "Likewise Alex! Let's catch up next week." }, originToken: null });
      expect(sarah.messages!.elements[0].sender.hostIdentityUrn).toBe(urnOf(SANDBOX.sarah));
      expect(marcus.messages!.elements[0]).toMatchObject({ body: { text: 'Anytime, Marcus.' }, originToken: expect.any(String) });
    });

    it('does return every conversation and a sync token when syncing from scratch', async () => {
      const initial = await alex.syncConversations();
      expect(initial.conversations.map((c) => c.entityUrn)).toEqual((await alex.listConversations()).conversations.map((c) => c.entityUrn));
      expect(typeof initial.newSyncToken).toBe('string');
      expect(initial.deletedConversationUrns).toEqual([]);
    });

    it('does return only changed conversations and deleted URNs when a delta sync follows a reply and a deletion', async () => {
      const { newSyncToken } = await alex.syncConversations();
      const sarahConv = await conversationWith(emu, SANDBOX.alex, SANDBOX.sarah);
      const marcusConv = await conversationWith(emu, SANDBOX.alex, SANDBOX.marcus);
      await admin(emu, 'POST', `/members/${SANDBOX.sarah}/reply`, { text: 'Any news?', accountProfileId: SANDBOX.alex });
      // The client has no delete; LinkedIn's web app sends a DELETE on the form-encoded key (§5.11).
      const deleted = await raw(emu, session, 'DELETE', `/voyager/api/voyagerMessagingDashMessengerConversations/${encodeRestliKeyForm(marcusConv)}`);
      expect(deleted.status).toBeGreaterThanOrEqual(200);
      expect(deleted.status).toBeLessThan(300);

      const delta = await alex.syncConversations(newSyncToken);
      expect(delta.conversations.map((c) => c.entityUrn)).toEqual([sarahConv]);
      expect(delta.conversations[0]).toMatchObject({ read: false, unreadCount: 2 });
      expect(delta.conversations[0].messages!.elements[0].body.text).toBe('Any news?');
      expect(delta.deletedConversationUrns).toEqual([marcusConv]);
      expect(delta.newSyncToken).toEqual(expect.any(String));
      expect(delta.newSyncToken).not.toBe(newSyncToken);

      // The same delta through listConversations, and the raw metadata: deletedUrns are objects (§5.3).
      await expect(alex.listConversations({ syncToken: newSyncToken })).resolves.toMatchObject({ deletedConversationUrns: [marcusConv] });
      const rawDelta = await lowLevelGraphql<CollectionResponse<Conversation, SyncTokenMetadata>>(
        emu,
        session,
        DEFAULT_QUERY_IDS.conversationsDeltaSync,
        { mailboxUrn: ALEX, syncToken: newSyncToken },
        ANSWER_FIELDS.conversationsBySyncToken,
      );
      expect(rawDelta.metadata).toEqual({ newSyncToken: delta.newSyncToken, deletedUrns: [{ message: null, conversation: { entityUrn: marcusConv } }], shouldClearCache: false });

      const quiet = await alex.syncConversations(delta.newSyncToken);
      expect(quiet).toEqual({ conversations: [], newSyncToken: delta.newSyncToken, deletedConversationUrns: [] });
    });

    it('does return the conversation when it is asked for by URN', async () => {
      const urn = await conversationWith(emu, SANDBOX.alex, SANDBOX.marcus);
      const conversation = await alex.getConversation(urn);
      expect(conversation?.entityUrn).toBe(urn);
      expectOwnerAndPeer(conversation!, SANDBOX.marcus, 'DISTANCE_1');
    });

    it('does return null when the conversation URN names no thread', async () => {
      await expect(alex.getConversation(`urn:li:msg_conversation:(${ALEX},2-bm9zdWNodGhyZWFk)`)).resolves.toBeNull();
    });
  });

  describe('on an inbox of 32 conversations', () => {
    beforeEach(async () => {
      emu = await startEmulator({ scenario: sandboxWithThreads(30) });
      session = await sessionOf(emu, SANDBOX.alex);
      alex = await clientFor(emu, SANDBOX.alex);
    });

    it('does split a count above 20 into pages of at most 20 and walk the cursor to the end of the list', async () => {
      const first = await alex.listConversations({ count: 25 });
      expect(first.conversations).toHaveLength(25);
      expect(first.nextCursor).toEqual(expect.any(String));
      expect((await requestCounts(emu, SANDBOX.alex)).graphql).toBe(2);

      const rest = await alex.listConversations({ nextCursor: first.nextCursor, count: 20 });
      expect(rest.conversations).toHaveLength(7);
      expect(rest.nextCursor).toBeUndefined();

      const all = [...first.conversations, ...rest.conversations];
      expect(new Set(all.map((c) => c.entityUrn)).size).toBe(32);
      const times = all.map((c) => c.lastActivityAt);
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(all.every((c) => c.categories.includes('INBOX') && c.categories.includes('PRIMARY_INBOX'))).toBe(true);
    });

    it('does end the list with empty elements and a null cursor when paging past the last conversation', async () => {
      const { conversations } = await alex.listConversations({ count: 40 });
      expect(conversations).toHaveLength(32);
      const oldest = conversations[conversations.length - 1];
      const past = await lowLevelGraphql<CollectionResponse<Conversation, { nextCursor: string | null }>>(
        emu,
        session,
        DEFAULT_QUERY_IDS.conversationsByCategory,
        { query: { predicateUnions: [{ conversationCategoryPredicate: { category: 'PRIMARY_INBOX' } }] }, count: 20, mailboxUrn: ALEX, lastUpdatedBefore: oldest.lastActivityAt },
        ANSWER_FIELDS.conversationsByCategory,
      );
      expect(past.elements).toEqual([]);
      expect(past.metadata?.nextCursor).toBeNull();
      expect(past._type).toBe('com.linkedin.restli.common.CollectionResponse');
    });

    it('does page by time when lastUpdatedBefore is given', async () => {
      const { conversations } = await alex.listConversations({ count: 5 });
      const page = await alex.listConversations({ lastUpdatedBefore: conversations[4].lastActivityAt, count: 3 });
      expect(page.conversations.every((c) => c.lastActivityAt < conversations[4].lastActivityAt)).toBe(true);
      expect(page.conversations).toHaveLength(3);
    });
  });
});

describe('LinkedInClient contract: message history', () => {
  let emu: EmulatorServer;
  let alex: LinkedInClient;
  let conversation: string;

  beforeEach(async () => {
    const history = Array.from({ length: 25 }, (_, i) => ({ from: i % 2 === 0 ? SANDBOX.priya : SANDBOX.alex, text: `message ${i}`, minutesAgo: 100 - i }));
    emu = await startEmulator({ scenario: { ...SANDBOX_SCENARIO, threads: [...(SANDBOX_SCENARIO.threads ?? []), { participants: [SANDBOX.alex, SANDBOX.priya], messages: history }] } });
    alex = await clientFor(emu, SANDBOX.alex);
    conversation = await conversationWith(emu, SANDBOX.alex, SANDBOX.priya);
  });
  afterEach(async () => {
    await alex.close();
    await emu.close();
  });

  it('does page history newest first from the anchor through prevCursor until an empty page', async () => {
    const seen: WireMessage[] = [];
    let page = await alex.getMessages({ conversationUrn: conversation, count: 10 });
    expect(page.messages).toHaveLength(10);
    while (page.messages.length > 0) {
      seen.push(...page.messages);
      expect(page.prevCursor).toEqual(expect.any(String));
      page = await alex.getMessages({ conversationUrn: conversation, count: 10, prevCursor: page.prevCursor });
    }
    expect(page.prevCursor).toBeUndefined();
    expect(seen.map((m) => m.body.text)).toEqual(Array.from({ length: 25 }, (_, i) => `message ${24 - i}`));
    expect(new Set(seen.map((m) => m.entityUrn)).size).toBe(25);
    for (const m of seen) expectMessageShape(m, conversation);
    const mine = seen.filter((m) => m.sender.hostIdentityUrn === ALEX);
    const theirs = seen.filter((m) => m.sender.hostIdentityUrn === urnOf(SANDBOX.priya));
    expect(mine.every((m) => m.sender.participantType.member?.distance === 'SELF')).toBe(true);
    expect(theirs.every((m) => m.originToken === null && m.sender.participantType.member?.distance === 'DISTANCE_1')).toBe(true);
  });

  it('does return only messages delivered at or before the anchor when deliveredBefore is given', async () => {
    const { messages } = await alex.getMessages({ conversationUrn: conversation, count: 25 });
    const anchor = messages[10].deliveredAt;
    const older = await alex.getMessages({ conversationUrn: conversation, deliveredBefore: anchor, count: 5 });
    expect(older.messages.map((m) => m.entityUrn)).toEqual(messages.slice(10, 15).map((m) => m.entityUrn));
  });

  it('does accept a history count above 20 in one call', async () => {
    const { messages } = await alex.getMessages({ conversationUrn: conversation, count: 25 });
    expect(messages).toHaveLength(25);
    expect((await requestCounts(emu, SANDBOX.alex)).graphql).toBe(1);
  });

  it('does find our own message by originToken when it is in recent history', async () => {
    const sent = await alex.sendMessage({ conversationUrn: conversation, text: 'read me back', originToken: 'contract-read-back-1' });
    const found = await alex.findMessageByOriginToken(conversation, 'contract-read-back-1');
    expect(found).toMatchObject({ entityUrn: sent.entityUrn, originToken: 'contract-read-back-1', body: { text: 'read me back' }, deliveredAt: sent.deliveredAt });
  });

  it('does return null when no message carries the originToken', async () => {
    await expect(alex.findMessageByOriginToken(conversation, 'never-sent')).resolves.toBeNull();
  });
});
