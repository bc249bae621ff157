import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** The account id recorded for API calls that named no account. */
export const NO_ACCOUNT = '00000000-0000-0000-0000-000000000000';

export interface UsageRow {
  day: string;
  accountId: string | null;
  messages: number;
  inmails: number;
  apiCalls: number;
}

/** API calls counted in memory for one workspace, named account (null: none) and UTC day (YYYY-MM-DD). */
export interface ApiCallCount {
  workspaceId: string;
  accountId: string | null;
  day: string;
  calls: number;
}

@Injectable()
export class UsageRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Adds buffered API-call counts in one statement. A call naming an account that is not the
   * workspace's (a 404) is counted without it, so no report ever shows another workspace's account;
   * counts of a workspace deleted meanwhile are dropped.
   */
  async addApiCalls(counts: ApiCallCount[]): Promise<void> {
    if (counts.length === 0) return;
    await this.ds.query(
      `INSERT INTO api_usage_daily (workspace_id, account_id, day, api_calls)
       SELECT u.workspace_id, COALESCE(a.id, $5::uuid), u.day, sum(u.calls)::int
       FROM unnest($1::uuid[], $2::text[], $3::date[], $4::int[]) AS u(workspace_id, account_id, day, calls)
       JOIN workspaces w ON w.id = u.workspace_id
       LEFT JOIN linkedin_accounts a ON a.workspace_id = u.workspace_id AND a.id::text = u.account_id
       GROUP BY 1, 2, 3
       ON CONFLICT (workspace_id, account_id, day) DO UPDATE SET api_calls = api_usage_daily.api_calls + EXCLUDED.api_calls`,
      [counts.map((c) => c.workspaceId), counts.map((c) => c.accountId), counts.map((c) => c.day), counts.map((c) => c.calls), NO_ACCOUNT],
    );
  }

  /** Messages and InMails sent through Threadline (not typed by hand on LinkedIn) and API calls, per account and UTC day, for [from, to) days. */
  async report(workspaceId: string, from: string, to: string, accountId?: string): Promise<UsageRow[]> {
    const rows: { day: string; account_id: string; messages: number; inmails: number; api_calls: number }[] = await this.ds.query(
      `WITH sent AS (
         SELECT (sent_at AT TIME ZONE 'UTC')::date AS day, account_id,
                count(*) FILTER (WHERE message_type <> 'inmail')::int AS messages,
                count(*) FILTER (WHERE message_type = 'inmail')::int AS inmails
         FROM messages
         WHERE workspace_id = $1 AND status = 'sent' AND direction = 'outbound' AND origin IN ('api', 'sequence')
           AND sent_at >= $2::date AND sent_at < $3::date AND ($4::uuid IS NULL OR account_id = $4::uuid)
         GROUP BY 1, 2),
       calls AS (
         SELECT day, account_id, api_calls FROM api_usage_daily
         WHERE workspace_id = $1 AND day >= $2::date AND day < $3::date AND ($4::uuid IS NULL OR account_id = $4::uuid))
       SELECT to_char(coalesce(s.day, c.day), 'YYYY-MM-DD') AS day, coalesce(s.account_id, c.account_id) AS account_id,
              coalesce(s.messages, 0) AS messages, coalesce(s.inmails, 0) AS inmails, coalesce(c.api_calls, 0) AS api_calls
       FROM sent s FULL OUTER JOIN calls c ON s.day = c.day AND s.account_id = c.account_id
       ORDER BY 1, 2`,
      [workspaceId, from, to, accountId ?? null],
    );
    return rows.map((r) => ({ day: r.day, accountId: r.account_id === NO_ACCOUNT ? null : r.account_id, messages: r.messages, inmails: r.inmails, apiCalls: r.api_calls }));
  }
}
