import type { RateCountersService } from '@threadline/core';
import { PostgresThrottlerStorage } from './postgres-throttler.storage';

function storage(hits: number, resetInMs: number) {
  const counters = { hit: jest.fn(async () => ({ hits, resetInMs })) };
  return { storage: new PostgresThrottlerStorage(counters as unknown as RateCountersService), counters };
}

describe('PostgresThrottlerStorage', () => {
  it('counts the hit under the given key and window, and lets it through up to the limit', async () => {
    const { storage: s, counters } = storage(3, 42_300);
    await expect(s.increment('key:k1', 60_000, 3)).resolves.toEqual({ totalHits: 3, timeToExpire: 43, isBlocked: false, timeToBlockExpire: 0 });
    expect(counters.hit).toHaveBeenCalledWith('key:k1', 60_000);
  });

  it('blocks past the limit until the window ends (never less than a second)', async () => {
    await expect(storage(4, 42_300).storage.increment('key:k1', 60_000, 3)).resolves.toMatchObject({ isBlocked: true, timeToBlockExpire: 43 });
    await expect(storage(4, 0).storage.increment('key:k1', 60_000, 3)).resolves.toMatchObject({ isBlocked: true, timeToBlockExpire: 1 });
  });
});
