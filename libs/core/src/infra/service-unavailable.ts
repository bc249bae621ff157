import { isGrpcServiceError } from '@temporalio/client';
import { DomainError } from '@threadline/domain';

/** How long a client should wait before retrying a request that met an outage. */
export const OUTAGE_RETRY_AFTER_MS = 5_000;

// Socket-level failures: the service is down, restarting, or the network between us is.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
// SQLSTATE classes 08 (connection exception) and 57P01-57P03 (admin/crash shutdown, cannot connect now).
const PG_UNAVAILABLE = /^(08\d{3}|57P0[1-3])$/;
// node-postgres and pg-pool raise these as plain Errors, without a code.
const PG_MESSAGES = /^(timeout exceeded when trying to connect|Connection terminated( unexpectedly| due to connection timeout)?|Client has encountered a connection error and is not queryable|Driver not Connected)$/;
// gRPC status codes DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED (server overloaded), UNAVAILABLE.
const GRPC_UNAVAILABLE = new Set<number>([4, 8, 14]);

type Service = 'postgres' | 'temporal';

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  driverError?: unknown;
  errors?: unknown;
}

/** Which infrastructure service an error says is unreachable, looking through causes and wrapped driver errors. */
export function unreachableService(err: unknown, depth = 0): Service | null {
  if (typeof err !== 'object' || err === null || depth > 6) return null;
  const e = err as ErrorLike;
  // fetch (undici) wraps its socket errors: those are calls to LinkedIn or webhooks, never ours to report.
  if (e.message === 'fetch failed') return null;
  // A gRPC status: Temporal's client ServiceError wraps one as its cause.
  if (isGrpcServiceError(err) && GRPC_UNAVAILABLE.has(err.code)) return 'temporal';
  if (typeof e.code === 'string') {
    if (PG_UNAVAILABLE.test(e.code)) return 'postgres';
    // The only sockets the API opens on a request path besides Temporal's gRPC channel go to Postgres.
    if (NETWORK_CODES.has(e.code)) return 'postgres';
  }
  if (typeof e.message === 'string' && PG_MESSAGES.test(e.message)) return 'postgres';
  for (const inner of [e.cause, e.driverError, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const found = unreachableService(inner, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * The one mapping from "an infrastructure service is unreachable" to `SERVICE_UNAVAILABLE` with a
 * Retry-After; null for any other error. Used by the API's exception filter.
 */
export function serviceUnavailableFrom(err: unknown): DomainError | null {
  const service = unreachableService(err);
  if (!service) return null;
  const what = service === 'postgres' ? 'The database (Postgres)' : 'The workflow engine (Temporal)';
  return new DomainError('SERVICE_UNAVAILABLE', `${what} is unreachable right now. Retry after the Retry-After seconds (with the same Idempotency-Key, a retried request never acts twice).`, { retryAfterMs: OUTAGE_RETRY_AFTER_MS });
}
