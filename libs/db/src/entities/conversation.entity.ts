import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { LinkedinAccountEntity } from './linkedin-account.entity';
import { oneOf } from './one-of';
import { WorkspaceEntity } from './workspace.entity';

export const CONVERSATION_SOURCES = ['linkedin', 'sales_navigator'] as const;
export type ConversationSource = (typeof CONVERSATION_SOURCES)[number];

/** A person in a conversation, other than the mailbox owner. */
export interface ParticipantRecord {
  /** `urn:li:fsd_profile:…` (or `urn:li:fs_salesProfile:(…)` for Sales Navigator-only people). */
  profileUrn: string;
  name: string;
  firstName: string | null;
  lastName: string | null;
  headline: string | null;
  profileUrl: string | null;
  profilePicture: string | null;
}

/** The newest message of a conversation, denormalised so the inbox list is one query. */
export interface LatestMessageRecord {
  messageUrn: string;
  text: string;
  senderProfileUrn: string | null;
  senderName: string | null;
  direction: 'inbound' | 'outbound';
  sentAt: string;
  /** Absent in rows written before recalls were tracked (read as false). */
  recalled?: boolean;
  /** Absent in rows written before edits were tracked (read as false). */
  edited?: boolean;
}

/** One conversation of one account's inbox, as last synced from LinkedIn. */
@Entity({ name: 'conversations' })
@Unique(['accountId', 'conversationUrn'])
@Check('conversations_source_check', oneOf('source', CONVERSATION_SOURCES))
// Inbox listing: newest activity first, keyset-paged on (last_activity_at, id); both DESC in the migration.
@Index('conversations_inbox_idx', ['workspaceId', 'accountId', 'lastActivityAt', 'id'], { where: 'deleted_at IS NULL' })
// unreadOnly pages: the same order over unread conversations alone.
@Index('conversations_unread_idx', ['workspaceId', 'accountId', 'lastActivityAt', 'id'], { where: 'deleted_at IS NULL AND unread_count > 0' })
@Index('conversations_participants_idx', ['participantUrns'], { type: 'gin' })
@Index('conversations_sales_nav_idx', ['accountId', 'salesNavThreadId'], { where: 'sales_nav_thread_id IS NOT NULL' })
export class ConversationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @ForeignKey(() => LinkedinAccountEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  /** `urn:li:msg_conversation:(…)` or `urn:li:salesNav_thread:<id>`. */
  @Column({ name: 'conversation_urn', type: 'text' })
  conversationUrn!: string;

  /** `urn:li:messagingThread:2-…`, shared by every mailbox. */
  @Column({ name: 'backend_urn', type: 'text', nullable: true })
  backendUrn!: string | null;

  @Column({ type: 'text' })
  source!: ConversationSource;

  @Column({ name: 'sales_nav_thread_id', type: 'text', nullable: true })
  salesNavThreadId!: string | null;

  @Column({ type: 'text', nullable: true })
  title!: string | null;

  @Column({ name: 'group_chat', type: 'boolean', default: false })
  groupChat!: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  categories!: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  participants!: ParticipantRecord[];

  @Column({ name: 'participant_urns', type: 'text', array: true, default: () => "'{}'" })
  participantUrns!: string[];

  @Column({ name: 'unread_count', type: 'int', default: 0 })
  unreadCount!: number;

  @Column({ type: 'boolean', default: true })
  read!: boolean;

  @Column({ name: 'last_activity_at', type: 'timestamptz' })
  lastActivityAt!: Date;

  @Column({ name: 'latest_message', type: 'jsonb', nullable: true })
  latestMessage!: LatestMessageRecord | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
