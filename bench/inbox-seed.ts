/** Anything that runs SQL with $n parameters: a pg Client or a TypeORM DataSource. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface InboxSeed {
  workspaceId: string;
  /** Conversation i belongs to accounts[i % accounts.length]. */
  accounts: { id: string; profileUrn: string }[];
  conversations: number;
  messagesPerConversation: number;
  /** Called after each chunk, with what is done so far. */
  progress?: (what: 'conversations' | 'messages', done: number, total: number) => void;
}

/** URN of the i-th seeded conversation of an account (1-based), as the seed writes it. */
export const seededConversationUrn = (profileUrn: string, i: number) => `urn:li:msg_conversation:(${profileUrn},2-seed-${i})`;

const CHUNK = 20_000;

/**
 * Fills an inbox by SQL (generate_series), in chunks: newest conversation first (i = 1), one in 20
 * unread, one in 100 deleted, `messagesPerConversation` messages each, all already notified. Ends with
 * ANALYZE so the planner sees the real sizes.
 */
export async function seedInbox(db: SqlRunner, seed: InboxSeed): Promise<void> {
  const ids = seed.accounts.map((a) => a.id);
  const urns = seed.accounts.map((a) => a.profileUrn);
  const k = seed.accounts.length;
  for (let from = 1; from <= seed.conversations; from += CHUNK) {
    const to = Math.min(seed.conversations, from + CHUNK - 1);
    await db.query(
      `INSERT INTO conversations (workspace_id, account_id, conversation_urn, backend_urn, source, title, group_chat, participants, participant_urns,
         unread_count, read, last_activity_at, latest_message, deleted_at)
       SELECT $1, ($2::uuid[])[1 + i % $5], 'urn:li:msg_conversation:(' || ($3::text[])[1 + i % $5] || ',2-seed-' || i || ')', 'urn:li:messagingThread:2-seed-' || i,
              'linkedin', NULL, false,
              jsonb_build_array(jsonb_build_object('profileUrn', 'urn:li:fsd_profile:ACoAASEED' || i, 'name', 'Person ' || i, 'firstName', 'Person', 'lastName', i::text,
                'headline', NULL, 'profileUrl', NULL, 'profilePicture', NULL)),
              ARRAY['urn:li:fsd_profile:ACoAASEED' || i],
              CASE WHEN i % 20 = 0 THEN 1 ELSE 0 END, i % 20 <> 0,
              timestamptz '2026-11-30T12:00:00Z' - i * interval '37 seconds',
              jsonb_build_object('messageUrn', 'urn:li:msg_message:(' || ($3::text[])[1 + i % $5] || ',2-seed-' || i || '-1)', 'text', 'latest message of conversation ' || i,
                'senderProfileUrn', 'urn:li:fsd_profile:ACoAASEED' || i, 'senderName', 'Person ' || i, 'direction', 'inbound',
                'sentAt', to_char((timestamptz '2026-11-30T12:00:00Z' - i * interval '37 seconds') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
              CASE WHEN i % 100 = 7 THEN timestamptz '2026-11-30T12:00:00Z' END
       FROM generate_series($4::int, $6::int) AS i`,
      [seed.workspaceId, ids, urns, from, k, to],
    );
    seed.progress?.('conversations', to, seed.conversations);
  }
  const perChunk = Math.max(1, Math.floor(CHUNK * 5 / Math.max(1, seed.messagesPerConversation)));
  for (let from = 1; from <= seed.conversations && seed.messagesPerConversation > 0; from += perChunk) {
    const to = Math.min(seed.conversations, from + perChunk - 1);
    await db.query(
      `INSERT INTO messages (workspace_id, account_id, direction, status, message_type, conversation_urn, message_urn, backend_urn, sender_urn, sender_name,
         text, sent_at, origin, notified_at)
       SELECT $1, ($2::uuid[])[1 + i % $5], CASE WHEN m % 2 = 1 THEN 'inbound' ELSE 'outbound' END, 'sent', 'normal',
              'urn:li:msg_conversation:(' || ($3::text[])[1 + i % $5] || ',2-seed-' || i || ')',
              'urn:li:msg_message:(' || ($3::text[])[1 + i % $5] || ',2-seed-' || i || '-' || m || ')', 'urn:li:messagingMessage:2-seed-' || i || '-' || m,
              CASE WHEN m % 2 = 1 THEN 'urn:li:fsd_profile:ACoAASEED' || i ELSE ($3::text[])[1 + i % $5] END, 'Person ' || i,
              'message ' || m || ' of conversation ' || i || ', long enough to look like a real line of text in a thread',
              timestamptz '2026-11-30T12:00:00Z' - i * interval '37 seconds' - (m - 1) * interval '3 minutes', 'linkedin', timestamptz '2026-11-30T12:00:00Z'
       FROM generate_series($4::int, $6::int) AS i CROSS JOIN generate_series(1, $7::int) AS m`,
      [seed.workspaceId, ids, urns, from, k, to, seed.messagesPerConversation],
    );
    seed.progress?.('messages', to * seed.messagesPerConversation, seed.conversations * seed.messagesPerConversation);
  }
  await db.query(`ANALYZE conversations`);
  await db.query(`ANALYZE messages`);
}
