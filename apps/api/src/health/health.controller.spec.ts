import 'reflect-metadata';
import type { HealthService } from '@threadline/core';
import type { ReadinessCheck } from '@threadline/core/probes';
import { DomainError } from '@threadline/domain';
import { HealthController } from './health.controller';

// Terminus is ES modules only, which jest cannot load; the check itself runs in the e2e suite (test/observability.serial-spec.ts).
jest.mock('@threadline/core/probes', () => ({ ReadinessCheck: class ReadinessCheck {} }));

function controller(readiness: Partial<ReadinessCheck>) {
  return new HealthController({} as HealthService, readiness as ReadinessCheck);
}

describe('HealthController', () => {
  it('says up, and nothing else, when the process runs', () => {
    expect(controller({}).live()).toEqual({ success: true, status: 'up' });
  });

  it('says up when ready, and passes the refusal on when not', async () => {
    await expect(controller({ assertReady: async () => ({ status: 'ok', details: {} }) }).ready()).resolves.toEqual({ success: true, status: 'up' });
    const refusal = new DomainError('SERVICE_UNAVAILABLE', 'Not ready');
    await expect(controller({ assertReady: async () => { throw refusal; } }).ready()).rejects.toBe(refusal);
  });
});
