import { type DynamicModule, Module } from '@nestjs/common';
import { DbModule } from '@threadline/db';
import { AccountActionRunner } from './account-actions/account-action-runner.service';
import { AccountActionsService } from './account-actions/account-actions.service';
import { AccountRunsService } from './accounts/account-runs.service';
import { AccountSafetyService } from './accounts/account-safety.service';
import { AccountStatusEvents } from './accounts/account-status-events';
import { AccountStatusService } from './accounts/account-status.service';
import { AccountsService } from './accounts/accounts.service';
import { AttachmentsService } from './attachments/attachments.service';
import { ApiKeysService } from './auth/api-keys.service';
import { WorkspacesService } from './auth/workspaces.service';
import type { CoreConfig } from './config/config';
import { SecretBox } from './crypto/secret-box';
import { IdempotencyService } from './idempotency/idempotency.service';
import { InboxRealtimeService } from './inbox/inbox-realtime.service';
import { InboxSyncControlService } from './inbox/inbox-sync-control.service';
import { InboxSyncService } from './inbox/inbox-sync.service';
import { InboxService } from './inbox/inbox.service';
import { SentMessageHooks } from './inbox/sent-message-hooks.service';
import { LinkedInClientFactory } from './linkedin/linkedin-client.factory';
import { MessageDeliveryService } from './messaging/message-delivery.service';
import { MessagingService } from './messaging/messaging.service';
import { QuotaService } from './quota/quota.service';
import { CampaignsService } from './sequences/campaigns.service';
import { HeldLeadsService } from './sequences/held-leads.service';
import { LeadRunService } from './sequences/lead-run.service';
import { InvitationsService } from './invitations/invitations.service';
import { LeadsService } from './sequences/leads.service';
import { ReplyRouterService } from './sequences/reply-router.service';
import { SequenceEventsService } from './sequences/sequence-events.service';
import { SequencesService } from './sequences/sequences.service';
import { CodecService } from './temporal/codec.service';
import { HealthService } from './health/health.service';
import { MetricsRegistry } from './metrics/metrics.registry';
import { StateMetrics } from './metrics/state-metrics';
import { RateCountersService } from './rate-limit/rate-counters.service';
import { connectTemporalClient } from './temporal/temporal.providers';
import { CORE_CONFIG, SECRET_BOX, TEMPORAL_CLIENT } from './tokens';
import { UsageService } from './usage/usage.service';
import { WebhooksService } from './webhooks/webhooks.service';
import { ReactionEvents } from './webhooks/reaction-events';

const ACCOUNTS = [WorkspacesService, ApiKeysService, AccountsService, AccountStatusEvents, AccountStatusService, AccountRunsService, AccountSafetyService, LinkedInClientFactory, QuotaService, UsageService, IdempotencyService];
const MESSAGING = [MessagingService, MessageDeliveryService, AccountActionsService, AccountActionRunner, AttachmentsService, SentMessageHooks];
const INBOX = [InboxService, InboxSyncService, InboxSyncControlService, InboxRealtimeService, WebhooksService, ReactionEvents];
const SEQUENCES = [SequencesService, CampaignsService, LeadsService, LeadRunService, SequenceEventsService, ReplyRouterService, HeldLeadsService, InvitationsService];
const SERVICES = [...ACCOUNTS, ...MESSAGING, ...INBOX, ...SEQUENCES, CodecService, HealthService, RateCountersService, MetricsRegistry, StateMetrics];

/** Services shared by the API and the worker: there is one way to send, connect, sync or enrol. */
@Module({})
export class CoreModule {
  static forRoot(config: CoreConfig): DynamicModule {
    return {
      module: CoreModule,
      global: true,
      imports: [DbModule.forRoot(config.DATABASE_URL)],
      providers: [
        { provide: CORE_CONFIG, useValue: config },
        { provide: SECRET_BOX, useValue: new SecretBox(config.THREADLINE_ENCRYPTION_KEY) },
        { provide: TEMPORAL_CLIENT, useFactory: () => connectTemporalClient(config) },
        ...SERVICES,
      ],
      exports: [CORE_CONFIG, SECRET_BOX, TEMPORAL_CLIENT, ...SERVICES],
    };
  }
}
