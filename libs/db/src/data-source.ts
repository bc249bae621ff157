import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ApiKeyEntity } from './entities/api-key.entity';
import { LinkedinAccountEntity } from './entities/linkedin-account.entity';
import { MessageEntity } from './entities/message.entity';
import { QuotaReservationEntity } from './entities/quota-reservation.entity';
import { WorkspaceEntity } from './entities/workspace.entity';
import { IdempotencyRecordEntity } from './entities/idempotency-record.entity';
import { AttachmentEntity } from './entities/attachment.entity';
import { InitialSchema1764100000000 } from './migrations/1764100000000-initial-schema';
import { MessagingSurface1764200000000 } from './migrations/1764200000000-messaging-surface';

export const ENTITIES = [WorkspaceEntity, ApiKeyEntity, LinkedinAccountEntity, MessageEntity, QuotaReservationEntity, IdempotencyRecordEntity, AttachmentEntity];

/** Migrations in the order they run; append, never edit one that has landed. */
export const MIGRATIONS = [InitialSchema1764100000000, MessagingSurface1764200000000];

export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: 10 },
  };
}

/** Applies every pending migration; the dev runner and the tests call this before anything starts. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(databaseUrl));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
