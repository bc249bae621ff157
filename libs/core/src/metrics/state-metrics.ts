import { Injectable } from '@nestjs/common';
import { type LinkedinAccountEntity, MetricsRepository, QUOTA_KINDS, type QuotaKind } from '@threadline/db';
import { DateTime } from 'luxon';
import { Gauge } from 'prom-client';
import { QuotaService } from '../quota/quota.service';
import { MetricsRegistry } from './metrics.registry';

/** Accounts that can send today count towards a workspace's daily capacity; disconnected or blocked ones do not. */
const SENDING_STATUSES: ReadonlySet<string> = new Set(['active', 'warming', 'on_hold']);

interface QuotaRow {
  workspaceId: string;
  kind: QuotaKind;
  cap: number;
  used: number;
}

/** Daily caps and units spent today (UTC day, as the ledger's windows), summed per workspace. */
export function quotaByWorkspace(accounts: LinkedinAccountEntity[], used: Array<{ workspaceId: string; kind: QuotaKind; used: number }>, dailyCap: (a: LinkedinAccountEntity, kind: QuotaKind) => number): QuotaRow[] {
  const rows = new Map<string, QuotaRow>();
  const row = (workspaceId: string, kind: QuotaKind) => {
    const key = `${workspaceId}|${kind}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { workspaceId, kind, cap: 0, used: 0 }));
    return r;
  };
  for (const a of accounts) {
    if (!SENDING_STATUSES.has(a.status)) continue;
    for (const kind of QUOTA_KINDS) row(a.workspaceId, kind).cap += dailyCap(a, kind);
  }
  for (const u of used) row(u.workspaceId, u.kind).used += u.used;
  return [...rows.values()];
}

/**
 * Gauges read from Postgres when Prometheus scrapes: accounts by status, quota per workspace, inbox sync
 * lag. Registered by the API only (one set of queries per scrape, not one per process); with several
 * API replicas, aggregate them with max(), not sum().
 */
@Injectable()
export class StateMetrics {
  private pendingQuota?: Promise<QuotaRow[]>;
  private enabled = false;

  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly repo: MetricsRepository,
    private readonly quota: QuotaService,
  ) {}

  enable(): void {
    if (this.enabled) return;
    this.enabled = true;
    const registers = [this.metrics.registry];
    const repo = this.repo;
    const quotaRows = () => this.quotaRows();

    new Gauge({
      name: 'threadline_accounts',
      help: 'LinkedIn accounts by status',
      labelNames: ['status'] as const,
      registers,
      async collect() {
        this.reset();
        for (const r of await repo.accountsByStatus(new Date())) this.set({ status: r.status }, r.accounts);
      },
    });
    new Gauge({
      name: 'threadline_accounts_on_hold',
      help: 'LinkedIn accounts whose hold (after a throttle) has not ended, by status',
      labelNames: ['status'] as const,
      registers,
      async collect() {
        this.reset();
        for (const r of await repo.accountsByStatus(new Date())) this.set({ status: r.status }, r.onHold);
      },
    });
    const quotaGauge = (name: string, help: string, value: (r: QuotaRow) => number) =>
      new Gauge({
        name, help, labelNames: ['workspace_id', 'kind'] as const, registers,
        async collect() {
          this.reset();
          for (const r of await quotaRows()) this.set({ workspace_id: r.workspaceId, kind: r.kind }, value(r));
        },
      });
    quotaGauge('threadline_quota_daily_cap', 'Daily cap of a workspace: the sum of its sending accounts\' caps (warm-up included), by kind', (r) => r.cap);
    quotaGauge('threadline_quota_daily_used', 'Units spent today (UTC) by a workspace: committed sends plus reservations under way, by kind', (r) => r.used);
    quotaGauge('threadline_quota_daily_remaining', 'Daily cap minus units spent today, never below 0, by kind', (r) => Math.max(0, r.cap - r.used));
    new Gauge({
      name: 'threadline_inbox_sync_lag_seconds',
      help: 'Seconds since running inbox syncs last completed a pass: p50, p95 and max over accounts',
      labelNames: ['stat'] as const,
      registers,
      async collect() {
        this.reset();
        const lag = await repo.inboxSyncLag(new Date());
        for (const [stat, v] of [['p50', lag.p50Seconds], ['p95', lag.p95Seconds], ['max', lag.maxSeconds]] as const) if (v !== null) this.set({ stat }, v);
      },
    });
    new Gauge({
      name: 'threadline_inbox_syncs',
      help: 'Inbox syncs that run, and those of them that never completed a pass',
      labelNames: ['state'] as const,
      registers,
      async collect() {
        this.reset();
        const lag = await repo.inboxSyncLag(new Date());
        this.set({ state: 'running' }, lag.running);
        this.set({ state: 'never_synced' }, lag.neverSynced);
      },
    });
  }

  /** One pair of queries serves the three quota gauges of a scrape (the registry collects them side by side). */
  private quotaRows(): Promise<QuotaRow[]> {
    if (this.pendingQuota) return this.pendingQuota;
    const at = new Date();
    const dayStart = DateTime.fromJSDate(at, { zone: 'utc' }).startOf('day').toJSDate();
    const rows = Promise.all([this.repo.allAccounts(), this.repo.quotaUsedSince(dayStart)]).then(([accounts, used]) =>
      quotaByWorkspace(accounts, used, (a, kind) => this.quota.windows(a, kind, at)[0]!.limit));
    this.pendingQuota = rows;
    void rows.catch(() => undefined).finally(() => (this.pendingQuota = undefined));
    return rows;
  }
}
