import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { AuthContext } from '@threadline/core';
import { DomainError } from '@threadline/domain';

/** The window of every API budget: per key, and per address for failed authentications. */
export const API_RATE_WINDOW_MS = 60_000;

/** A 429 API_RATE_LIMITED whose Retry-After (header and envelope) is the end of the window. */
export function apiRateLimited(message: string, limit: number, secondsToReset: number): DomainError {
  const retryAfterSeconds = Math.max(1, secondsToReset);
  return new DomainError('API_RATE_LIMITED', message, { retryAfterMs: retryAfterSeconds * 1000, details: { limit, retryAfterSeconds } });
}

/**
 * One budget per API key, across every endpoint and every API replica (counters in Postgres, see
 * PostgresThrottlerStorage). Runs after the key guard; routes without a key (health, docs, operator)
 * are not limited here.
 */
@Injectable()
export class ApiThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return !context.switchToHttp().getRequest<{ auth?: AuthContext }>().auth;
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return (req.auth as AuthContext).apiKeyId;
  }

  // The default key is class + handler + tracker: a budget per endpoint. The key alone makes one budget.
  protected override generateKey(_context: ExecutionContext, tracker: string): string {
    return `key:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw apiRateLimited(
      `This API key made more than ${detail.limit} requests in a minute (one budget for all endpoints). Retry after the Retry-After seconds, or ask for a higher rateLimitPerMinute on a key.`,
      detail.limit,
      detail.timeToBlockExpire,
    );
  }
}
