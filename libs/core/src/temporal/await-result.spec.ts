import { ServiceError } from '@temporalio/client';
import { endedAtDeadline } from './await-result';

// gRPC status codes (grpc-js is the SDK's dependency, not ours).
const status = { CANCELLED: 1, DEADLINE_EXCEEDED: 4, UNAVAILABLE: 14 };

/** A gRPC status as the SDK wraps it: a ServiceError whose cause carries the code. */
const grpcError = (code: number) => new ServiceError('Failed to get Workflow execution history', { cause: Object.assign(new Error(`${code}`), { code, details: '', metadata: {} }) });

describe('endedAtDeadline', () => {
  const deadline = 1_000_000;

  it('counts DEADLINE_EXCEEDED as the end of the wait, whenever it comes', () => {
    expect(endedAtDeadline(grpcError(status.DEADLINE_EXCEEDED), deadline, deadline - 5000)).toBe(true);
  });

  it('counts a CANCELLED stream at the deadline as the end of the wait (the server reset it first)', () => {
    expect(endedAtDeadline(grpcError(status.CANCELLED), deadline, deadline)).toBe(true);
    expect(endedAtDeadline(grpcError(status.CANCELLED), deadline, deadline + 30)).toBe(true);
  });

  it('does not hide a CANCELLED stream well before the deadline, nor another error', () => {
    expect(endedAtDeadline(grpcError(status.CANCELLED), deadline, deadline - 1000)).toBe(false);
    expect(endedAtDeadline(grpcError(status.UNAVAILABLE), deadline, deadline + 30)).toBe(false);
    expect(endedAtDeadline(new Error('boom'), deadline, deadline + 30)).toBe(false);
  });
});
