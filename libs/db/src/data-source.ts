import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ApiKeyEntity } from './entities/api-key.entity';
import { LinkedinAccountEntity } from './entities/linkedin-account.entity';
import { MessageEntity } from './entities/message.entity';
import { QuotaReservationEntity } from './entities/quota-reservation.entity';
import { WorkspaceEntity } from './entities/workspace.entity';
import { IdempotencyRecordEntity } from './entities/idempotency-record.entity';
import { AttachmentEntity } from './entities/attachment.entity';
import { InitialSchema1764100000000 } from './migrations/1764100000000-initial-schema';
import { ConversationEntity } from './entities/conversation.entity';
import { InboxSyncStateEntity } from './entities/inbox-sync-state.entity';
import { WebhookDeliveryEntity } from './entities/webhook-delivery.entity';
import { WebhookEndpointEntity } from './entities/webhook-endpoint.entity';
import { Inbox1764250000000 } from './migrations/1764250000000-inbox';
import { MessagingSurface1764200000000 } from './migrations/1764200000000-messaging-surface';
import { SequenceEntity } from './entities/sequence.entity';
import { SequenceVersionEntity } from './entities/sequence-version.entity';
import { CampaignEntity } from './entities/campaign.entity';
import { CampaignSenderEntity } from './entities/campaign-sender.entity';
import { LeadEntity } from './entities/lead.entity';
import { LeadExclusionEntity } from './entities/lead-exclusion.entity';
import { LeadEventEntity } from './entities/lead-event.entity';
import { SequencesCampaigns1764300000000 } from './migrations/1764300000000-sequences-campaigns';
import { ApiRateCounterEntity } from './entities/api-rate-counter.entity';
import { ApiRateCounters1796070535115 } from './migrations/1796070535115-api-rate-counters';
import { MemberQuota1796070535116 } from './migrations/1796070535116-member-quota';
import { AccountForbiddenWriteEntity } from './entities/account-forbidden-write.entity';
import { AccountForbiddenWrites1796070664227 } from './migrations/1796070664227-account-forbidden-writes';
import { ApiUsageDayEntity } from './entities/api-usage-day.entity';
import { MemberPacingEntity } from './entities/member-pacing.entity';
import { AccountExternalId1796088716203 } from './migrations/1796088716203-account-external-id';
import { MessageEdits1796095194783 } from './migrations/1796095194783-message-edits';
import { QuotaLedgerPacingWarmup1796078061656 } from './migrations/1796078061656-quota-ledger-pacing-warmup';
import { InboxUnreadIndex1796083709581 } from './migrations/1796083709581-inbox-unread-index';
import { InvitationEntity } from './entities/invitation.entity';
import { Invitations1796084019734 } from './migrations/1796084019734-invitations';
import { SequenceSends1796086915833 } from './migrations/1796086915833-sequence-sends';
import { PostgresNamingStrategy } from './postgres-naming.strategy';

export const ENTITIES = [WorkspaceEntity, ApiKeyEntity, LinkedinAccountEntity, MessageEntity, QuotaReservationEntity, IdempotencyRecordEntity, AttachmentEntity,
  SequenceEntity, SequenceVersionEntity, CampaignEntity, CampaignSenderEntity, LeadEntity, LeadExclusionEntity, LeadEventEntity,
  ConversationEntity, InboxSyncStateEntity, WebhookEndpointEntity, WebhookDeliveryEntity,
  ApiRateCounterEntity, AccountForbiddenWriteEntity, ApiUsageDayEntity, MemberPacingEntity, InvitationEntity];

/**
 * Every migration, oldest first; append, never edit or rename one that has landed. TypeORM runs the
 * pending ones (by name) in the order of the timestamp that ends each class name, whatever the order
 * here: keep both the same (migrations.spec.ts checks it).
 */
export const MIGRATIONS = [InitialSchema1764100000000, MessagingSurface1764200000000, Inbox1764250000000, SequencesCampaigns1764300000000,
  ApiRateCounters1796070535115, MemberQuota1796070535116, AccountForbiddenWrites1796070664227,
  QuotaLedgerPacingWarmup1796078061656, InboxUnreadIndex1796083709581, Invitations1796084019734, SequenceSends1796086915833, AccountExternalId1796088716203, MessageEdits1796095194783];

export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new PostgresNamingStrategy(),
    // The schema is the migrations' alone: no extension is created at connect, and generated uuid defaults are gen_random_uuid() (core Postgres 13+).
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    logging: false,
    // A new connection, or a wait for a pooled one, fails after 1.5 s: an unreachable Postgres answers 503 fast instead of hanging.
    connectTimeoutMS: 1_500,
    extra: { max: 10 },
  };
}

/** Applies every pending migration; the dev runner and the tests call this before anything starts. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(databaseUrl));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
