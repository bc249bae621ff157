import type { QuotaStatus } from '@threadline/core';
import { setRateLimitHeaders } from './rate-limit-headers';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { serviceUnavailableFrom } from '@threadline/core';
import { DomainError, type ErrorCode, isDomainError } from '@threadline/domain';
import type { Request, Response } from 'express';
import { httpStatusOf } from './http-status-of';

/** Error body: `{ success: false, error, code, requestId }`, plus the field at fault when known. */
export interface ErrorBody {
  success: false;
  error: string;
  code: ErrorCode;
  requestId: string;
  field?: string;
  details?: Record<string, unknown>;
  /** When a hold ends (INVITATIONS_HELD). */
  holdUntil?: string;
}

/** Framework errors (unknown route, malformed JSON, body too large) in the same shape as ours. */
function fromHttpException(e: HttpException): DomainError {
  const status = e.getStatus();
  const body = e.getResponse();
  const text = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? e.message);
  if (status === HttpStatus.NOT_FOUND) return new DomainError('NOT_FOUND', `${text}. See /docs for the endpoints.`);
  if (status === HttpStatus.PAYLOAD_TOO_LARGE) return new DomainError('PAYLOAD_TOO_LARGE', 'The request body is too large.');
  if (status === HttpStatus.UNSUPPORTED_MEDIA_TYPE) return new DomainError('UNSUPPORTED_MEDIA_TYPE', text);
  if (status === HttpStatus.TOO_MANY_REQUESTS) return new DomainError('API_RATE_LIMITED', 'Too many requests for this API key. Slow down and retry after the Retry-After seconds.', { retryAfterMs: 60_000 });
  if (status === HttpStatus.UNAUTHORIZED) return new DomainError('UNAUTHORIZED', text);
  if (status < 500) return new DomainError('VALIDATION_FAILED', `Malformed request: ${text}`);
  return new DomainError('INTERNAL', 'Something went wrong on our side. Retry; if it persists, report the requestId.');
}

function quotaOf(details: unknown): QuotaStatus | undefined {
  const quota = typeof details === 'object' && details !== null ? (details as { quota?: unknown }).quota : undefined;
  if (typeof quota !== 'object' || quota === null) return undefined;
  const q = quota as Partial<QuotaStatus>;
  return typeof q.action === 'string' && typeof q.limit === 'number' && q.resetAt instanceof Date ? (q as QuotaStatus) : undefined;
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    exception = serviceUnavailableFrom(exception) ?? exception;
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: string }>();
    const res = http.getResponse<Response>();
    const error = isDomainError(exception)
      ? exception
      : exception instanceof HttpException
        ? fromHttpException(exception)
        : new DomainError('INTERNAL', 'Something went wrong on our side. Retry; if it persists, report the requestId.');
    if (error.code === 'INTERNAL') this.logger.error({ err: exception, requestId: req.id }, 'unhandled error');

    const status = httpStatusOf(error.code);
    if (error.retryAfterMs !== undefined) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))));
    // A refusal for quota carries the quota, so the 429 has the X-RateLimit-* headers a success would have.
    const quota = quotaOf(error.details);
    if (quota) setRateLimitHeaders(res, quota);
    const body: ErrorBody = { success: false, error: error.message, code: error.code, requestId: String(req.id ?? '') };
    if (error.field) body.field = error.field;
    if (error.details) body.details = error.details;
    // The hosted /connect answers its hold with a top-level holdUntil.
    if (typeof error.details?.holdUntil === 'string') body.holdUntil = error.details.holdUntil;
    res.status(status).json(body);
  }
}
