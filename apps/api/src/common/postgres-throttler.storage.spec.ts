import type { RateCountersService } from '@threadline/core';
import { PostgresThrottlerStorage } from './postgres-throttler.storage';

const WINDOW_MS = 60_000;

/** The counters table of one Postgres, shared by every replica: fixed windows, hits counted as asked. */
function postgres() {
  let now = 1_000_000;
  const rows = new Map<string, { hits: number; endsAt: number }>();
  const hit = jest.fn(async (bucket: string, windowMs: number, count = 1) => {
    await Promise.resolve();
    let row = rows.get(bucket);
    if (!row || row.endsAt <= now) rows.set(bucket, (row = { hits: 0, endsAt: now + windowMs }));
    row.hits += count;
    return { hits: row.hits, resetInMs: row.endsAt - now, windowEndsAt: row.endsAt };
  });
  const replica = () => new PostgresThrottlerStorage({ hit } as unknown as RateCountersService);
  return { hit, replica, advance: (ms: number) => (now += ms), rows };
}

async function spend(storage: PostgresThrottlerStorage, n: number, limit: number, key = 'key:k1') {
  const blocked: boolean[] = [];
  for (let i = 0; i < n; i++) blocked.push((await storage.increment(key, WINDOW_MS, limit)).isBlocked);
  return blocked;
}

const allowed = (blocked: boolean[]) => blocked.filter((b) => !b).length;

describe('PostgresThrottlerStorage', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'], now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('counts a small limit exactly, one hit per request, and refuses past it without asking again until the window ends', async () => {
    const db = postgres();
    const storage = db.replica();
    expect(await spend(storage, 6, 4)).toEqual([false, false, false, false, true, true]);
    // Four hits and the one that found the window spent; the sixth request was refused from memory.
    expect(db.hit).toHaveBeenCalledTimes(5);
    expect(db.hit).toHaveBeenCalledWith('key:k1', WINDOW_MS, 1);
    const refused = await storage.increment('key:k1', WINDOW_MS, 4);
    expect(refused).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
  });

  it('leases a fiftieth of a large limit per round trip, so most requests never wait for Postgres', async () => {
    const db = postgres();
    const storage = db.replica();
    expect(allowed(await spend(storage, 1_000, 5_000))).toBe(1_000);
    // 100 tokens a lease: ten batches, plus the one prefetched when half of the tenth was spent.
    expect(db.hit.mock.calls.length).toBeLessThanOrEqual(11);
    expect(db.hit).toHaveBeenCalledWith('key:k1', WINDOW_MS, 100);
  });

  it('never lets more than the limit through in a window across replicas, and refuses at most 1.5 leases early per other replica', async () => {
    const db = postgres();
    const replicas = [db.replica(), db.replica(), db.replica()];
    const limit = 1_000;
    let through = 0;
    for (let i = 0; i < 1_500; i++) if (!(await replicas[i % 3]!.increment('key:k1', WINDOW_MS, limit)).isBlocked) through++;
    expect(through).toBeLessThanOrEqual(limit);
    expect(through).toBeGreaterThanOrEqual(limit - 2 * 1.5 * (limit / 50));
  });

  it('serves a burst of concurrent requests from one lease in flight', async () => {
    const db = postgres();
    const storage = db.replica();
    const answers = await Promise.all(Array.from({ length: 40 }, () => storage.increment('key:k1', WINDOW_MS, 5_000)));
    expect(answers.every((a) => !a.isBlocked)).toBe(true);
    expect(db.hit).toHaveBeenCalledTimes(1);
  });

  it('starts afresh in the next window, and tells the client when the window ends', async () => {
    const db = postgres();
    const storage = db.replica();
    expect(await spend(storage, 3, 2)).toEqual([false, false, true]);
    db.advance(42_300);
    jest.advanceTimersByTime(42_300);
    expect(await storage.increment('key:k1', WINDOW_MS, 2)).toMatchObject({ isBlocked: true, timeToBlockExpire: 18 });
    db.advance(17_700);
    jest.advanceTimersByTime(17_700);
    expect(await spend(storage, 3, 2)).toEqual([false, false, true]);
  });

  it('fails the request when Postgres cannot be reached, and asks again on the next one', async () => {
    const db = postgres();
    const storage = db.replica();
    db.hit.mockRejectedValueOnce(new Error('connection refused'));
    await expect(storage.increment('key:k1', WINDOW_MS, 4)).rejects.toThrow('connection refused');
    expect(await spend(storage, 1, 4)).toEqual([false]);
  });
});
