import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { IdempotencyRecordEntity } from '../entities/idempotency-record.entity';

export type NewIdempotencyRecord = Pick<IdempotencyRecordEntity, 'workspaceId' | 'key' | 'method' | 'path' | 'requestHash'>;

@Injectable()
export class IdempotencyRepository {
  constructor(@InjectRepository(IdempotencyRecordEntity) private readonly repo: Repository<IdempotencyRecordEntity>) {}

  find(workspaceId: string, key: string): Promise<IdempotencyRecordEntity | null> {
    return this.repo.findOneBy({ workspaceId, key });
  }

  /** Claims a key; false when another request holds it already (the primary key decides races). */
  async claim(r: NewIdempotencyRecord): Promise<boolean> {
    const rows: unknown[] = await this.repo.query(
      `INSERT INTO idempotency_records (workspace_id, key, method, path, request_hash, state)
       VALUES ($1, $2, $3, $4, $5, 'in_progress') ON CONFLICT DO NOTHING RETURNING key`,
      [r.workspaceId, r.key, r.method, r.path, r.requestHash],
    );
    return rows.length > 0;
  }

  async complete(workspaceId: string, key: string, status: number, responseEncrypted: string): Promise<void> {
    await this.repo.update({ workspaceId, key }, { state: 'done', responseStatus: status, responseEncrypted });
  }

  async release(workspaceId: string, key: string): Promise<void> {
    await this.repo.delete({ workspaceId, key, state: 'in_progress' });
  }

  /** Expired keys may be used again. */
  async deleteOlderThan(workspaceId: string, key: string, before: Date): Promise<void> {
    await this.repo.delete({ workspaceId, key, createdAt: LessThan(before) });
  }
}
