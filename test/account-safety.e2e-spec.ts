import { api, createWorkspace } from './support/api-client';
import { routeCounts } from './support/accounts';
import { emulator, received } from './support/emulator-admin';
import { connectAccount, profileId, syncStatus, waitForMessage, waitForSyncPasses } from './support/inbox';
import { waitFor } from './support/wait-for';
import { WebhookReceiver } from './support/webhook-receiver';

// The e2e project's testTimeout is not applied per project by jest 30; set it here.
jest.setTimeout(120_000);

// Issue 14, defects 2 and 4: no account wrongly frozen, nothing lost.
// Ann (the default) and Ben share a unified inbox; Cat and Dan are frozen on purpose; Nul's name carries a NUL.
const ANN = profileId('Ann');
const BEN = profileId('Ben');
const CAT = profileId('Cat');
const DAN = profileId('Dan');
const NUL = profileId('Nul');
const ACCOUNTS = [ANN, BEN, CAT, DAN];
const member = (i: number) => profileId('Member', i);
const MEMBERS = [0, 1, 2, 3].map(member);

const scenario = {
  seed: 'account-safety',
  accounts: ACCOUNTS.map((p, i) => ({ profileId: p, firstName: ['Ann', 'Ben', 'Cat', 'Dan'][i], lastName: 'Account' })),
  members: [...MEMBERS.map((p, i) => ({ profileId: p, firstName: `Member${i}`, lastName: 'Person' })), { profileId: NUL, firstName: 'Nu\u0000l', lastName: 'Byte' }],
  connections: ACCOUNTS.flatMap((a) => [...MEMBERS, NUL].map((b) => ({ a, b }))),
  threads: ACCOUNTS.flatMap((a) => MEMBERS.map((m, i) => ({ participants: [a, m], messages: [{ from: m, text: `Hello from member ${i}`, minutesAgo: 60 + i }], readBy: [a] }))),
};

const enc = encodeURIComponent;
const accountOf = async (key: string, id: string) => (await api('GET', `/v1/accounts/${id}`, { key })).body.account as { status: string; statusReason: string | null };

/** The URN of the 1:1 conversation in `account`'s own mailbox with a member, and of a message the member wrote there. */
async function conversationOf(account: string, withMember: string): Promise<{ conversationUrn: string; messageUrn: string }> {
  const reply = await emulator<{ conversationUrn: string; messageUrn: string }>('POST', `/members/${withMember}/reply`, { text: `ping ${Date.now()}`, accountProfileId: account });
  return { conversationUrn: reply.conversationUrn, messageUrn: reply.messageUrn };
}

