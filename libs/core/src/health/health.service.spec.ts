import type { Client } from '@temporalio/client';
import type { DatabaseHealthRepository } from '@threadline/db';
import type { CoreConfig } from '../config/config';
import { HealthService } from './health.service';

const never = () => new Promise<never>(() => undefined);
/** Deadlines the Temporal probe set on its calls (the connection's `withDeadline`). */
const deadlines: number[] = [];

function service(probes: { postgres: () => Promise<unknown>; temporal: () => Promise<unknown> }) {
  const db = { ping: probes.postgres } as unknown as DatabaseHealthRepository;
  const withDeadline = (deadline: number, fn: () => Promise<unknown>) => (deadlines.push(deadline), fn());
  const temporal = { connection: { withDeadline }, workflowService: { getSystemInfo: probes.temporal } } as unknown as Client;
  return new HealthService(db, temporal, { LINKEDIN_BASE_URL: 'http://127.0.0.1:1' } as CoreConfig);
}

describe('HealthService', () => {
  const fetchSpy = jest.spyOn(globalThis, 'fetch');
  afterEach(() => {
    fetchSpy.mockReset();
    jest.useRealTimers();
  });

  it('ends the Temporal probe\'s RPC with the probe: its deadline is the probe\'s 2 s, not the client default', async () => {
    deadlines.splice(0);
    const before = Date.now();
    await service({ postgres: async () => undefined, temporal: async () => ({}) }).probeTemporal();
    expect(deadlines).toHaveLength(1);
    expect(deadlines[0]).toBeGreaterThanOrEqual(before + 2000);
    expect(deadlines[0]).toBeLessThanOrEqual(Date.now() + 2000);
  });

  it('says down within 2 s when Temporal hangs', async () => {
    jest.useFakeTimers();
    const pending = service({ postgres: async () => undefined, temporal: never }).probeTemporal();
    await jest.advanceTimersByTimeAsync(2000);
    expect(await pending).toMatchObject({ ok: false, error: 'timed out after 2000 ms' });
  });

  it('gives the operator each check with its error, and LinkedIn only as degraded, never as not ready', async () => {
    fetchSpy.mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:1'));
    const details = await service({ postgres: async () => undefined, temporal: async () => ({}) }).details();
    expect(details).toMatchObject({ status: 'degraded', ready: true, checks: { postgres: { ok: true }, temporal: { ok: true }, linkedin: { ok: false, error: 'connect ECONNREFUSED 127.0.0.1:1', baseUrl: 'http://127.0.0.1:1' } } });
  });
});
