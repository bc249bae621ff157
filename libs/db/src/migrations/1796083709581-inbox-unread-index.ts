import type { MigrationInterface, QueryRunner } from 'typeorm';

/** unreadOnly inbox pages: the inbox order over unread conversations only, so the keyset read never walks read ones. */
export class InboxUnreadIndex1796083709581 implements MigrationInterface {
  name = 'InboxUnreadIndex1796083709581';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX conversations_unread_idx ON conversations (workspace_id, account_id, last_activity_at DESC, id DESC) WHERE deleted_at IS NULL AND unread_count > 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX conversations_unread_idx`);
  }
}
