import type { ThrottlerStorage } from '@nestjs/throttler';
import type { RateCountersService } from '@threadline/core';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** A replica leases a fiftieth of a bucket's limit at a time (2%). */
export const LEASE_SHARE = 50;
/** Buckets a replica remembers; past it the oldest is forgotten (with its unspent tokens, which only refuses early). */
const MAX_BUCKETS = 10_000;

/** What this replica holds of one bucket in the current window. */
interface Lease {
  /** Postgres's end of the window the tokens belong to (epoch ms, Postgres's clock). */
  windowEndsAt: number;
  /** The same end on this process's clock. */
  localEndsAt: number;
  /** Tokens granted to this replica and not spent yet. */
  tokens: number;
  /** Postgres had no more for this window: refuse here until it ends, without asking again. */
  exhausted: boolean;
  /** Hits every replica had leased in this window, as of this replica's last lease. */
  leasedHits: number;
}

/**
 * The throttler's counters in Postgres, so every API replica spends from one budget, without a round
 * trip per request: a replica leases a batch of tokens from the shared counter (one UPSERT, fixed
 * windows of the throttler's ttl on Postgres's clock) and spends them in memory, leasing the next batch
 * in the background when half of one is left.
 *
 * Postgres grants each token once, so no window lets more than the limit through, whatever the number
 * of replicas. Tokens a replica holds unspent are refused to the others: a key may get its 429 up to
 * 1.5 × limit / 50 requests early per other replica that served it in the window (3% of the limit each).
 * A limit under 100 leases one token per request: one UPSERT each, exact, as before leasing.
 */
export class PostgresThrottlerStorage implements ThrottlerStorage {
  private readonly leases = new Map<string, Lease>();
  /** The one lease in flight per bucket; requests with no token wait for it rather than start their own. */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly counters: RateCountersService) {}

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const size = Math.max(1, Math.floor(limit / LEASE_SHARE));
    for (;;) {
      const now = Date.now();
      const lease = this.leases.get(key);
      if (lease && lease.localEndsAt > now) {
        if (lease.tokens > 0) {
          lease.tokens--;
          // Batches only: a single token leased ahead would count a request nobody made yet.
          if (size > 1 && !lease.exhausted && lease.tokens <= size / 2) this.leaseOnce(key, ttl, limit, size).catch(() => undefined);
          return record(now, lease, false);
        }
        if (lease.exhausted) return record(now, lease, true);
      }
      await this.leaseOnce(key, ttl, limit, size);
    }
  }

  private leaseOnce(key: string, ttl: number, limit: number, size: number): Promise<void> {
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.lease(key, ttl, limit, size).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  /** Postgres counts the whole batch and this replica keeps what was left of the limit before it. */
  private async lease(key: string, ttl: number, limit: number, size: number): Promise<void> {
    const { hits, resetInMs, windowEndsAt } = await this.counters.hit(key, ttl, size);
    const granted = Math.max(0, Math.min(size, limit - (hits - size)));
    const held = this.leases.get(key);
    const lease: Lease = held?.windowEndsAt === windowEndsAt ? held : { windowEndsAt, localEndsAt: Date.now() + resetInMs, tokens: 0, exhausted: false, leasedHits: 0 };
    lease.tokens += granted;
    lease.leasedHits = hits;
    if (granted < size) lease.exhausted = true;
    this.leases.delete(key);
    if (this.leases.size >= MAX_BUCKETS) this.leases.delete(this.leases.keys().next().value!);
    this.leases.set(key, lease);
  }
}

function record(now: number, lease: Lease, isBlocked: boolean): ThrottlerStorageRecord {
  const seconds = Math.max(1, Math.ceil((lease.localEndsAt - now) / 1000));
  return { totalHits: Math.max(1, lease.leasedHits - lease.tokens), timeToExpire: seconds, isBlocked, timeToBlockExpire: isBlocked ? seconds : 0 };
}
