import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, MoreThan, type Repository } from 'typeorm';
import { type AccountStatus, LinkedinAccountEntity } from '../entities/linkedin-account.entity';

export interface AccountSecrets {
  cookiesEncrypted: string;
  proxyEncrypted: string | null;
}

/** What the last status check learned about the account's LinkedIn plan. */
type PlanFields = 'inmailCredits' | 'isPremium' | 'statusCheckedAt';
/** Safety state the ledger and the worker's sweep keep; a new account starts without it. */
type SafetyFields = 'holdLevel' | 'lastSentAt' | 'warmupStartedAt' | 'warmupDays' | 'warmupStartCap' | 'invitationsHeldUntil';

/** An account's status before and after a throttle hold. */
export interface ThrottleHold {
  from: AccountStatus;
  to: AccountStatus;
  holdUntil: Date;
  /** False when the account was on hold already: the hold was only extended, its level kept. */
  started: boolean;
}

/** Statuses a hold may replace: a dead or flagged session keeps its status (and gets the hold time). */
const HOLDABLE: AccountStatus[] = ['active', 'warming', 'on_hold'];

@Injectable()
export class AccountsRepository {
  constructor(@InjectRepository(LinkedinAccountEntity) private readonly repo: Repository<LinkedinAccountEntity>) {}

  findInWorkspace(workspaceId: string, id: string): Promise<LinkedinAccountEntity | null> {
    return this.repo.findOneBy({ workspaceId, id });
  }

  findByExternalId(workspaceId: string, externalId: string): Promise<LinkedinAccountEntity | null> {
    return this.repo.findOneBy({ workspaceId, externalId });
  }

  findDefault(workspaceId: string): Promise<LinkedinAccountEntity | null> {
    return this.repo.findOneBy({ workspaceId, isDefault: true });
  }

  listForWorkspace(workspaceId: string): Promise<LinkedinAccountEntity[]> {
    return this.repo.find({ where: { workspaceId }, order: { createdAt: 'ASC' } });
  }

  findByProfile(workspaceId: string, profileUrn: string): Promise<LinkedinAccountEntity | null> {
    return this.repo.findOneBy({ workspaceId, profileUrn });
  }

  /** The encrypted session of an account; only the LinkedIn client factory asks for it. */
  async findSecrets(workspaceId: string, id: string): Promise<AccountSecrets | null> {
    const row = await this.repo
      .createQueryBuilder('a')
      .select(['a.cookiesEncrypted', 'a.proxyEncrypted'])
      .where('a.id = :id AND a.workspace_id = :workspaceId', { id, workspaceId })
      .getOne();
    return row ? { cookiesEncrypted: row.cookiesEncrypted, proxyEncrypted: row.proxyEncrypted } : null;
  }

  /** Saves a new account; the first account of a workspace becomes its default. */
  async create(fields: Omit<LinkedinAccountEntity, 'id' | 'createdAt' | 'updatedAt' | 'isDefault' | 'externalId' | PlanFields | SafetyFields> & Partial<Pick<LinkedinAccountEntity, 'externalId' | PlanFields | SafetyFields>>): Promise<LinkedinAccountEntity> {
    return this.repo.manager.transaction(async (m) => {
      await lockDefault(m, fields.workspaceId);
      const hasDefault = await m.existsBy(LinkedinAccountEntity, { workspaceId: fields.workspaceId, isDefault: true });
      const saved = await m.save(m.create(LinkedinAccountEntity, { ...fields, isDefault: !hasDefault }));
      return (await m.findOneByOrFail(LinkedinAccountEntity, { id: saved.id }));
    });
  }

