import { ConversationEntity, ConversationsRepository, DEFAULT_ACCOUNT, InboxMessagesRepository, InboxSyncStatesRepository, InboxSyncStateEntity, MessageEntity } from '@threadline/db';
import { seedInbox, seededConversationUrn } from '../../bench/inbox-seed';
import { nodesOf, recording } from './query-plans';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';

// 60k conversations over two accounts, three messages each: a sequential scan is what Postgres picks when no index fits.
const CONVERSATIONS = 60_000;

describe('one-statement inbox reads (account + sync state + page; conversation + messages)', () => {
  let db: ScratchDatabase;
  let conversations: ConversationsRepository;
  let messages: InboxMessagesRepository;
  const sent: { sql: string; params: unknown[] }[] = [];
  let workspaceId: string;
  let accounts: { id: string; profileUrn: string }[];
  let empty: string;

  beforeAll(async () => {
    db = await createScratchDatabase();
    conversations = new ConversationsRepository(recording(db.dataSource.getRepository(ConversationEntity), sent));
    messages = new InboxMessagesRepository(db.dataSource.getRepository(MessageEntity));
    [{ id: workspaceId }] = await db.dataSource.query(`INSERT INTO workspaces (name) VALUES ('inbox-one-statement') RETURNING id`);
    accounts = [];
    for (const name of ['A', 'B', 'Empty']) {
      const profileUrn = `urn:li:fsd_profile:ACoAAONE${name}`;
      const [{ id }] = await db.dataSource.query(
        `INSERT INTO linkedin_accounts (workspace_id, name, profile_urn, cookies_encrypted, user_agent, is_default) VALUES ($1, $2, $3, 'sealed', 'jest', $4) RETURNING id`,
        [workspaceId, name, profileUrn, name === 'A'],
      );
      accounts.push({ id, profileUrn });
    }
    empty = accounts.pop()!.id;
    await seedInbox(db.dataSource, { workspaceId, accounts, conversations: CONVERSATIONS, messagesPerConversation: 3 });
    const states = new InboxSyncStatesRepository(db.dataSource.getRepository(InboxSyncStateEntity));
    await states.ensure(workspaceId, accounts[0]!.id);
    await states.recordError(accounts[0]!.id, 'RATE_LIMITED', 'slow down');
  }, 300_000);
  afterAll(() => db?.drop());

  beforeEach(() => {
    sent.length = 0;
  });

  /** Exactly one statement was sent, and its plan scans neither conversations nor messages sequentially. */
  async function expectOneIndexedStatement(): Promise<void> {
    expect(sent).toHaveLength(1);
    const [{ sql, params }] = sent as [{ sql: string; params: unknown[] }];
    const [{ 'QUERY PLAN': [plan] }] = await db.dataSource.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    const scans = nodesOf(plan.Plan).filter((n) => n.type === 'Seq Scan' && (n.relation === 'conversations' || n.relation === 'messages'));
    expect({ sql, scans }).toEqual({ sql, scans: [] });
  }

  it('reads the default account, its sync state and its first page in one statement, as the separate reads give them', async () => {
    const found = await conversations.accountInbox(workspaceId, DEFAULT_ACCOUNT, { limit: 20 });
    await expectOneIndexedStatement();
    const [state] = await db.dataSource.getRepository(InboxSyncStateEntity).findBy({ accountId: accounts[0]!.id });
    expect(found!.account).toEqual({ id: accounts[0]!.id, name: 'A', profileUrn: accounts[0]!.profileUrn, status: 'active' });
    expect(found!.syncState).toEqual(state);
    const separate = await conversations.page(workspaceId, { accountIds: [accounts[0]!.id], limit: 20 });
    expect(found!.conversations).toEqual(separate);
    expect(found!.conversations).toHaveLength(21);
  });

  it('reads a named account\'s unread page after a cursor in one statement, through the partial index', async () => {
    const account = accounts[0]!.id; // the seed's unread conversations (every 20th) are all the first account's
    const first = await conversations.page(workspaceId, { accountIds: [account], limit: 20, unreadOnly: true });
    const after = { lastActivityAt: first[19]!.lastActivityAt, id: first[19]!.id };
    sent.length = 0;
    const found = await conversations.accountInbox(workspaceId, account, { limit: 20, unreadOnly: true, after });
    await expectOneIndexedStatement();
    expect(JSON.stringify((await db.dataSource.query(`EXPLAIN (FORMAT JSON) ${sent[0]!.sql}`, sent[0]!.params))[0])).toContain('conversations_unread_idx');
    expect(found!.conversations).toEqual(await conversations.page(workspaceId, { accountIds: [account], limit: 20, unreadOnly: true, after }));
    expect(found!.conversations.every((c) => c.unreadCount > 0 && c.accountId === account)).toBe(true);
  });

  it('answers an account without a sync state with none, one without conversations with no rows, and an unknown account with null', async () => {
    expect((await conversations.accountInbox(workspaceId, accounts[1]!.id, { limit: 1 }))!.syncState).toBeNull();
    expect(await conversations.accountInbox(workspaceId, empty, { limit: 20 })).toEqual({
      account: { id: empty, name: 'Empty', profileUrn: 'urn:li:fsd_profile:ACoAAONEEmpty', status: 'active' }, syncState: null, conversations: [],
    });
    expect(await conversations.accountInbox(workspaceId, '00000000-0000-4000-8000-000000000000', { limit: 20 })).toBeNull();
    const [{ id: otherWorkspace }] = await db.dataSource.query(`INSERT INTO workspaces (name) VALUES ('no accounts') RETURNING id`);
    expect(await conversations.accountInbox(otherWorkspace, DEFAULT_ACCOUNT, { limit: 20 })).toBeNull();
    // Another workspace's account is unknown here.
    expect(await conversations.accountInbox(otherWorkspace, accounts[0]!.id, { limit: 20 })).toBeNull();
  });

  it('reads a conversation and a page of its messages in one statement, as findReadable and thread give them', async () => {
    const i = 4001; // 4001 % 2 = 1: a conversation of the second account
    const owner = accounts[1]!;
    const urn = seededConversationUrn(owner.profileUrn, i);
    const found = await conversations.readableThread(workspaceId, null, urn, null, { limit: 2 });
    await expectOneIndexedStatement();
    expect(found!.conversation).toEqual(await conversations.findReadable(workspaceId, null, urn, null));
    const thread = await messages.thread(workspaceId, { accountId: owner.id, conversationUrn: urn, limit: 2 });
    expect(found!.messages).toEqual(thread);
    expect(found!.messages.map((m) => m.messageUrn)).toEqual([1, 2, 3].map((m) => `urn:li:msg_message:(${owner.profileUrn},2-seed-${i}-${m})`));

    const last = thread[1]!;
    const older = await conversations.readableThread(workspaceId, [owner.id], urn, null, { limit: 2, before: { sentAt: last.sentAt, id: last.id } });
    expect(older!.messages.map((m) => m.messageUrn)).toEqual([`urn:li:msg_message:(${owner.profileUrn},2-seed-${i}-3)`]);
    const newer = await conversations.readableThread(workspaceId, null, urn, null, { limit: 20, since: thread[0]!.sentAt });
    expect(newer).toEqual({ conversation: found!.conversation, messages: [] });
  });

  it('finds nothing for a conversation of another account than the one named, or a stranger\'s account', async () => {
    const urn = seededConversationUrn(accounts[1]!.profileUrn, 4001);
    expect(await conversations.readableThread(workspaceId, [accounts[0]!.id], urn, null, { limit: 20 })).toBeNull();
    expect(await conversations.readableThread(workspaceId, [accounts[1]!.id, '00000000-0000-4000-8000-000000000000'], urn, null, { limit: 20 })).toBeNull();
    expect(await conversations.readableThread(workspaceId, null, seededConversationUrn(accounts[0]!.profileUrn, 4001), null, { limit: 20 })).toBeNull();
  });
});
