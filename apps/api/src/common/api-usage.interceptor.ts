import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { type AuthContext, UsageService } from '@threadline/core';
import { isUUID } from 'class-validator';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

/** Counts each authenticated API call per workspace, account (when the request names one) and day, for GET /v1/usage. */
@Injectable()
export class ApiUsageInterceptor implements NestInterceptor {
  constructor(private readonly usage: UsageService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request & { auth?: AuthContext }>();
    if (req.auth) {
      const header = req.headers['x-account-id'];
      const named = (Array.isArray(header) ? header[0] : header) ?? (req.body as { accountId?: unknown } | undefined)?.accountId ?? req.query.accountId;
      this.usage.countApiCall(req.auth, typeof named === 'string' && isUUID(named) ? named : undefined);
    }
    return next.handle();
  }
}
