import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { oneOf } from './one-of';
import { WorkspaceEntity } from './workspace.entity';

export const ACCOUNT_STATUSES = ['active', 'disconnected', 'checkpoint', 'restricted', 'on_hold', 'warming'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

@Entity({ name: 'linkedin_accounts' })
@Unique(['workspaceId', 'profileUrn'])
@Check('linkedin_accounts_status_check', oneOf('status', ACCOUNT_STATUSES))
@Index('linkedin_accounts_workspace_idx', ['workspaceId'])
// At most one default account per workspace.
@Index('linkedin_accounts_one_default', ['workspaceId'], { unique: true, where: 'is_default' })
// The holds the worker's sweep ends.
@Index('linkedin_accounts_on_hold_idx', ['holdUntil'], { where: "status = 'on_hold'" })
// An external id (the id a client used with the hosted API) names one account per workspace.
@Index('linkedin_accounts_external_id', ['workspaceId', 'externalId'], { unique: true, where: 'external_id IS NOT NULL' })
export class LinkedinAccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'text' })
  name!: string;

  /** urn:li:fsd_profile:… of the account owner (the mailbox). */
  @Column({ name: 'profile_urn', type: 'text' })
  profileUrn!: string;

  @Column({ name: 'public_identifier', type: 'text', nullable: true })
  publicIdentifier!: string | null;

  /** The id a client used for this account before (e.g. the hosted API's); X-Account-Id and accountId accept it. */
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  @Column({ type: 'text', default: 'active' })
  status!: AccountStatus;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ name: 'hold_until', type: 'timestamptz', nullable: true })
  holdUntil!: Date | null;

  /** LinkedIn's weekly invitation cap was hit: invitations wait until then; messages are not held (reference §7.4). */
  @Column({ name: 'invitations_held_until', type: 'timestamptz', nullable: true })
  invitationsHeldUntil!: Date | null;

  /** AES-256-GCM envelope of the session cookies (li_at, JSESSIONID, li_a); never logged. */
  @Column({ name: 'cookies_encrypted', type: 'text', select: false })
  cookiesEncrypted!: string;

  /** AES-256-GCM envelope of the proxy URL, which often carries credentials. */
  @Column({ name: 'proxy_encrypted', type: 'text', nullable: true, select: false })
  proxyEncrypted!: string | null;

  @Column({ name: 'user_agent', type: 'text' })
  userAgent!: string;

  /** Where this account's LinkedIn lives; null means the configured default (real LinkedIn). */
  @Column({ name: 'base_url', type: 'text', nullable: true })
  baseUrl!: string | null;

  @Column({ name: 'has_sales_navigator', type: 'boolean', default: false })
  hasSalesNavigator!: boolean;

  @Column({ name: 'is_default', type: 'boolean', default: false })
  isDefault!: boolean;

  @Column({ name: 'daily_message_cap', type: 'int', nullable: true })
  dailyMessageCap!: number | null;

  @Column({ name: 'time_zone', type: 'text', default: 'UTC' })
  timeZone!: string;

  /** Sales Navigator InMail credits at the last check; null when unknown. */
  @Column({ name: 'inmail_credits', type: 'int', nullable: true })
  inmailCredits!: number | null;

  @Column({ name: 'is_premium', type: 'boolean', default: false })
  isPremium!: boolean;

  /** Throttles (429/999) since the account's last delivered send: the exponent of its next hold. */
  @Column({ name: 'hold_level', type: 'int', default: 0 })
  holdLevel!: number;

  /** When LinkedIn last stored a send of this account (a long silence starts a new warm-up). */
  @Column({ name: 'last_sent_at', type: 'timestamptz', nullable: true })
  lastSentAt!: Date | null;

  /** First day of the account's warm-up ramp; null: none (fully warm). */
  @Column({ name: 'warmup_started_at', type: 'timestamptz', nullable: true })
  warmupStartedAt!: Date | null;

  /** Ramp length for this account; null: WARMUP_DAYS; 0: this account never warms up. */
  @Column({ name: 'warmup_days', type: 'int', nullable: true })
  warmupDays!: number | null;

  /** The daily cap on the ramp's first day; null: WARMUP_START_CAP. */
  @Column({ name: 'warmup_start_cap', type: 'int', nullable: true })
  warmupStartCap!: number | null;

  /** When the session was last verified with LinkedIn. */
  @Column({ name: 'status_checked_at', type: 'timestamptz', nullable: true })
  statusCheckedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
