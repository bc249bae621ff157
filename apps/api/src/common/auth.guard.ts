import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type ApiConfig, ApiKeysService, type AuthContext, CORE_CONFIG } from '@threadline/core';
import { DomainError } from '@threadline/domain';
import type { Request } from 'express';

const PUBLIC = 'threadline:public';
const ADMIN = 'threadline:admin';
/** Marks a route that needs no API key (health, docs). */
export const Public = () => SetMetadata(PUBLIC, true);
/** Marks an operator route: it takes THREADLINE_ADMIN_TOKEN instead of a workspace API key. */
export const AdminOnly = () => SetMetadata(ADMIN, true);

const digest = (s: string) => createHash('sha256').update(s).digest();

type AuthedRequest = Request & { auth?: AuthContext };

/** Every route needs `Authorization: Bearer <key>` unless marked @Public(). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    @Inject(CORE_CONFIG) private readonly config: ApiConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization ?? '';
    const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? (req.headers['x-api-key'] as string | undefined);
    if (this.reflector.getAllAndOverride<boolean>(ADMIN, targets)) {
      const token = this.config.THREADLINE_ADMIN_TOKEN;
      if (!token) throw new DomainError('NOT_FOUND', 'Operator endpoints are disabled: set THREADLINE_ADMIN_TOKEN to enable them.');
      if (!bearer || !timingSafeEqual(digest(bearer), digest(token))) throw new DomainError('UNAUTHORIZED', 'Operator endpoints take "Authorization: Bearer <THREADLINE_ADMIN_TOKEN>".');
      return true;
    }
    req.auth = await this.apiKeys.authenticate(bearer);
    return true;
  }
}

/** The caller's workspace and key, as resolved by the guard. */
export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => ctx.switchToHttp().getRequest<AuthedRequest>().auth!);

/** The account to act as: `X-Account-Id` header, else `accountId` in the body or query. */
export const AccountId = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const req = ctx.switchToHttp().getRequest<Request>();
  const header = req.headers['x-account-id'];
  const fromBody = (req.body as { accountId?: unknown } | undefined)?.accountId;
  const fromQuery = req.query.accountId;
  const value = (Array.isArray(header) ? header[0] : header) ?? fromBody ?? fromQuery;
  return typeof value === 'string' && value.length > 0 ? value : undefined;
});
