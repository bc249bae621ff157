import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { type ApiConfig, CoreModule, RateCountersService } from '@threadline/core';
import { ProbesModule } from '@threadline/core/probes';
import { LoggerModule } from 'nestjs-pino';
import { AccountsController } from './accounts/accounts.controller';
import { AdminController } from './admin/admin.controller';
import { ApiKeyGuard } from './common/auth.guard';
import { ErrorFilter } from './common/error.filter';
import { requestIdOf } from './common/request-id';
import { HealthController } from './health/health.controller';
import { MessagesController } from './messages/messages.controller';
import { ConversationsController } from './inbox/conversations.controller';
import { WebhooksController } from './webhooks/webhooks.controller';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { HostedAccountStatusController } from './accounts/hosted-account-status.controller';
import { MessagingActionsController } from './messaging/messaging-actions.controller';
import { MessageReactionsController } from './messaging/message-reactions.controller';
import { AttachmentsController } from './attachments/attachments.controller';
import { UsageController } from './usage/usage.controller';
import { API_RATE_WINDOW_MS, ApiThrottlerGuard } from './common/api-throttler.guard';
import { PostgresThrottlerStorage } from './common/postgres-throttler.storage';
import { IdempotencyInterceptor, UploadIdempotencyInterceptor } from './common/idempotency.interceptor';
import { ApiUsageInterceptor } from './common/api-usage.interceptor';
import type { AuthContext } from '@threadline/core';
import { SequencesController } from './sequences/sequences.controller';
import { CampaignsController } from './campaigns/campaigns.controller';
import { CampaignLeadsController } from './campaigns/campaign-leads.controller';
import { LeadExclusionsController } from './campaigns/lead-exclusions.controller';
import { CodecModule } from './codec/codec.module';
import { InvitationsController } from './invitations/invitations.controller';
import { MetricsController } from './metrics/metrics.controller';

/** Headers and fields that carry secrets: never logged. */
const REDACT = ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', 'req.body.liAt', 'req.body.jsessionId', 'req.body.liA', 'req.body.proxyUrl'];

/** Request logs keep the path and drop the query string: clients put API keys there (`?api_key=`), and query values are theirs. */
function withoutQuery(req: { url?: string; query?: unknown }) {
  const [path, query] = (req.url ?? '').split('?', 2);
  return { ...req, url: query === undefined ? path : `${path}?[redacted]`, query: undefined };
}

@Module({})
export class AppModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        CodecModule,
        ProbesModule,
        // One budget per API key, counted in Postgres so every replica shares it; X-RateLimit-* headers
        // stay reserved for the LinkedIn quota (hosted API semantics).
        ThrottlerModule.forRootAsync({
          inject: [RateCountersService],
          useFactory: (counters: RateCountersService) => ({
            throttlers: [{ name: 'api', ttl: API_RATE_WINDOW_MS, limit: (ctx) => ctx.switchToHttp().getRequest<{ auth?: AuthContext }>().auth?.rateLimitPerMinute ?? config.API_RATE_LIMIT_PER_MINUTE }],
            setHeaders: false,
            storage: new PostgresThrottlerStorage(counters),
          }),
        }),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            redact: { paths: REDACT, censor: '[redacted]' },
            serializers: { req: withoutQuery },
            // The edge has already given the request its id (main.ts), so that errors before this logger carry it too.
            genReqId: requestIdOf,
          },
        }),
      ],
      controllers: [HealthController, AdminController, AccountsController, MessagesController, ApiKeysController, HostedAccountStatusController, MessagingActionsController, MessageReactionsController, AttachmentsController, UsageController, ConversationsController, WebhooksController, SequencesController, CampaignsController, CampaignLeadsController, LeadExclusionsController, MetricsController, InvitationsController],
      providers: [
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        // After the key guard: the limit and the counters are per API key.
        { provide: APP_GUARD, useClass: ApiThrottlerGuard },
        { provide: APP_INTERCEPTOR, useClass: ApiUsageInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        UploadIdempotencyInterceptor,
      ],
    };
  }
}
