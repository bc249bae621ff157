import { ConversationEntity, ConversationsRepository, DEFAULT_ACCOUNT, InboxMessagesRepository, MessageEntity } from '@threadline/db';
import { seedInbox, seededConversationUrn } from '../../bench/inbox-seed';
import { nodesOf, recording } from './query-plans';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';

// 100k conversations and 300k messages over three accounts: enough that a sequential scan is the plan Postgres picks when no index fits.
const CONVERSATIONS = 100_000;
const MESSAGES_PER_CONVERSATION = 3;

describe('inbox reads at 100k conversations', () => {
  let db: ScratchDatabase;
  let conversations: ConversationsRepository;
  let messages: InboxMessagesRepository;
  const sent: { sql: string; params: unknown[] }[] = [];
  let workspaceId: string;
  let accounts: { id: string; profileUrn: string }[];

  beforeAll(async () => {
    db = await createScratchDatabase();
    conversations = new ConversationsRepository(recording(db.dataSource.getRepository(ConversationEntity), sent));
    messages = new InboxMessagesRepository(recording(db.dataSource.getRepository(MessageEntity), sent));
    [{ id: workspaceId }] = await db.dataSource.query(`INSERT INTO workspaces (name) VALUES ('inbox-plans') RETURNING id`);
    accounts = [];
    for (const name of ['A', 'B', 'C']) {
      const profileUrn = `urn:li:fsd_profile:ACoAAOWNER${name}`;
      const [{ id }] = await db.dataSource.query(
        `INSERT INTO linkedin_accounts (workspace_id, name, profile_urn, cookies_encrypted, user_agent, is_default) VALUES ($1, $2, $3, 'sealed', 'jest', $4) RETURNING id`,
        [workspaceId, name, profileUrn, name === 'A'],
      );
      accounts.push({ id, profileUrn });
    }
    await seedInbox(db.dataSource, { workspaceId, accounts, conversations: CONVERSATIONS, messagesPerConversation: MESSAGES_PER_CONVERSATION });
  }, 300_000);
  afterAll(() => db?.drop());

  beforeEach(() => {
    sent.length = 0;
  });

  /** EXPLAINs every statement the repositories sent since the test began; none may scan conversations or messages sequentially. */
  async function expectNoSeqScan(): Promise<void> {
    expect(sent.length).toBeGreaterThan(0);
    for (const { sql, params } of sent) {
      const [{ 'QUERY PLAN': [plan] }] = await db.dataSource.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      const scans = nodesOf(plan.Plan).filter((n) => n.type === 'Seq Scan' && (n.relation === 'conversations' || n.relation === 'messages'));
      expect({ sql, scans }).toEqual({ sql, scans: [] });
    }
  }

  it('lists one account with an index scan, newest activity first', async () => {
    const page = await conversations.page(workspaceId, { accountIds: [accounts[0]!.id], limit: 20 });
    expect(page).toHaveLength(21);
    expect(page.every((c) => c.accountId === accounts[0]!.id && c.deletedAt === null)).toBe(true);
    expect(page.map((c) => c.lastActivityAt.getTime())).toEqual([...page.map((c) => c.lastActivityAt.getTime())].sort((a, b) => b - a));
    await expectNoSeqScan();
  });

  it('lists the default account, resolved inside the same statement, with an index scan', async () => {
    const page = await conversations.page(workspaceId, { accountIds: DEFAULT_ACCOUNT, limit: 20 });
    const named = await conversations.page(workspaceId, { accountIds: [accounts[0]!.id], limit: 20 });
    expect(page.map((c) => c.id)).toEqual(named.map((c) => c.id));
    await expectNoSeqScan();
  });

  it('lists unread conversations through the partial index', async () => {
    const page = await conversations.page(workspaceId, { accountIds: [accounts[1]!.id], limit: 20, unreadOnly: true });
    expect(page).toHaveLength(21);
    expect(page.every((c) => c.unreadCount > 0)).toBe(true);
    await expectNoSeqScan();
    const [{ 'QUERY PLAN': [plan] }] = await db.dataSource.query(`EXPLAIN (FORMAT JSON) ${sent[0]!.sql}`, sent[0]!.params);
    expect(JSON.stringify(plan)).toContain('conversations_unread_idx');
  });

  it('merges several accounts into the order and keyset pages one query over all of them would give', async () => {
    const ids = accounts.map((a) => a.id);
    const reference = async (after?: { at: Date; id: string }) => (await db.dataSource.query(
      `SELECT id FROM conversations WHERE workspace_id = $1 AND account_id = ANY($2) AND deleted_at IS NULL AND unread_count > 0
         AND ($3::timestamptz IS NULL OR (last_activity_at, id) < ($3, $4::uuid))
       ORDER BY last_activity_at DESC, id DESC LIMIT 21`,
      [workspaceId, ids, after?.at ?? null, after?.id ?? null],
    ) as { id: string }[]).map((r) => r.id);
    const first = await conversations.page(workspaceId, { accountIds: ids, limit: 20, unreadOnly: true });
    expect(first.map((c) => c.id)).toEqual(await reference());
    expect(new Set(first.map((c) => c.accountId)).size).toBe(3);
    const last = first[19]!;
    const second = await conversations.page(workspaceId, { accountIds: ids, limit: 20, unreadOnly: true, after: { lastActivityAt: last.lastActivityAt, id: last.id } });
    expect(second.map((c) => c.id)).toEqual(await reference({ at: last.lastActivityAt, id: last.id }));
    await expectNoSeqScan();
  });

  it('resolves a conversation with its account in one query and reads its messages by index', async () => {
    const i = 5000; // 5000 % 3 = 2: a conversation of the third account
    const owner = accounts[2]!;
    const conversationUrn = seededConversationUrn(owner.profileUrn, i);
    expect(await conversations.findReadable(workspaceId, null, seededConversationUrn(accounts[0]!.profileUrn, i), null)).toBeNull();
    const found = await conversations.findReadable(workspaceId, null, conversationUrn, null);
    expect(found).toMatchObject({ accountId: owner.id, conversationUrn, workspaceId });
    expect(await conversations.findReadable(workspaceId, [owner.id], conversationUrn, null)).toMatchObject({ id: found!.id });
    // Every named account must be the workspace's: a stranger's id finds nothing, so the caller can say which.
    expect(await conversations.findReadable(workspaceId, [owner.id, '00000000-0000-4000-8000-000000000000'], conversationUrn, null)).toBeNull();
    const thread = await messages.thread(workspaceId, { accountId: owner.id, conversationUrn, limit: 20 });
    expect(thread.map((m) => m.messageUrn)).toEqual([1, 2, 3].map((m) => `urn:li:msg_message:(${owner.profileUrn},2-seed-${i}-${m})`));
    await expectNoSeqScan();
  });
});
