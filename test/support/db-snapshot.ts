import { Client } from 'pg';
import { stackInfo } from './stack-info';
import { waitFor } from './wait-for';

/**
 * Tables that legitimately change on every request, 4xx included, so a snapshot leaves them out:
 * - api_usage_daily counts every authenticated call per day (what an operator bills from);
 * - the API rate-limit budget (issue 14 §6 moves it into Postgres: api_rate_counters, or any table named
 *   like a rate limit) counts every request of a key or a client address, refused ones too;
 * - member_pacing holds one LinkedIn member's last delivery turn, shared by every workspace that connected the
 *   member: any workspace's send moves it (the send itself shows in that workspace's messages and ledger rows).
 */
const VOLATILE_TABLES = [/^api_usage_daily$/, /rate_(counter|limit)/, /throttl/, /^member_pacing$/];

/**
 * Columns that change without any request, or as bookkeeping of a request that changes nothing else:
 * - updated_at, anywhere: a touch that leaves every other column as it was changes nothing stored;
 * - api_keys.last_used_at: refreshed by any authenticated call (at most once a minute);
 * - linkedin_accounts.status_checked_at: the last time LinkedIn confirmed the session (status checks, successful calls);
 * - inbox_sync_states: the background sync pass (every INBOX_POLL_SECONDS and on realtime events) moves its
 *   cursor, counters and timestamps; its status and errors are kept.
 */
const VOLATILE_COLUMNS: Record<string, string[]> = {
  '*': ['updated_at'],
  api_keys: ['last_used_at'],
  linkedin_accounts: ['status_checked_at'],
  inbox_sync_states: ['sync_token', 'sales_nav_synced_until', 'baseline_at', 'last_synced_at', 'last_requested_at', 'sync_count'],
};

/** Per table, the sorted md5 of each row (so a change can be shown, not only detected). */
export type Snapshot = Record<string, string[]>;

/** The rows of some workspaces only, or of every workspace but some (so workspaces created later count too). */
export type SnapshotScope = { workspaces: string[] } | { except: string[] };

/**
 * Checksums of the stored business data: every table of the public schema, limited to the rows of some
 * workspaces (or of all but some) by `workspace_id` (`id` for `workspaces`); a table with no workspace
 * column is taken whole. New tables are covered without a change here.
 */
export class DbSnapshots {
  private client: Client | null = null;
  private tables: Array<{ name: string; column: string | null; drop: string[] }> = [];

  async take(scope: SnapshotScope): Promise<Snapshot> {
    const { sql, ids } = await this.rowsQuery(scope);
    const { rows } = await this.client!.query<{ name: string; sums: string[] | null }>(
      `SELECT name, array_agg(md5(r::text) ORDER BY md5(r::text)) FILTER (WHERE r IS NOT NULL) AS sums FROM (${sql}) t GROUP BY name`,
      [ids],
    );
    return Object.fromEntries(this.tables.map((t) => [t.name, rows.find((r) => r.name === t.name)?.sums ?? []]));
  }

  /** What differs between two snapshots, table by table, with up to two of the rows that appeared. */
  async describe(before: Snapshot, after: Snapshot, scope: SnapshotScope): Promise<string> {
    const { sql, ids } = await this.rowsQuery(scope);
    const parts: string[] = [];
    for (const table of changedTables(before, after)) {
      const added = after[table]!.filter((h) => !before[table]?.includes(h));
      const removed = (before[table] ?? []).filter((h) => !after[table]!.includes(h));
      const { rows } = await this.client!.query<{ r: string }>(`SELECT r::text AS r FROM (${sql}) t WHERE name = $2 AND md5(r::text) = ANY($3) LIMIT 2`, [ids, table, added]);
      parts.push(`${table}: +${added.length} -${removed.length} rows${rows.map((x) => `\n      + ${x.r.slice(0, 400)}`).join('')}`);
    }
    return parts.join('\n    ');
  }

  /** One row per stored row: its table and its JSON without the volatile columns. */
  private async rowsQuery(scope: SnapshotScope): Promise<{ sql: string; ids: string[] }> {
    if (!this.client) await this.connect();
    const only = 'workspaces' in scope;
    const where = (column: string | null) => (column ? `WHERE ${column} ${only ? '= ANY' : '<> ALL'}($1::uuid[])` : 'WHERE $1::uuid[] IS NOT NULL');
    const sql = this.tables
      .map((t) => `SELECT '${t.name}' AS name, to_jsonb(x) ${t.drop.map((c) => `- '${c}'`).join(' ')} AS r FROM ${t.name} x ${where(t.column)}`)
      .join(' UNION ALL ');
    return { sql, ids: only ? scope.workspaces : scope.except };
  }

  /** Waits until the data has not changed for `quietMs`: the background effects of accepted writes have landed. */
  async settled(scope: SnapshotScope, quietMs = 300, timeoutMs = 60_000): Promise<Snapshot> {
    let last = await this.take(scope);
    let since = Date.now();
    return waitFor(`the stored data to stay unchanged for ${quietMs} ms`, async () => {
      const next = await this.take(scope);
      if (changedTables(last, next).length) [last, since] = [next, Date.now()];
      return Date.now() - since >= quietMs ? next : undefined;
    }, timeoutMs, 100);
  }

  async close(): Promise<void> {
    await this.client?.end();
    this.client = null;
  }

  private async connect(): Promise<void> {
    this.client = new Client({ connectionString: stackInfo().databaseUrl });
    await this.client.connect();
    const { rows } = await this.client.query<{ table_name: string; columns: string[] }>(
      `SELECT table_name, array_agg(column_name::text) AS columns FROM information_schema.columns
       WHERE table_schema = 'public' GROUP BY table_name ORDER BY table_name`,
    );
    this.tables = rows
      .filter((r) => !VOLATILE_TABLES.some((re) => re.test(r.table_name)))
      .map((r) => ({
        name: r.table_name,
        column: r.table_name === 'workspaces' ? 'id' : r.columns.includes('workspace_id') ? 'workspace_id' : null,
        drop: [...VOLATILE_COLUMNS['*']!, ...(VOLATILE_COLUMNS[r.table_name] ?? [])].filter((c) => r.columns.includes(c)),
      }));
  }
}

/** Tables whose rows differ between two snapshots. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => (before[t] ?? []).join() !== (after[t] ?? []).join()).sort();
}
