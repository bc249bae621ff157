import { ServiceError, WorkflowNotFoundError } from '@temporalio/client';
import { QueryFailedError } from 'typeorm';
import { serviceUnavailableFrom, unreachableService } from './service-unavailable';

const grpcError = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details, metadata: { internalRepr: new Map() } });
const sysError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: 'connect' });
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'FATAL' });

describe('serviceUnavailableFrom', () => {
  it('maps an unreachable Temporal (UNAVAILABLE, DEADLINE_EXCEEDED, wrapped in the client ServiceError) to 503 with a retry delay', () => {
    for (const err of [grpcError(14, 'No connection established'), grpcError(4, 'Deadline exceeded'), new ServiceError('Failed to start Workflow', { cause: grpcError(14, 'Connection dropped') })]) {
      expect(unreachableService(err)).toBe('temporal');
      expect(serviceUnavailableFrom(err)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterMs: 5000, message: expect.stringContaining('Temporal') });
    }
  });

  it('maps an unreachable Postgres: refused sockets, pool timeouts, dropped connections, shutdown states', () => {
    const errors: unknown[] = [
      sysError('ECONNREFUSED'),
      new AggregateError([sysError('ECONNREFUSED'), sysError('ECONNREFUSED')], ''),
      new Error('timeout exceeded when trying to connect'),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated unexpectedly') }),
      new QueryFailedError('SELECT 1', [], pgError('57P01', 'terminating connection due to administrator command')),
      new QueryFailedError('SELECT 1', [], pgError('57P03', 'the database system is starting up')),
      pgError('08006', 'connection failure'),
    ];
    for (const err of errors) expect({ err: String(err), service: unreachableService(err) }).toEqual({ err: String(err), service: 'postgres' });
    expect(serviceUnavailableFrom(errors[0])?.message).toContain('Postgres');
  });

  it('leaves every other error alone: bad SQL, unique violations, not found, LinkedIn network failures, non-errors', () => {
    for (const err of [
      new QueryFailedError('INSERT', [], pgError('23505', 'duplicate key value violates unique constraint')),
      new QueryFailedError('SELECT', [], pgError('22P05', 'unsupported Unicode escape sequence')),
      grpcError(3, 'invalid argument'),
      grpcError(5, 'workflow not found'),
      new WorkflowNotFoundError('gone', 'wf', undefined),
      new TypeError('fetch failed', { cause: sysError('ECONNREFUSED') }),
      new Error('boom'),
      'a string',
      null,
    ]) expect(serviceUnavailableFrom(err)).toBeNull();
  });
});
