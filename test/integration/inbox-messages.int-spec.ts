import { ConversationEntity, ConversationsRepository, InboxMessagesRepository, MessageEntity, type SyncedMessage } from '@threadline/db';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';

describe('InboxMessagesRepository', () => {
  let db: ScratchDatabase;
  let repo: InboxMessagesRepository;
  let synced: SyncedMessage;

  beforeAll(async () => {
    db = await createScratchDatabase();
    repo = new InboxMessagesRepository(db.dataSource.getRepository(MessageEntity));
    const [{ id: workspaceId }] = await db.dataSource.query(`INSERT INTO workspaces (name) VALUES ('inbox') RETURNING id`);
    const [{ id: accountId }] = await db.dataSource.query(
      `INSERT INTO linkedin_accounts (workspace_id, name, profile_urn, cookies_encrypted, user_agent) VALUES ($1, 'owner', 'urn:li:fsd_profile:OWNER', 'sealed', 'jest') RETURNING id`,
      [workspaceId],
    );
    synced = {
      workspaceId, accountId, direction: 'inbound', origin: 'linkedin', conversationUrn: 'urn:li:msg_conversation:(urn:li:fsd_profile:OWNER,2-abc)',
      messageUrn: 'urn:li:msg_message:(urn:li:fsd_profile:OWNER,2-m1)', backendUrn: 'urn:li:messagingMessage:2-m1', senderUrn: 'urn:li:fsd_profile:SARAH',
      senderName: 'Sarah', text: 'Hi\u0000there', subject: null, originToken: null, sentAt: new Date('2026-11-30T10:00:00.000Z'),
      attachments: [{ kind: 'file', name: 'deck.pdf', mediaType: 'application/pdf', byteSize: 1024, url: null }], notified: false, recalled: false, edited: false,
    };
  });
  afterAll(() => db?.drop());

  it('stores a synced message once and reads it back as the entity describes it', async () => {
    expect(await repo.insertSynced(synced)).toBe(true);
    expect(await repo.insertSynced(synced)).toBe(false);
    const [row, ...rest] = await repo.thread(synced.workspaceId, { accountId: synced.accountId, conversationUrn: synced.conversationUrn, limit: 10 });
    expect(rest).toEqual([]);
    const { notified: _, originToken: __, ...expected } = synced;
    expect(row).toEqual({ ...expected, id: expect.any(String), text: 'Hi\uFFFDthere' });
  });

  it('keeps an inbound message in the outbox until it is marked notified', async () => {
    const [pending] = await repo.unnotified(synced.accountId, 10);
    expect(pending).toMatchObject({ messageUrn: synced.messageUrn, sentAt: synced.sentAt, attachments: synced.attachments });
    await repo.markNotified([pending!.id]);
    expect(await repo.unnotified(synced.accountId, 10)).toEqual([]);
  });

  it('reads a message edited after it was synced with its new text and edited, in the thread and the conversation\'s latest message', async () => {
    const edits = { ...synced, messageUrn: 'urn:li:msg_message:(urn:li:fsd_profile:OWNER,2-m2)', text: 'See you at 9', sentAt: new Date('2026-11-30T09:00:00.000Z'), attachments: [] };
    const conversations = new ConversationsRepository(db.dataSource.getRepository(ConversationEntity));
    const conversationUrn = 'urn:li:msg_conversation:(urn:li:fsd_profile:OWNER,2-edits)';
    await conversations.upsert({
      workspaceId: synced.workspaceId, accountId: synced.accountId, conversationUrn, backendUrn: null, source: 'linkedin', salesNavThreadId: null,
      title: null, groupChat: false, categories: [], participants: [], unreadCount: 0, read: true, lastActivityAt: edits.sentAt,
      latestMessage: { messageUrn: edits.messageUrn, text: 'See you at 9', senderProfileUrn: synced.senderUrn, senderName: synced.senderName, direction: 'inbound', sentAt: edits.sentAt.toISOString() },
    });
    expect(await repo.insertSynced({ ...edits, conversationUrn })).toBe(true);
    // The sync sees it again, now edited: the stored row and the latest message follow.
    expect(await repo.insertSynced({ ...edits, conversationUrn, text: 'See you at 10', edited: true })).toBe(false);
    const [row] = await repo.thread(synced.workspaceId, { accountId: synced.accountId, conversationUrn, limit: 10 });
    expect(row).toMatchObject({ text: 'See you at 10', edited: true, recalled: false });
    const [conversation] = await db.dataSource.query(`SELECT latest_message FROM conversations WHERE account_id = $1 AND conversation_urn = $2`, [synced.accountId, conversationUrn]);
    expect(conversation.latest_message).toMatchObject({ messageUrn: edits.messageUrn, text: 'See you at 10', edited: true });
    // A recalled message has nothing left to edit.
    await repo.markRecalled(synced.accountId, [edits.messageUrn]);
    await repo.markEdited(synced.accountId, [{ messageUrn: edits.messageUrn, text: 'See you at 11' }]);
    expect((await repo.thread(synced.workspaceId, { accountId: synced.accountId, conversationUrn, limit: 10 }))[0]).toMatchObject({ text: '', recalled: true });
  });

  it('reads a message recalled after it was synced as recalled, without text or attachments, in the thread and the conversation\'s latest message', async () => {
    const conversations = new ConversationsRepository(db.dataSource.getRepository(ConversationEntity));
    await conversations.upsert({
      workspaceId: synced.workspaceId, accountId: synced.accountId, conversationUrn: synced.conversationUrn, backendUrn: null, source: 'linkedin', salesNavThreadId: null,
      title: null, groupChat: false, categories: [], participants: [], unreadCount: 0, read: true, lastActivityAt: synced.sentAt,
      latestMessage: { messageUrn: synced.messageUrn, text: 'Hi there', senderProfileUrn: synced.senderUrn, senderName: synced.senderName, direction: 'inbound', sentAt: synced.sentAt.toISOString() },
    });
    // The sync sees it again, now recalled: the stored row follows.
    expect(await repo.insertSynced({ ...synced, text: '', attachments: [], recalled: true })).toBe(false);
    const [row] = await repo.thread(synced.workspaceId, { accountId: synced.accountId, conversationUrn: synced.conversationUrn, limit: 10 });
    expect(row).toMatchObject({ text: '', attachments: [], recalled: true });
    const [conversation] = await db.dataSource.query(`SELECT latest_message FROM conversations WHERE account_id = $1`, [synced.accountId]);
    expect(conversation.latest_message).toMatchObject({ messageUrn: synced.messageUrn, text: '', recalled: true });
  });
});
