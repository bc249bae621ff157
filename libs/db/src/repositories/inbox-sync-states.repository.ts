import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { InboxSyncStateEntity } from '../entities/inbox-sync-state.entity';

/** An account whose inbox sync should run but does not. */
export interface AccountToSync {
  accountId: string;
  workspaceId: string;
}

@Injectable()
export class InboxSyncStatesRepository {
  constructor(@InjectRepository(InboxSyncStateEntity) private readonly repo: Repository<InboxSyncStateEntity>) {}

  /** The state of an account's sync, created (baseline = now) on first use. */
  async ensure(workspaceId: string, accountId: string): Promise<InboxSyncStateEntity> {
    await this.repo.query(
      `INSERT INTO inbox_sync_states (account_id, workspace_id) VALUES ($1, $2) ON CONFLICT (account_id) DO NOTHING`,
      [accountId, workspaceId],
    );
    return this.repo.findOneByOrFail({ accountId });
  }

  findForAccounts(workspaceId: string, accountIds: string[]): Promise<InboxSyncStateEntity[]> {
    return this.repo.createQueryBuilder('s').where('s.workspace_id = :workspaceId AND s.account_id = ANY(:accountIds)', { workspaceId, accountIds }).getMany();
  }

  async recordSuccess(accountId: string, fields: { syncToken: string | null; salesNavSyncedUntil: Date | null }): Promise<void> {
    await this.repo.query(
      `UPDATE inbox_sync_states SET sync_token = COALESCE($2, sync_token), sales_nav_synced_until = COALESCE($3, sales_nav_synced_until),
         last_synced_at = now(), sync_count = sync_count + 1, status = 'running', stop_reason = NULL, updated_at = now()
       WHERE account_id = $1`,
      [accountId, fields.syncToken, fields.salesNavSyncedUntil],
    );
  }

  async recordError(accountId: string, code: string, message: string): Promise<void> {
    await this.repo.query(
      `UPDATE inbox_sync_states SET error_count = error_count + 1, last_error_code = $2, last_error_message = $3, last_error_at = now(), updated_at = now()
       WHERE account_id = $1`,
      [accountId, code, message],
    );
  }

  async markStopped(accountId: string, reason: string): Promise<void> {
    await this.repo.query(`UPDATE inbox_sync_states SET status = 'stopped', stop_reason = $2, updated_at = now() WHERE account_id = $1`, [accountId, reason]);
  }

  async markRunning(workspaceId: string, accountId: string): Promise<void> {
    await this.repo.query(
      `INSERT INTO inbox_sync_states (account_id, workspace_id) VALUES ($1, $2)
       ON CONFLICT (account_id) DO UPDATE SET status = 'running', stop_reason = NULL, updated_at = now()`,
      [accountId, workspaceId],
    );
  }

  async markRequested(workspaceId: string, accountId: string): Promise<void> {
    await this.repo.query(
      `INSERT INTO inbox_sync_states (account_id, workspace_id, last_requested_at) VALUES ($1, $2, now())
       ON CONFLICT (account_id) DO UPDATE SET last_requested_at = now(), updated_at = now()`,
      [accountId, workspaceId],
    );
  }

  /** Usable accounts with no running sync: new ones, and stopped ones that were reconnected. */
  async accountsToStart(limit: number): Promise<AccountToSync[]> {
    return this.repo.query(
      `SELECT a.id AS "accountId", a.workspace_id AS "workspaceId" FROM linkedin_accounts a
       LEFT JOIN inbox_sync_states s ON s.account_id = a.id
       WHERE a.status NOT IN ('disconnected','checkpoint','restricted') AND (s.account_id IS NULL OR s.status = 'stopped')
       ORDER BY a.created_at LIMIT $1`,
      [limit],
    );
  }

  /** Every usable account: the worker (re)starts their syncs idempotently at boot. */
  async usableAccounts(limit: number): Promise<AccountToSync[]> {
    return this.repo.query(
      `SELECT id AS "accountId", workspace_id AS "workspaceId" FROM linkedin_accounts WHERE status NOT IN ('disconnected','checkpoint','restricted') ORDER BY created_at LIMIT $1`,
      [limit],
    );
  }
}
