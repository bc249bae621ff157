import { InboxMessagesRepository, MessageEntity, MessagesRepository, type SyncedMessage, UsageRepository } from '@threadline/db';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';

/** A send's own row and the sync's copy of the same LinkedIn message end as one row, whatever the order. */
describe('send and sync reconcile', () => {
  let db: ScratchDatabase;
  let messages: MessagesRepository;
  let inbox: InboxMessagesRepository;
  let workspaceId: string;
  let accountId: string;
  let n = 0;

  beforeAll(async () => {
    db = await createScratchDatabase();
    messages = new MessagesRepository(db.dataSource.getRepository(MessageEntity));
    inbox = new InboxMessagesRepository(db.dataSource.getRepository(MessageEntity));
    [{ id: workspaceId }] = await db.dataSource.query(`INSERT INTO workspaces (name) VALUES ('reconcile') RETURNING id`);
    [{ id: accountId }] = await db.dataSource.query(
      `INSERT INTO linkedin_accounts (workspace_id, name, profile_urn, cookies_encrypted, user_agent) VALUES ($1, 'Owner', 'urn:li:fsd_profile:OWNER', 'sealed', 'jest') RETURNING id`,
      [workspaceId],
    );
  });
  afterAll(() => db?.drop());

  const apiSend = async () => {
    const i = ++n;
    const workflowId = `send:${workspaceId}:k${i}`;
    await messages.createPending({ workspaceId, accountId, messageType: 'normal', recipientRef: 'urn:li:fsd_profile:LEAD', text: `hello ${i}`, subject: null, workflowId, idempotencyKey: `k${i}`, requestHash: null });
    return { workflowId, messageUrn: `urn:li:msg_message:(urn:li:fsd_profile:OWNER,2-m${i})`, originToken: `token-${i}` };
  };
  const copyOf = (send: { messageUrn: string }, originToken: string | null): SyncedMessage => ({
    workspaceId, accountId, direction: 'outbound', origin: 'linkedin', conversationUrn: 'urn:li:msg_conversation:(urn:li:fsd_profile:OWNER,2-c)',
    messageUrn: send.messageUrn, backendUrn: null, senderUrn: 'urn:li:fsd_profile:OWNER', senderName: 'Owner', text: 'as LinkedIn shows it', subject: null,
    originToken, sentAt: new Date('2026-11-30T10:00:00.000Z'),
    attachments: [{ kind: 'file', name: 'deck.pdf', mediaType: 'application/pdf', byteSize: 10, url: 'https://media.example/deck.pdf' }], notified: true, recalled: false, edited: false,
  });
  const sent = (send: { messageUrn: string; originToken: string }) => ({
    messageUrn: send.messageUrn, backendUrn: null, conversationUrn: 'urn:li:msg_conversation:(urn:li:fsd_profile:OWNER,2-c)', recipientUrn: 'urn:li:fsd_profile:LEAD',
    senderUrn: 'urn:li:fsd_profile:OWNER', senderName: 'Owner', originToken: send.originToken, sentAt: new Date('2026-11-30T10:00:00.000Z'),
  });
  const rowsOf = (messageUrn: string): Promise<MessageEntity[]> => db.dataSource.getRepository(MessageEntity).findBy({ accountId, messageUrn });

  it('keeps one row, the send\'s, when the sync stored its copy first', async () => {
    const send = await apiSend();
    expect(await inbox.insertSynced(copyOf(send, null))).toBe(true);
    await messages.markSent(send.workflowId, sent(send));
    const rows = await rowsOf(send.messageUrn);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ workflowId: send.workflowId, origin: 'api', status: 'sent', senderName: 'Owner', attachments: copyOf(send, null).attachments });
  });

  it('merges the sync\'s copy into the send\'s row by origin token, before or after the send is recorded', async () => {
    const before = await apiSend();
    await messages.stampDelivery(before.workflowId, before.originToken, []);
    expect(await inbox.insertSynced(copyOf(before, before.originToken))).toBe(false);
    await messages.markSent(before.workflowId, sent(before));
    const after = await apiSend();
    await messages.stampDelivery(after.workflowId, after.originToken, []);
    await messages.markSent(after.workflowId, sent(after));
    expect(await inbox.insertSynced(copyOf(after, after.originToken))).toBe(false);
    for (const send of [before, after]) expect(await rowsOf(send.messageUrn)).toEqual([expect.objectContaining({ workflowId: send.workflowId, status: 'sent', originToken: send.originToken })]);
  });

  it('records the send when the sync commits its copy while the send is being recorded', async () => {
    const send = await apiSend();
    const sync = db.dataSource.createQueryRunner();
    await sync.connect();
    await sync.startTransaction();
    // The sync's copy is stored but not committed: the send's statement waits on the unique index, then sees it committed.
    await new InboxMessagesRepository(sync.manager.getRepository(MessageEntity)).insertSynced(copyOf(send, null));
    const recording = messages.markSent(send.workflowId, sent(send));
    await waitForLockWait();
    await sync.commitTransaction();
    await sync.release();
    await recording;
    expect(await rowsOf(send.messageUrn)).toEqual([expect.objectContaining({ workflowId: send.workflowId, status: 'sent' })]);
  });

  it('bills a sequence step\'s send like an API send, on one row with its campaign and lead', async () => {
    const campaignId = '00000000-0000-4000-8000-000000000001';
    const leadId = '00000000-0000-4000-8000-000000000002';
    const workflowId = `lead:${campaignId}:${leadId}:step-0`;
    const send = { messageUrn: 'urn:li:msg_message:(urn:li:fsd_profile:OWNER,2-seq)', originToken: 'token-seq' };
    await messages.upsertSequenceSend({ workspaceId, accountId, campaignId, leadId, recipientRef: 'urn:li:fsd_profile:LEAD', text: 'Hi from the sequence', workflowId, originToken: send.originToken, attachments: [] });
    // A retried step keeps its one row.
    await messages.upsertSequenceSend({ workspaceId, accountId, campaignId, leadId, recipientRef: 'urn:li:fsd_profile:LEAD', text: 'Hi from the sequence', workflowId, originToken: send.originToken, attachments: [] });
    expect(await inbox.insertSynced(copyOf(send, send.originToken))).toBe(false);
    await messages.markSent(workflowId, sent(send));
    expect(await rowsOf(send.messageUrn)).toEqual([expect.objectContaining({ origin: 'sequence', campaignId, leadId, text: 'Hi from the sequence', status: 'sent' })]);
    const usage = await new UsageRepository(db.dataSource).report(workspaceId, '2026-11-30', '2026-12-01');
    // Two API sends per earlier test (1 + 2 + 1) and this one; none counted twice.
    expect(usage).toEqual([{ day: '2026-11-30', accountId, messages: 5, inmails: 0, apiCalls: 0 }]);
  });

  /** Until the send's statement waits on a lock (the copy's uncommitted index entry). */
  async function waitForLockWait(): Promise<void> {
    for (;;) {
      const [{ waiting }] = await db.dataSource.query(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      if (waiting > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
});
