import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Messages edited on LinkedIn read with their new text and `edited`, in the list and as a conversation's latest message. */
export class MessageEdits1796095194783 implements MigrationInterface {
  name = 'MessageEdits1796095194783';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages ADD COLUMN edited boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages DROP COLUMN edited`);
  }
}
