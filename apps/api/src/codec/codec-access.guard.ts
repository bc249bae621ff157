import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { type ApiConfig, CORE_CONFIG } from '@threadline/core';
import { DomainError } from '@threadline/domain';
import type { Request } from 'express';
import ipaddr from 'ipaddr.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

function isLoopback(address: string | undefined): boolean {
  return address !== undefined && ipaddr.isValid(address) && ipaddr.process(address).range() === 'loopback';
}

/**
 * The codec endpoint decrypts Temporal payloads: only the operator token opens it, or, with
 * CODEC_ENDPOINT_ACCESS=local (set by the local stack), a caller on this machine (the dev Web UI).
 */
@Injectable()
export class CodecAccessGuard implements CanActivate {
  constructor(@Inject(CORE_CONFIG) private readonly config: ApiConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    const token = this.config.THREADLINE_ADMIN_TOKEN;
    if (bearer && token && timingSafeEqual(digest(bearer), digest(token))) return true;
    if (!bearer && this.config.CODEC_ENDPOINT_ACCESS === 'local' && isLoopback(req.socket.remoteAddress)) return true;
    if (!token && this.config.CODEC_ENDPOINT_ACCESS !== 'local') throw new DomainError('NOT_FOUND', 'The codec endpoint is disabled: set THREADLINE_ADMIN_TOKEN to enable it for operators.');
    throw new DomainError('UNAUTHORIZED', 'The codec endpoint takes "Authorization: Bearer <THREADLINE_ADMIN_TOKEN>".');
  }
}