describe('account safety: actions run as the mailbox owner, one 403 never freezes an account, NUL bytes are stored', () => {
  let key: string;
  let ann: string;
  let ben: string;
  let cat: string;
  let dan: string;
  let receiver: WebhookReceiver;

  const statusEvents = (accountId: string) => receiver.accepted().filter((w) => w.body.event === 'account.status_changed' && w.body.data.account_id === accountId);

  beforeAll(async () => {
    await emulator('POST', '/scenario', scenario);
    receiver = await new WebhookReceiver().start();
    ({ key } = await createWorkspace());
    await api('POST', '/v1/webhooks', { key, body: { url: receiver.url, events: ['account.status_changed', 'message.received'] } });
    ann = await connectAccount(key, ANN, 'Ann');
    ben = await connectAccount(key, BEN, 'Ben');
    cat = await connectAccount(key, CAT, 'Cat');
    dan = await connectAccount(key, DAN, 'Dan');
    const accounts = (await api('GET', '/v1/accounts', { key })).body.accounts as Array<{ id: string; isDefault: boolean }>;
    expect(accounts.find((a) => a.isDefault)?.id).toBe(ann);
    for (const id of [ann, ben, cat, dan]) await waitForSyncPasses(key, id);
  });

  afterAll(async () => {
    await receiver.stop();
    await emulator('DELETE', '/faults');
    await emulator('POST', '/reset');
  });

  describe('a conversation or message URN names the account that acts', () => {
    let bens: { conversationUrn: string; messageUrn: string };
    let bensOwnMessage: string;

    beforeAll(async () => {
      bens = await conversationOf(BEN, member(0));
      bensOwnMessage = (await emulator<{ messageUrn: string }>('POST', `/accounts/${BEN}/send`, { text: 'typed by Ben', conversationUrn: bens.conversationUrn })).messageUrn;
    });

    it('runs typing, mark-seen and mark-unread as the owner when no account is named, and leaves the default active', async () => {
      const annBefore = await routeCounts(ANN);
      const benBefore = await routeCounts(BEN);
      const typing = await api('POST', '/v1/messaging/typing-indicator', { key, body: { conversationUrn: bens.conversationUrn } });
      expect(typing.status).toBe(200);
      expect(typing.body).toMatchObject({ success: true, accountId: ben, status: 'done' });
      const seen = await api('POST', '/v1/messaging/mark-seen', { key, body: { conversationUrn: bens.conversationUrn } });
      expect(seen.status).toBe(200);
      expect(seen.body.accountId).toBe(ben);
      const unread = await api('PATCH', `/v1/conversations/${enc(bens.conversationUrn)}/mark-unread`, { key });
      expect(unread.status).toBe(200);
      expect(unread.body.accountId).toBe(ben);

      const annAfter = await routeCounts(ANN);
      const benAfter = await routeCounts(BEN);
      expect(benAfter.typing).toBe((benBefore.typing ?? 0) + 1);
      expect(benAfter.markRead).toBe((benBefore.markRead ?? 0) + 2);
      expect(annAfter.typing ?? 0).toBe(annBefore.typing ?? 0);
      expect(annAfter.markRead ?? 0).toBe(annBefore.markRead ?? 0);
      expect((await accountOf(key, ann)).status).toBe('active');
      expect((await accountOf(key, ben)).status).toBe('active');
    });

    it('sends into the conversation as its owner when no account is named', async () => {
      const text = `Owner-routed send ${Date.now()}`;
      const res = await api('POST', '/v1/messages', { key, body: { conversationUrn: bens.conversationUrn, text } });
      expect(res.status).toBe(200);
      expect(res.body.accountId).toBe(ben);
      expect((await received(BEN)).map((r) => r.text)).toContain(text);
      expect((await received(ANN)).map((r) => r.text)).not.toContain(text);
      expect((await accountOf(key, ann)).status).toBe('active');
    });

    it('recalls a message as the owner its URN names when no account is named', async () => {
      const before = (await routeCounts(BEN)).recall ?? 0;
      const res = await api('DELETE', `/v1/conversations/${enc(bens.conversationUrn)}/messages/${enc(bensOwnMessage)}`, { key });
      expect(res.status).toBe(200);
      expect(res.body.accountId).toBe(ben);
      expect((await routeCounts(BEN)).recall).toBe(before + 1);
      expect((await routeCounts(ANN)).recall ?? 0).toBe(0);
    });

    it('answers 404 NOT_FOUND and never calls LinkedIn when the named account is not the owner', async () => {
      const asAnn = { key, headers: { 'X-Account-Id': ann } };
      const routes = ['typing', 'markRead', 'recall', 'createMessage'];
      const snapshot = async () => {
        const [a, b] = await Promise.all([routeCounts(ANN), routeCounts(BEN)]);
        return routes.map((r) => [a[r] ?? 0, b[r] ?? 0]);
      };
      const before = await snapshot();
      const calls = await Promise.all([
        api('POST', '/v1/messaging/typing-indicator', { ...asAnn, body: { conversationUrn: bens.conversationUrn } }),
        api('POST', '/v1/messaging/mark-seen', { key, body: { accountId: ann, conversationUrn: bens.conversationUrn } }),
        api('PATCH', `/v1/conversations/${enc(bens.conversationUrn)}/mark-unread`, asAnn),
        api('DELETE', `/v1/conversations/${enc(bens.conversationUrn)}/messages/${enc(bensOwnMessage)}`, asAnn),
        api('POST', '/v1/messages', { ...asAnn, body: { conversationUrn: bens.conversationUrn, text: 'must never leave' } }),
      ]);
      for (const res of calls) {
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ success: false, code: 'NOT_FOUND' });
        expect(['conversationUrn', 'messageUrn']).toContain(res.body.field);
      }
      expect(await snapshot()).toEqual(before);
      expect((await received(ANN)).map((r) => r.text)).not.toContain('must never leave');
      expect((await accountOf(key, ann)).status).toBe('active');
    });

    it('answers 404 without calling LinkedIn when no account of the workspace owns the mailbox', async () => {
      const stranger = bens.conversationUrn.replace(BEN, member(1));
      const before = (await routeCounts(ANN)).typing ?? 0;
      const res = await api('POST', '/v1/messaging/typing-indicator', { key, body: { conversationUrn: stranger } });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
      expect((await routeCounts(ANN)).typing ?? 0).toBe(before);
    });
  });

  describe('403s: an error of that request, restriction only from repeated refusals or LinkedIn saying so', () => {
    it('leaves the account active when LinkedIn refuses one message with a plain 403', async () => {
      // Recalling someone else's message in your own mailbox is a 403 on that message alone.
      const theirs = await conversationOf(ANN, member(1));
      const res = await api('DELETE', `/v1/conversations/${enc(theirs.conversationUrn)}/messages/${enc(theirs.messageUrn)}`, { key });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('LINKEDIN_FORBIDDEN');
      expect((await accountOf(key, ann)).status).toBe('active');

      const typing = await api('POST', '/v1/messaging/typing-indicator', { key, body: { conversationUrn: theirs.conversationUrn } });
      expect(typing.status).toBe(200);
      expect(statusEvents(ann).filter((w) => w.body.data.status !== 'active')).toEqual([]);
    });

    it('restricts the account after 403s on writes into three different conversations, and not before', async () => {
      const convs = await Promise.all([0, 1, 2].map((i) => conversationOf(CAT, member(i))));
      await emulator('POST', '/faults', { kind: 'forbidden', account: CAT, route: 'typing', times: 4 });
      const typeInto = (conversationUrn: string) => api('POST', '/v1/messaging/typing-indicator', { key, body: { conversationUrn } });

      for (const c of [convs[0]!, convs[0]!, convs[1]!]) {
        const res = await typeInto(c.conversationUrn);
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('LINKEDIN_FORBIDDEN');
        expect((await accountOf(key, cat)).status).toBe('active');
      }
      const third = await typeInto(convs[2]!.conversationUrn);
      expect(third.status).toBe(403);
      expect(third.body.code).toBe('ACCOUNT_RESTRICTED');
      expect(await accountOf(key, cat)).toMatchObject({ status: 'restricted', statusReason: expect.stringMatching(/3 different conversations/) });
      await waitFor('account.status_changed to restricted', async () => statusEvents(cat).find((w) => w.body.data.status === 'restricted'));

      // Writes stop at once: LinkedIn is not asked.
      const typingBefore = (await routeCounts(CAT)).typing ?? 0;
      const refused = await typeInto(convs[0]!.conversationUrn);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('ACCOUNT_RESTRICTED');
      expect((await routeCounts(CAT)).typing ?? 0).toBe(typingBefore);
      await emulator('DELETE', '/faults');
    });

    it('keeps a restriction inferred from refused writes through inbox syncs, and lifts it on a status refresh', async () => {
      const passes = (await syncStatus(key, cat)).syncCount;
      const requested = await api('POST', '/v1/conversations/sync', { key, body: { accountId: cat } });
      expect(requested.status).toBe(202);
      await waitForSyncPasses(key, cat, passes + 1);
      expect((await accountOf(key, cat)).status).toBe('restricted');

      const refreshed = await api('GET', `/v1/accounts/${cat}/status?refresh=true`, { key });
      expect(refreshed.status).toBe(200);
      expect((await accountOf(key, cat)).status).toBe('active');
      await waitFor('account.status_changed back to active', async () => statusEvents(cat).find((w) => w.body.data.previous_status === 'restricted' && w.body.data.status === 'active'));
    });

    it('clears a restriction LinkedIn no longer shows on the next successful inbox sync', async () => {
      // From the synced inbox: a new message would start a sync pass that races the restriction below.
      const { conversationUrn } = (await api('GET', `/v1/conversations?accountId=${dan}`, { key })).body.conversations[0] as { conversationUrn: string };
      await emulator('PATCH', `/accounts/${DAN}`, { restricted: true });
      const res = await api('POST', '/v1/messaging/typing-indicator', { key, body: { conversationUrn } });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('ACCOUNT_RESTRICTED');
      expect((await accountOf(key, dan)).status).toBe('restricted');

      // The restriction is lifted on LinkedIn (or was never there): a sync pass, which a restricted account still runs, proves it.
      await emulator('PATCH', `/accounts/${DAN}`, { restricted: false });
      const requested = await api('POST', '/v1/conversations/sync', { key, body: { accountId: dan } });
      expect(requested.status).toBe(202);
      await waitFor('the restriction to clear', async () => (await accountOf(key, dan)).status === 'active');
      await waitFor('account.status_changed restricted → active', async () => statusEvents(dan).find((w) => w.body.data.previous_status === 'restricted' && w.body.data.status === 'active'));
      expect((await api('POST', '/v1/messaging/typing-indicator', { key, body: { conversationUrn } })).status).toBe(200);
    });
  });

  describe('nothing lost', () => {
    it('stores an inbound message with a NUL byte (made U+FFFD), fires message.received, and the sync stays healthy', async () => {
      const text = `Hello\u0000there ${Date.now()}`;
      const safe = text.replace('\u0000', '\uFFFD');
      const reply = await emulator<{ conversationUrn: string }>('POST', `/members/${NUL}/reply`, { text, accountProfileId: ANN });
      await api('POST', '/v1/conversations/sync', { key, body: { accountId: ann } });

      const stored = await waitForMessage(key, ann, reply.conversationUrn, (m) => m.text === safe);
      expect(stored).toMatchObject({ direction: 'inbound', text: safe });
      const listed = await api('GET', `/v1/conversations?accountId=${ann}&count=50`, { key });
      const conversation = (listed.body.conversations as Array<{ conversationUrn: string; participants: Array<{ name: string }> }>).find((c) => c.conversationUrn === reply.conversationUrn);
      expect(conversation?.participants.map((p) => p.name)).toContain('Nu\uFFFDl Byte');

      const event = await waitFor('message.received for the NUL message', async () => receiver.accepted().find((w) => w.body.event === 'message.received' && w.body.data.body === safe));
      expect(event.body.data.body).toBe(safe);
      const state = await syncStatus(key, ann);
      expect(state).toMatchObject({ status: 'running', lastError: null });
    });
  });
});
