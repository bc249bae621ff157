import { CONVERSATIONS_Q, CREATE_MESSAGE, MESSAGES_Q, SANDBOX, enc, sendBody, startHarness } from '../testing/emulator-harness';
import type { Harness } from '../testing/emulator-harness';

const mailbox = enc(`urn:li:fsd_profile:${SANDBOX.alex}`);
const categoryQuery = '(predicateUnions:List((conversationCategoryPredicate:(category:PRIMARY_INBOX))))';

describe('messaging GraphQL', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('returns inbox conversations newest first with INBOX, PRIMARY_INBOX and the owner as SELF on initial sync', async () => {
    const res = await h.as(SANDBOX.alex).graphql(CONVERSATIONS_Q, `(mailboxUrn:${mailbox})`);
    expect(res.status).toBe(200);
    const field = res.json.data.messengerConversationsBySyncToken;
    expect(field._type).toBe('com.linkedin.restli.common.CollectionResponse');
    expect(typeof field.metadata.newSyncToken).toBe('string');
    const [first, second] = field.elements;
    expect(first.lastActivityAt).toBeGreaterThan(second.lastActivityAt);
    expect(first._type).toBe('com.linkedin.messenger.Conversation');
    expect(first.categories).toEqual(expect.arrayContaining(['INBOX', 'PRIMARY_INBOX']));
    expect(first.entityUrn).toMatch(new RegExp(`^urn:li:msg_conversation:\\(urn:li:fsd_profile:${SANDBOX.alex},2-`));
    const self = first.conversationParticipants.find((p: { hostIdentityUrn: string }) => p.hostIdentityUrn === `urn:li:fsd_profile:${SANDBOX.alex}`);
    expect(self.participantType.member.distance).toBe('SELF');
    expect(self.entityUrn).toBe(`urn:li:msg_messagingParticipant:urn:li:fsd_profile:${SANDBOX.alex}`);
    const sarah = first.conversationParticipants.find((p: { hostIdentityUrn: string }) => p.hostIdentityUrn.endsWith(SANDBOX.sarah));
    expect(sarah.participantType.member).toMatchObject({ firstName: { text: 'Sarah' }, lastName: { text: 'Chen' }, distance: 'DISTANCE_1' });
    expect(first.messages.elements).toHaveLength(1);
    expect(first.messages.elements[0].body.text).toBe("Likewise Alex! Let's catch up next week.");
    expect(first).toMatchObject({ read: false, unreadCount: 1, groupChat: false });
  });

  it('projects the same thread under each mailbox with its own URN and backendUrn shared', async () => {
    const alexView = (await h.as(SANDBOX.alex).graphql(CONVERSATIONS_Q, `(mailboxUrn:${mailbox})`)).json.data.messengerConversationsBySyncToken.elements;
    await h.admin('POST', '/members/' + SANDBOX.sarah + '/reply', { accountProfileId: SANDBOX.alex, text: 'ping' });
    const threads = (await h.admin('GET', `/threads?account=${SANDBOX.alex}`)).json.threads;
    const sarahThread = threads.find((t: { participants: string[] }) => t.participants.includes(SANDBOX.sarah));
    expect(alexView[0].backendUrn).toBe(`urn:li:messagingThread:${sarahThread.id}`);
  });

  it('returns only changes and deletedUrns objects on a delta sync', async () => {
    const alex = h.as(SANDBOX.alex);
    const initial = (await alex.graphql(CONVERSATIONS_Q, `(mailboxUrn:${mailbox})`)).json.data.messengerConversationsBySyncToken;
    const token = initial.metadata.newSyncToken;
    const [sarahConv, marcusConv] = initial.elements;
    await alex.post(CREATE_MESSAGE, sendBody(SANDBOX.alex, { conversationUrn: sarahConv.entityUrn }, 'new one'));
    const del = await alex.raw(`/voyager/api/voyagerMessagingDashMessengerConversations/${enc(marcusConv.entityUrn)}`, {
      method: 'DELETE',
      headers: { cookie: alex.account.cookieHeader, 'csrf-token': alex.account.csrfToken, accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    expect(del.status).toBe(204);
    // syncToken goes raw, variables in another order (MX walks a map).
    const delta = (await alex.graphql('messengerConversations.74c17e85611b60b7ba2700481151a316', `(syncToken:${token},mailboxUrn:${mailbox})`)).json.data
      .messengerConversationsBySyncToken;
    expect(delta.elements.map((c: { entityUrn: string }) => c.entityUrn)).toEqual([sarahConv.entityUrn]);
    expect(delta.elements[0].messages.elements[0].body.text).toBe('new one');
    expect(delta.metadata.deletedUrns).toEqual([{ message: null, conversation: { entityUrn: marcusConv.entityUrn } }]);
    expect(delta.metadata.newSyncToken).not.toBe(token);
    const again = (await alex.graphql(CONVERSATIONS_Q, `(mailboxUrn:${mailbox},syncToken:${delta.metadata.newSyncToken})`)).json.data.messengerConversationsBySyncToken;
    expect(again.elements).toEqual([]);
    expect(again.metadata.deletedUrns).toEqual([]);
  });

  it('answers a GraphQL SDK_BUSINESS_LOGIC error in a 200 when a conversation page asks for more than 20', async () => {
    const res = await h.as(SANDBOX.alex).graphql('messengerConversations.8656fb361a8ad0c178e8d3ff1a84ce26', `(query:${categoryQuery},count:21,mailboxUrn:${mailbox})`);
    expect(res.status).toBe(200);
    expect(res.json.errors[0].extensions.classification).toBe('SDK_BUSINESS_LOGIC');
    expect(res.json.data.messengerConversationsByCategoryQuery).toBeNull();
  });

  it('pages by category with nextCursor and ends with empty elements and no cursor', async () => {
    const alex = h.as(SANDBOX.alex);
    const q = 'messengerConversations.8656fb361a8ad0c178e8d3ff1a84ce26';
    const p1 = (await alex.graphql(q, `(query:${categoryQuery},count:1,mailboxUrn:${mailbox},lastUpdatedBefore:${Date.now() + 60_000})`)).json.data
      .messengerConversationsByCategoryQuery;
    expect(p1.elements).toHaveLength(1);
    const p2 = (await alex.graphql(q, `(mailboxUrn:${mailbox},nextCursor:${enc(p1.metadata.nextCursor)},query:${categoryQuery},count:1)`)).json.data
      .messengerConversationsByCategoryQuery;
    expect(p2.elements).toHaveLength(1);
    expect(p2.elements[0].entityUrn).not.toBe(p1.elements[0].entityUrn);
    const p3 = (await alex.graphql(q, `(query:${categoryQuery},count:1,mailboxUrn:${mailbox},nextCursor:${p2.metadata.nextCursor})`)).json.data
      .messengerConversationsByCategoryQuery;
    expect(p3.elements).toEqual([]);
    expect(p3.metadata.nextCursor).toBeNull();
  });

  it('finds the 1:1 thread by recipients, with raw or encoded URNs', async () => {
    const alex = h.as(SANDBOX.alex);
    const q = 'messengerConversations.8656fb361a8ad0c178e8d3ff1a84ce26';
    const encoded = (await alex.graphql(q, `(mailboxUrn:${mailbox},recipients:List(${enc(`urn:li:fsd_profile:${SANDBOX.sarah}`)}))`)).json.data;
    const raw = (await alex.graphql(q, `(recipients:List(urn:li:fsd_profile:${SANDBOX.sarah}),mailboxUrn:urn:li:fsd_profile:${SANDBOX.alex})`)).json.data;
    expect(encoded.messengerConversationsByRecipients.elements).toHaveLength(1);
    expect(raw.messengerConversationsByRecipients.elements[0].entityUrn).toBe(encoded.messengerConversationsByRecipients.elements[0].entityUrn);
    const none = (await alex.graphql(q, `(mailboxUrn:${mailbox},recipients:List(${enc(`urn:li:fsd_profile:${SANDBOX.priya}`)}))`)).json.data;
    expect(none.messengerConversationsByRecipients.elements).toEqual([]);
  });

  it('returns a bare list for conversations by ids', async () => {
    const alex = h.as(SANDBOX.alex);
    const initial = (await alex.graphql(CONVERSATIONS_Q, `(mailboxUrn:${mailbox})`)).json.data.messengerConversationsBySyncToken;
    const res = await alex.graphql(CONVERSATIONS_Q, `(conversationIds:List(${enc(initial.elements[1].entityUrn)}),count:1)`);
    expect(res.json.data.messengerConversationsByIds).toHaveLength(1);
    expect(res.json.data.messengerConversationsByIds[0].entityUrn).toBe(initial.elements[1].entityUrn);
  });

  it('returns history newest first by anchor, then older pages by prevCursor until empty', async () => {
    const alex = h.as(SANDBOX.alex);
    const conv = (await alex.graphql(CONVERSATIONS_Q, `(mailboxUrn:${mailbox})`)).json.data.messengerConversationsBySyncToken.elements[0];
    for (let i = 0; i < 3; i += 1) await alex.post(CREATE_MESSAGE, sendBody(SANDBOX.alex, { conversationUrn: conv.entityUrn }, `m${i}`, `o${i}`));
    const anchor = (await alex.graphql(MESSAGES_Q, `(deliveredAt:${Date.now() + 1000},conversationUrn:${enc(conv.entityUrn)},countBefore:3,countAfter:0)`)).json
      .data.messengerMessagesByAnchorTimestamp;
    expect(anchor.elements.map((m: { body: { text: string } }) => m.body.text)).toEqual(['m2', 'm1', 'm0']);
    expect(anchor.elements[0].originToken).toBe('o2');
    expect(anchor.elements[0].sender.hostIdentityUrn).toBe(`urn:li:fsd_profile:${SANDBOX.alex}`);
    expect(anchor.elements[0].messageBodyRenderFormat).toBe('DEFAULT');
    const older = (await alex.graphql('messengerMessages.34c9888be71c8010fecfb575cb38308f', `(conversationUrn:${enc(conv.entityUrn)},count:50,prevCursor:${enc(anchor.metadata.prevCursor)})`))
      .json.data.messengerMessagesByConversation;
    expect(older.elements.map((m: { body: { text: string } }) => m.body.text)).toEqual(["Likewise Alex! Let's catch up next week.", 'Hi Sarah, great meeting you at the summit!']);
    expect(older.elements[0].originToken).toBeNull();
    const end = (await alex.graphql('messengerMessages.34c9888be71c8010fecfb575cb38308f', `(conversationUrn:${enc(conv.entityUrn)},count:50,prevCursor:${older.metadata.prevCursor})`)).json
      .data.messengerMessagesByConversation;
    expect(end.elements).toEqual([]);
  });

  it('answers in normalized form with entities in included when asked', async () => {
    const res = await h.as(SANDBOX.alex).get(`/voyager/api/voyagerMessagingGraphQL/graphql?queryId=${CONVERSATIONS_Q}&variables=(mailboxUrn:${mailbox})`, {
      accept: 'application/vnd.linkedin.normalized+json+2.1',
    });
    expect(res.json.data.data.messengerConversationsBySyncToken['*elements']).toHaveLength(2);
    expect(res.json.included.some((e: { $type: string }) => e.$type === 'com.linkedin.messenger.Conversation')).toBe(true);
  });

  it('answers 400 for an unknown query name', async () => {
    const res = await h.as(SANDBOX.alex).graphql('messengerUnknown.abc', `(mailboxUrn:${mailbox})`);
    expect(res.status).toBe(400);
  });
});
