import type { QuotaStatus } from '@threadline/core';
import type { Response } from 'express';

/** ConnectSafely-compatible quota headers on every response that spends quota. */
export function setRateLimitHeaders(res: Response, quota: QuotaStatus): void {
  res.setHeader('X-RateLimit-Action', quota.action);
  res.setHeader('X-RateLimit-Limit', String(quota.limit));
  res.setHeader('X-RateLimit-Used', String(quota.used));
  res.setHeader('X-RateLimit-Remaining', String(quota.remaining));
  res.setHeader('X-RateLimit-Reset', quota.resetAt.toISOString());
}
