import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { type ApiConfig, CoreModule } from '@threadline/core';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { AccountsController } from './accounts/accounts.controller';
import { AdminController } from './admin/admin.controller';
import { ApiKeyGuard } from './common/auth.guard';
import { ErrorFilter } from './common/error.filter';
import { HealthController } from './health/health.controller';
import { MessagesController } from './messages/messages.controller';
import { ConversationsController } from './inbox/conversations.controller';
import { WebhooksController } from './webhooks/webhooks.controller';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { HostedAccountStatusController } from './accounts/hosted-account-status.controller';
import { MessagingActionsController } from './messaging/messaging-actions.controller';
import { AttachmentsController } from './attachments/attachments.controller';
import { UsageController } from './usage/usage.controller';
import { ApiThrottlerGuard } from './common/api-throttler.guard';
import { IdempotencyInterceptor, UploadIdempotencyInterceptor } from './common/idempotency.interceptor';
import { ApiUsageInterceptor } from './common/api-usage.interceptor';
import type { AuthContext } from '@threadline/core';
import { SequencesController } from './sequences/sequences.controller';
import { CampaignsController } from './campaigns/campaigns.controller';
import { CampaignLeadsController } from './campaigns/campaign-leads.controller';
import { LeadExclusionsController } from './campaigns/lead-exclusions.controller';
import { CodecModule } from './codec/codec.module';

/** Headers and fields that carry secrets: never logged. */
const REDACT = ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', 'req.body.liAt', 'req.body.jsessionId', 'req.body.liA', 'req.body.proxyUrl'];

@Module({})
export class AppModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        CodecModule,
        // Per API key; X-RateLimit-* headers stay reserved for the LinkedIn quota (hosted API semantics).
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'api', ttl: 60_000, limit: (ctx) => ctx.switchToHttp().getRequest<{ auth?: AuthContext }>().auth?.rateLimitPerMinute ?? config.API_RATE_LIMIT_PER_MINUTE }],
          setHeaders: false,
        }),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            redact: { paths: REDACT, censor: '[redacted]' },
            genReqId: (req, res) => {
              const given = req.headers['x-request-id'];
              const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
              res.setHeader('X-Request-Id', id);
              return id;
            },
          },
        }),
      ],
      controllers: [HealthController, AdminController, AccountsController, MessagesController, ApiKeysController, HostedAccountStatusController, MessagingActionsController, AttachmentsController, UsageController, ConversationsController, WebhooksController, SequencesController, CampaignsController, CampaignLeadsController, LeadExclusionsController],
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
