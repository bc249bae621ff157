import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { type AccountStatus, LinkedinAccountEntity } from '../entities/linkedin-account.entity';

export interface AccountSecrets {
  cookiesEncrypted: string;
  proxyEncrypted: string | null;
}

/** What the last status check learned about the account's LinkedIn plan. */
type PlanFields = 'inmailCredits' | 'isPremium' | 'statusCheckedAt';

@Injectable()
export class AccountsRepository {
  constructor(@InjectRepository(LinkedinAccountEntity) private readonly repo: Repository<LinkedinAccountEntity>) {}

  findInWorkspace(workspaceId: string, id: string): Promise<LinkedinAccountEntity | null> {
    return this.repo.findOneBy({ workspaceId, id });
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
  async create(fields: Omit<LinkedinAccountEntity, 'id' | 'createdAt' | 'updatedAt' | 'isDefault' | PlanFields> & Partial<Pick<LinkedinAccountEntity, PlanFields>>): Promise<LinkedinAccountEntity> {
    return this.repo.manager.transaction(async (m) => {
      await lockDefault(m, fields.workspaceId);
      const hasDefault = await m.existsBy(LinkedinAccountEntity, { workspaceId: fields.workspaceId, isDefault: true });
      const saved = await m.save(m.create(LinkedinAccountEntity, { ...fields, isDefault: !hasDefault }));
      return (await m.findOneByOrFail(LinkedinAccountEntity, { id: saved.id }));
    });
  }

  async updateSession(workspaceId: string, id: string, fields: Partial<Pick<LinkedinAccountEntity, 'cookiesEncrypted' | 'proxyEncrypted' | 'userAgent' | 'baseUrl' | 'hasSalesNavigator' | 'name' | 'publicIdentifier' | 'status' | 'statusReason' | 'holdUntil' | 'dailyMessageCap' | 'timeZone' | PlanFields>>): Promise<void> {
    await this.repo.update({ workspaceId, id }, fields);
  }

  async setStatus(workspaceId: string, id: string, status: AccountStatus, reason: string | null, holdUntil: Date | null): Promise<void> {
    await this.repo.update({ workspaceId, id }, { status, statusReason: reason, holdUntil });
  }

  /** Leaves `restricted` for `active` unless something changed the status meanwhile; true when it did. */
  async clearRestriction(workspaceId: string, id: string): Promise<boolean> {
    const result = await this.repo.update({ workspaceId, id, status: 'restricted' }, { status: 'active', statusReason: null });
    return (result.affected ?? 0) > 0;
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
