import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ENTITIES, dataSourceOptions } from './data-source';
import { AccountsRepository } from './repositories/accounts.repository';
import { ApiKeysRepository } from './repositories/api-keys.repository';
import { MessagesRepository } from './repositories/messages.repository';
import { QuotaRepository } from './repositories/quota.repository';
import { WorkspacesRepository } from './repositories/workspaces.repository';
import { ConversationsRepository } from './repositories/conversations.repository';
import { InboxMessagesRepository } from './repositories/inbox-messages.repository';
import { InboxSyncStatesRepository } from './repositories/inbox-sync-states.repository';
import { WebhooksRepository } from './repositories/webhooks.repository';
import { IdempotencyRepository } from './repositories/idempotency.repository';
import { AttachmentsRepository } from './repositories/attachments.repository';
import { UsageRepository } from './repositories/usage.repository';
import { SequencesRepository } from './repositories/sequences.repository';
import { CampaignsRepository } from './repositories/campaigns.repository';
import { LeadsRepository } from './repositories/leads.repository';
import { LeadExclusionsRepository } from './repositories/lead-exclusions.repository';
import { LeadEventsRepository } from './repositories/lead-events.repository';
import { ApiRateCountersRepository } from './repositories/api-rate-counters.repository';
import { DatabaseHealthRepository } from './repositories/database-health.repository';
import { InvitationsRepository } from './repositories/invitations.repository';
import { MetricsRepository } from './repositories/metrics.repository';

const REPOSITORIES = [WorkspacesRepository, ApiKeysRepository, AccountsRepository, MessagesRepository, QuotaRepository, IdempotencyRepository, AttachmentsRepository, UsageRepository,
  SequencesRepository, CampaignsRepository, LeadsRepository, LeadExclusionsRepository, LeadEventsRepository,
  ConversationsRepository, InboxMessagesRepository, InboxSyncStatesRepository, WebhooksRepository,
  ApiRateCountersRepository, DatabaseHealthRepository, MetricsRepository, InvitationsRepository];

@Module({})
export class DbModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: DbModule,
      global: true,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(databaseUrl)), TypeOrmModule.forFeature(ENTITIES)],
      providers: REPOSITORIES,
      exports: REPOSITORIES,
    };
  }
}
