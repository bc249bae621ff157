import 'reflect-metadata';
import type { HealthService } from '@threadline/core';
import { DomainError } from '@threadline/domain';
import { HealthController } from './health.controller';

function controller(health: Partial<HealthService>) {
  return new HealthController(health as HealthService);
}

describe('HealthController', () => {
  it('says up, and nothing else, when the process runs', () => {
    expect(controller({}).live()).toEqual({ success: true, status: 'up' });
  });

  it('says up when ready, and passes the refusal on when not', async () => {
    await expect(controller({ assertReady: async () => undefined }).ready()).resolves.toEqual({ success: true, status: 'up' });
    const refusal = new DomainError('SERVICE_UNAVAILABLE', 'Not ready');
    await expect(controller({ assertReady: async () => { throw refusal; } }).ready()).rejects.toBe(refusal);
  });
});
