import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { QuotaKind } from '../entities/quota-reservation.entity';

export interface QuotaWindow {
  kind: QuotaKind;
  limit: number;
  /** Start of the window (inclusive) and its end, when the window's oldest unit frees up. */
  from: Date;
  resetAt: Date;
}

export type ReserveResult =
  | { granted: true; used: number; limit: number; resetAt: Date }
  | { granted: false; used: number; limit: number; resetAt: Date };

@Injectable()
export class QuotaRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Spends one unit of each window for an operation, atomically per LinkedIn member (every account
   * row of the member, in any workspace, counts together). A retried reservation with the same
   * operation id is granted again without spending twice.
   */
  async reserve(workspaceId: string, accountId: string, memberKey: string, operationId: string, now: Date, windows: QuotaWindow[]): Promise<ReserveResult> {
    return this.ds.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`quota:${memberKey}`]);
      const existing = await m.query('SELECT 1 FROM quota_reservations WHERE operation_id = $1', [operationId]);
      let tightest: ReserveResult | null = null;
      for (const w of windows) {
        const [{ used }] = await m.query(
          'SELECT count(*)::int AS used FROM quota_reservations WHERE member_key = $1 AND kind = $2 AND reserved_at >= $3 AND reserved_at < $4',
          [memberKey, w.kind, w.from, w.resetAt],
        );
        if (existing.length === 0 && used >= w.limit) return { granted: false, used, limit: w.limit, resetAt: w.resetAt };
        const after = existing.length === 0 ? used + 1 : used;
        if (!tightest || w.limit - after < tightest.limit - tightest.used) tightest = { granted: true, used: after, limit: w.limit, resetAt: w.resetAt };
      }
      if (existing.length === 0) {
        await m.query(
          'INSERT INTO quota_reservations (workspace_id, account_id, member_key, kind, operation_id, reserved_at) VALUES ($1, $2, $3, $4, $5, $6)',
          [workspaceId, accountId, memberKey, windows[0]?.kind ?? 'message', operationId, now],
        );
      }
      return tightest ?? { granted: true, used: 0, limit: 0, resetAt: now };
    });
  }

  /** Units the member spent in a window, through any of its accounts. */
  async usage(memberKey: string, window: QuotaWindow): Promise<number> {
    const [{ used }] = await this.ds.query(
      'SELECT count(*)::int AS used FROM quota_reservations WHERE member_key = $1 AND kind = $2 AND reserved_at >= $3 AND reserved_at < $4',
      [memberKey, window.kind, window.from, window.resetAt],
    );
    return used;
  }
}
