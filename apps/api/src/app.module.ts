import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { type ApiConfig, CoreModule } from '@threadline/core';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { AccountsController } from './accounts/accounts.controller';
import { AdminController } from './admin/admin.controller';
import { ApiKeyGuard } from './common/auth.guard';
import { ErrorFilter } from './common/error.filter';
import { HealthController } from './health/health.controller';
import { MessagesController } from './messages/messages.controller';

/** Headers and fields that carry secrets: never logged. */
const REDACT = ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', 'req.body.liAt', 'req.body.jsessionId', 'req.body.liA', 'req.body.proxyUrl'];

@Module({})
export class AppModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
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
      controllers: [HealthController, AdminController, AccountsController, MessagesController],
      providers: [
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
