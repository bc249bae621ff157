import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { LinkedinAccountEntity } from '../entities/linkedin-account.entity';
import type { QuotaKind } from '../entities/quota-reservation.entity';

export interface AccountStatusCount {
  status: string;
  accounts: number;
  onHold: number;
}

export interface WorkspaceQuotaUse {
  workspaceId: string;
  kind: QuotaKind;
  used: number;
}

export interface InboxSyncLag {
  running: number;
  neverSynced: number;
  p50Seconds: number | null;
  p95Seconds: number | null;
  maxSeconds: number | null;
}

/** Aggregates read at scrape time for Prometheus gauges: across workspaces, never per account. */
@Injectable()
export class MetricsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async accountsByStatus(now: Date): Promise<AccountStatusCount[]> {
    const rows: Array<{ status: string; accounts: number; on_hold: number }> = await this.ds.query(
      `SELECT status, count(*)::int AS accounts, (count(*) FILTER (WHERE hold_until > $1))::int AS on_hold FROM linkedin_accounts GROUP BY status`,
      [now],
    );
    return rows.map((r) => ({ status: r.status, accounts: r.accounts, onHold: r.on_hold }));
  }

  /** Every account row, for the caps (a pure function of the row and the config). */
  allAccounts(): Promise<LinkedinAccountEntity[]> {
    return this.ds.getRepository(LinkedinAccountEntity).find();
  }

  /** Units each workspace spent since `from`: committed on or after it, plus reservations still pending. */
  async quotaUsedSince(from: Date): Promise<WorkspaceQuotaUse[]> {
    const rows: Array<{ workspace_id: string; kind: QuotaKind; used: number }> = await this.ds.query(
      `SELECT workspace_id, kind, count(*)::int AS used FROM quota_reservations
       WHERE (status = 'committed' AND delivered_at >= $1) OR status = 'pending' GROUP BY workspace_id, kind`,
      [from],
    );
    return rows.map((r) => ({ workspaceId: r.workspace_id, kind: r.kind, used: r.used }));
  }

  /** How long ago running inbox syncs last completed a pass. */
  async inboxSyncLag(now: Date): Promise<InboxSyncLag> {
    const [row]: Array<{ running: number; never_synced: number; p50: number | null; p95: number | null; max: number | null }> = await this.ds.query(
      `WITH lag AS (SELECT extract(epoch FROM ($1::timestamptz - last_synced_at))::float8 AS s, last_synced_at FROM inbox_sync_states WHERE status = 'running')
       SELECT count(*)::int AS running, (count(*) FILTER (WHERE last_synced_at IS NULL))::int AS never_synced,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY s) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY s) AS p95, max(s) AS max
       FROM lag`,
      [now],
    );
    return { running: row?.running ?? 0, neverSynced: row?.never_synced ?? 0, p50Seconds: row?.p50 ?? null, p95Seconds: row?.p95 ?? null, maxSeconds: row?.max ?? null };
  }
}
