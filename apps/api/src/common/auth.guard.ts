import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerStorage, normalizeIp, type ThrottlerStorage } from '@nestjs/throttler';
import { type ApiConfig, ApiKeysService, type AuthContext, CORE_CONFIG } from '@threadline/core';
import { DomainError, isDomainError } from '@threadline/domain';
import type { Request } from 'express';
import ipaddr from 'ipaddr.js';
import { API_RATE_WINDOW_MS, apiRateLimited } from './api-throttler.guard';

const PUBLIC = 'threadline:public';
const ADMIN = 'threadline:admin';
const LOOPBACK_WHEN_LOCAL = 'threadline:codec-local';
/** Marks a route that needs no API key (health, docs). */
export const Public = () => SetMetadata(PUBLIC, true);
/** Marks an operator route: it takes THREADLINE_ADMIN_TOKEN instead of a workspace API key. */
export const AdminOnly = () => SetMetadata(ADMIN, true);
/** An operator route that, with CODEC_ENDPOINT_ACCESS=local (the local stack), also takes callers on this machine without a token: the dev Web UI's codec calls. */
export const OpenToLoopbackWhenLocal = () => SetMetadata(LOOPBACK_WHEN_LOCAL, true);

function isLoopback(address: string | undefined): boolean {
  return address !== undefined && ipaddr.isValid(address) && ipaddr.process(address).range() === 'loopback';
}

const digest = (s: string) => createHash('sha256').update(s).digest();

type AuthedRequest = Request & { auth?: AuthContext };

/** Addresses this process keeps off the operator routes; more are forgotten oldest first. */
const MAX_BLOCKED_ADDRESSES = 10_000;

/**
 * Every route needs `Authorization: Bearer <key>` unless marked @Public(). Wrong keys and operator
 * tokens count against the client address (API_AUTH_FAILURES_PER_MINUTE, shared by every replica).
 * Past that budget, wrong keys answer 429 instead of 401 while valid keys keep working (clients
 * sharing an address with a noisy one, e.g. behind a proxy, are never locked out; 192-bit keys
 * cannot be guessed anyway), and the operator routes refuse that address without checking the
 * token until the window ends, so the operator token cannot be guessed faster than the budget.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly blocked = new Map<string, number>();

  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    @Inject(CORE_CONFIG) private readonly config: ApiConfig,
    @InjectThrottlerStorage() private readonly counters: ThrottlerStorage,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const address = req.ip ? normalizeIp(req.ip) : 'unknown';
    const header = req.headers.authorization ?? '';
    const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? (req.headers['x-api-key'] as string | undefined);
    if (this.reflector.getAllAndOverride<boolean>(ADMIN, targets)) {
      const local = this.config.CODEC_ENDPOINT_ACCESS === 'local' && this.reflector.getAllAndOverride<boolean>(LOOPBACK_WHEN_LOCAL, targets);
      if (!bearer && local && isLoopback(req.socket?.remoteAddress)) return true;
      const token = this.config.THREADLINE_ADMIN_TOKEN;
      if (!token) throw new DomainError('NOT_FOUND', 'Operator endpoints are disabled: set THREADLINE_ADMIN_TOKEN to enable them.');
      this.refuseIfBlocked(address);
      const refused = new DomainError('UNAUTHORIZED', 'Operator endpoints take "Authorization: Bearer <THREADLINE_ADMIN_TOKEN>".');
      if (!bearer) throw refused;
      if (!timingSafeEqual(digest(bearer), digest(token))) throw await this.failed(address, refused);
      return true;
    }
    try {
      req.auth = await this.apiKeys.authenticate(bearer, this.config.API_KEY_CACHE_SECONDS * 1000);
    } catch (err) {
      // A missing key is a client bug, not a guess: only presented credentials count.
      if (bearer && isDomainError(err) && err.code === 'UNAUTHORIZED') throw await this.failed(address, err);
      throw err;
    }
    return true;
  }

  /** Counts a failed authentication; the error to answer with, 429 once the address is past its budget. */
  private async failed(address: string, error: DomainError): Promise<DomainError> {
    const limit = this.config.API_AUTH_FAILURES_PER_MINUTE;
    const record = await this.counters.increment(`auth-failures:${address}`, API_RATE_WINDOW_MS, limit, API_RATE_WINDOW_MS, 'auth-failures');
    if (!record.isBlocked) return error;
    if (this.blocked.size >= MAX_BLOCKED_ADDRESSES) this.blocked.delete(this.blocked.keys().next().value!);
    this.blocked.set(address, Date.now() + record.timeToBlockExpire * 1000);
    return this.tooManyFailures(limit, record.timeToBlockExpire);
  }

  private refuseIfBlocked(address: string): void {
    const until = this.blocked.get(address);
    if (until === undefined) return;
    if (until <= Date.now()) this.blocked.delete(address);
    else throw this.tooManyFailures(this.config.API_AUTH_FAILURES_PER_MINUTE, Math.ceil((until - Date.now()) / 1000));
  }

  private tooManyFailures(limit: number, secondsToReset: number): DomainError {
    return apiRateLimited(`More than ${limit} requests from your address in a minute had a wrong API key or operator token. Check the key, then retry after the Retry-After seconds.`, limit, secondsToReset);
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
