import { CONVERSATIONS_Q, SANDBOX, enc, startHarness } from '../testing/emulator-harness';
import type { Harness } from '../testing/emulator-harness';

const mailbox = enc(`urn:li:fsd_profile:${SANDBOX.alex}`);

describe('read state, typing and badge', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  async function sarahConversation(): Promise<{ entityUrn: string; read: boolean; unreadCount: number; lastReadAt: number | null }> {
    const list = (await h.as(SANDBOX.alex).graphql(CONVERSATIONS_Q, `(mailboxUrn:${mailbox})`)).json.data.messengerConversationsBySyncToken.elements;
    return list.find((c: { conversationParticipants: { hostIdentityUrn: string }[] }) => c.conversationParticipants.some((p) => p.hostIdentityUrn.endsWith(SANDBOX.sarah)));
  }

  it('answers 200 {results:{urn:{status:204}},errors:{}} and flips read when a batch read patch is sent', async () => {
    const alex = h.as(SANDBOX.alex);
    const conv = await sarahConversation();
    expect(conv).toMatchObject({ read: false, unreadCount: 1 });
    const res = await alex.post(
      `/voyager/api/voyagerMessagingDashMessengerConversations?ids=List(${enc(conv.entityUrn)})`,
      { entities: { [conv.entityUrn]: { patch: { $set: { read: true } } } } },
      { accept: 'application/json', origin: 'https://www.linkedin.com' },
    );
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ results: { [conv.entityUrn]: { status: 204 } }, errors: {} });
    const after = await sarahConversation();
    expect(after).toMatchObject({ read: true, unreadCount: 0 });
    expect(after.lastReadAt).toEqual(expect.any(Number));
    await alex.post(`/voyager/api/voyagerMessagingDashMessengerConversations?ids=List(${enc(conv.entityUrn)})`, {
      entities: { [conv.entityUrn]: { patch: { $set: { read: false } } } },
    });
    expect(await sarahConversation()).toMatchObject({ read: false, unreadCount: 1 });
  });

  it('answers 202 with no body when typing is sent', async () => {
    const conv = await sarahConversation();
    const res = await h.as(SANDBOX.alex).post('/voyager/api/voyagerMessagingDashMessengerConversations?action=typing', { conversationUrn: conv.entityUrn });
    expect(res.status).toBe(202);
    expect(res.text).toBe('');
  });

  it('answers 200 empty and clears the badge when markAllMessagesAsSeen is sent', async () => {
    const alex = h.as(SANDBOX.alex);
    expect((await alex.get('/voyager/api/voyagerMessagingDashMessagingBadge')).json).toEqual({ count: 1 });
    const res = await alex.post('/voyager/api/voyagerMessagingDashMessagingBadge?action=markAllMessagesAsSeen', { until: Date.now() + 1000 });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect((await alex.get('/voyager/api/voyagerMessagingDashMessagingBadge')).json).toEqual({ count: 0 });
  });

  it('renames with either key encoding in the path', async () => {
    const alex = h.as(SANDBOX.alex);
    const conv = await sarahConversation();
    const pathStyle = enc(conv.entityUrn).replace(/%3A/g, ':');
    const res = await alex.raw(`/voyager/api/voyagerMessagingDashMessengerConversations/${pathStyle}`, {
      method: 'POST',
      headers: { cookie: alex.account.cookieHeader, 'csrf-token': alex.account.csrfToken },
      body: JSON.stringify({ patch: { $set: { title: 'Renamed' } } }),
    });
    expect(res.status).toBe(204);
    expect((await sarahConversation() as unknown as { title: string }).title).toBe('Renamed');
  });
});