  /** Holds the account's invitations (LinkedIn's weekly cap) until `until`, never shortening a longer hold; messages are not affected. */
  async holdInvitations(workspaceId: string, id: string, until: Date): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update()
      .set({ invitationsHeldUntil: () => 'GREATEST(coalesce(invitations_held_until, :until), :until)' })
      .where('workspace_id = :workspaceId AND id = :id', { workspaceId, id, until })
      .execute();
  }

  /** Active accounts of every workspace with pending invitations: the acceptance check's round. */
  async withPendingInvitations(limit: number): Promise<LinkedinAccountEntity[]> {
    return this.repo
      .createQueryBuilder('a')
      .where(`a.status IN ('active', 'warming', 'on_hold') AND EXISTS (SELECT 1 FROM invitations i WHERE i.account_id = a.id AND i.workspace_id = a.workspace_id AND i.state = 'pending')`)
      .orderBy('a.id')
      .take(limit)
      .getMany();
  }

  async updateSession(workspaceId: string, id: string, fields: Partial<Pick<LinkedinAccountEntity, 'cookiesEncrypted' | 'proxyEncrypted' | 'userAgent' | 'baseUrl' | 'hasSalesNavigator' | 'name' | 'externalId' | 'publicIdentifier' | 'status' | 'statusReason' | 'holdUntil' | 'dailyMessageCap' | 'timeZone' | 'warmupStartedAt' | 'warmupDays' | 'warmupStartCap' | PlanFields>>): Promise<void> {
    await this.repo.update({ workspaceId, id }, fields);
  }

  /**
   * Sets the account's status. With `ifCheckedAt`, only while LinkedIn has not confirmed a session since that
   * reading of `status_checked_at` (a reconnect or a status check sets it): a failure of a call made with the
   * session the row had then does not undo a newer one. False when it changed nothing.
   */
  async setStatus(workspaceId: string, id: string, status: AccountStatus, reason: string | null, holdUntil: Date | null, ifCheckedAt?: Date | null): Promise<boolean> {
    const update = this.repo.createQueryBuilder().update().set({ status, statusReason: reason, holdUntil }).where('workspace_id = :workspaceId AND id = :id', { workspaceId, id });
    if (ifCheckedAt !== undefined) update.andWhere('status_checked_at IS NOT DISTINCT FROM :checkedAt', { checkedAt: ifCheckedAt });
    return ((await update.execute()).affected ?? 0) > 0;
  }

  /** Leaves `restricted` for `to` (active, or warming during a ramp) unless something changed the status meanwhile; true when it did. */
  async clearRestriction(workspaceId: string, id: string, to: AccountStatus = 'active'): Promise<boolean> {
    const result = await this.repo.update({ workspaceId, id, status: 'restricted' }, { status: to, statusReason: null });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Holds the account after LinkedIn throttled it, serialised with other throttles of it: a first
   * throttle (no hold running) raises its level and holds it until `untilForLevel(level)`; one during a
   * running hold only lengthens it to `hintUntil` if that is later (in-flight calls must not escalate).
   */
  async holdAfterThrottle(workspaceId: string, id: string, now: Date, reason: string, untilForLevel: (level: number) => Date, hintUntil: Date): Promise<ThrottleHold | null> {
    return this.repo.manager.transaction(async (m) => {
      const [row]: Array<{ status: AccountStatus; hold_until: Date | null; hold_level: number }> = await m.query(
        'SELECT status, hold_until, hold_level FROM linkedin_accounts WHERE workspace_id = $1 AND id = $2 FOR UPDATE', [workspaceId, id]);
      if (!row) return null;
      const started = !row.hold_until || row.hold_until <= now;
      const holdUntil = started ? untilForLevel(row.hold_level) : new Date(Math.max(row.hold_until!.getTime(), hintUntil.getTime()));
      const to = HOLDABLE.includes(row.status) ? 'on_hold' : row.status;
      await m.update(LinkedinAccountEntity, { workspaceId, id }, {
        holdUntil, status: to, ...(started ? { holdLevel: row.hold_level + 1 } : {}), ...(to === 'on_hold' && started ? { statusReason: reason } : {}),
      });
      return { from: row.status, to, holdUntil, started };
    });
  }

  /** Accounts whose hold has ended (or never had an end), for the sweep that returns them to work. */
  findEndedHolds(now: Date, limit: number): Promise<LinkedinAccountEntity[]> {
    return this.repo
      .createQueryBuilder('a')
      .where(`a.status = 'on_hold' AND (a.hold_until IS NULL OR a.hold_until <= :now)`, { now })
      .orderBy('a.hold_until', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Ends a hold that is over (unless it was lengthened or the status changed meanwhile); true when this call ended it. */
  async endHold(workspaceId: string, id: string, now: Date, to: AccountStatus): Promise<boolean> {
    const [, affected] = (await this.repo.query(
      `UPDATE linkedin_accounts SET status = $3, status_reason = NULL, hold_until = NULL, updated_at = now()
       WHERE workspace_id = $1 AND id = $2 AND status = 'on_hold' AND (hold_until IS NULL OR hold_until <= $4)`,
      [workspaceId, id, to, now],
    )) as [unknown, number];
    return affected > 0;
  }

  /** A page of the accounts in a status, across workspaces (the sweep's warming accounts), in id order. */
  listWithStatus(status: AccountStatus, afterId: string | null, limit: number): Promise<LinkedinAccountEntity[]> {
    return this.repo.find({ where: { status, ...(afterId ? { id: MoreThan(afterId) } : {}) }, order: { id: 'ASC' }, take: limit });
  }

  /** Moves an account from one status to another unless it changed meanwhile; true when it did. */
  async moveStatus(workspaceId: string, id: string, from: AccountStatus, to: AccountStatus, fields: Partial<Pick<LinkedinAccountEntity, 'warmupStartedAt' | 'statusReason'>> = {}): Promise<boolean> {
    const result = await this.repo.update({ workspaceId, id, status: from }, { status: to, ...fields });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Active accounts with warm-up on (their own `warmup_days`, else `defaultDays`) with no send, ramp start
   * or creation since `before`: a long silence warms up again (once per silence, not every ramp's end).
   */
  findDormant(before: Date, defaultDays: number, limit: number): Promise<LinkedinAccountEntity[]> {
    return this.repo
      .createQueryBuilder('a')
      .where(`a.status = 'active' AND coalesce(a.warmup_days, :defaultDays) > 0`, { defaultDays })
      .andWhere('greatest(a.last_sent_at, a.warmup_started_at, a.created_at) < :before', { before })
      .orderBy('a.created_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  /**
   * Records a write LinkedIn refused with a plain 403 and answers the account's refusals since `since`
   * (this one included); older ones are dropped on the way.
   */
  async recordForbiddenWrite(workspaceId: string, accountId: string, entityUrn: string, at: Date, since: Date): Promise<{ entityUrn: string; at: Date }[]> {
    return this.repo.manager.transaction(async (m) => {
      await m.query(`DELETE FROM account_forbidden_writes WHERE account_id = $1 AND at <= $2`, [accountId, since]);
      await m.query(`INSERT INTO account_forbidden_writes (workspace_id, account_id, entity_urn, at) VALUES ($1, $2, $3, $4)`, [workspaceId, accountId, entityUrn, at]);
      return m.query(`SELECT entity_urn AS "entityUrn", at FROM account_forbidden_writes WHERE account_id = $1 AND at > $2`, [accountId, since]);
    });
  }

  /** Makes this account the workspace's default; false (and nothing changed) when it does not exist. */
  async setDefault(workspaceId: string, id: string): Promise<boolean> {
    return this.repo.manager.transaction(async (m) => {
      await lockDefault(m, workspaceId);
      if (!(await m.existsBy(LinkedinAccountEntity, { workspaceId, id }))) return false;
      await m.update(LinkedinAccountEntity, { workspaceId, isDefault: true }, { isDefault: false });
      await m.update(LinkedinAccountEntity, { workspaceId, id }, { isDefault: true });
      return true;
    });
  }

  /**
   * Deletes an account in one transaction with the promotion of the oldest remaining account when the
   * workspace is left without a default: a workspace with accounts always has exactly one default.
   */
  async deleteAndPromoteDefault(workspaceId: string, id: string): Promise<boolean> {
    return this.repo.manager.transaction(async (m) => {
      await lockDefault(m, workspaceId);
      const { affected } = await m.delete(LinkedinAccountEntity, { workspaceId, id });
      if (!affected) return false;
      if (await m.existsBy(LinkedinAccountEntity, { workspaceId, isDefault: true })) return true;
      const next = await m.findOne(LinkedinAccountEntity, { where: { workspaceId }, order: { createdAt: 'ASC', id: 'ASC' } });
      if (next) await m.update(LinkedinAccountEntity, { workspaceId, id: next.id }, { isDefault: true });
      return true;
    });
  }
}

/** Serialises every change of a workspace's default account (create, set, delete) until the transaction ends. */
async function lockDefault(m: EntityManager, workspaceId: string): Promise<void> {
  await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`default-account:${workspaceId}`]);
}
