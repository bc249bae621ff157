import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { linkedinMemberKey } from '../libs/core/src/quota/member-key';
import { MIGRATIONS, dataSourceOptions } from '../libs/db/src/data-source';
import { MemberQuota1796070535116 } from '../libs/db/src/migrations/1796070535116-member-quota';
import { ApiRateCountersRepository } from '../libs/db/src/repositories/api-rate-counters.repository';
import { stackInfo } from './support/stack-info';

/** A scratch database next to the stack's, migrated with the given migrations only. */
async function scratch(name: string, migrations: unknown[]): Promise<DataSource> {
  const ds = new DataSource({ ...dataSourceOptions(stackInfo().databaseUrl.replace(/\/[^/]+$/, `/${name}`)), migrations: migrations as never });
  await ds.initialize();
  return ds;
}

describe('member quota and API rate counters in Postgres', () => {
  const name = `migrate_${randomBytes(4).toString('hex')}`;
  const admin = new DataSource(dataSourceOptions(stackInfo().databaseUrl));

  beforeAll(async () => {
    await admin.initialize();
    await admin.query(`CREATE DATABASE ${name}`);
  });

  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.destroy();
  });

  it('backfills the member key of existing reservations with the formula the code uses, then goes down and up again', async () => {
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(MemberQuota1796070535116));
    const old = await scratch(name, before);
    await old.runMigrations({ transaction: 'each' });
    const [{ id: ws }] = await old.query(`INSERT INTO workspaces (name) VALUES ('m') RETURNING id`);
    const urn = 'urn:li:fsd_profile:ACoAAMigrationTest';
    const [{ id: onDefault }] = await old.query(`INSERT INTO linkedin_accounts (workspace_id, name, profile_urn, cookies_encrypted, user_agent) VALUES ($1, 'a', $2, 'x', 'ua') RETURNING id`, [ws, urn]);
    const [{ id: ws2 }] = await old.query(`INSERT INTO workspaces (name) VALUES ('n') RETURNING id`);
    const [{ id: onEmulator }] = await old.query(`INSERT INTO linkedin_accounts (workspace_id, name, profile_urn, cookies_encrypted, user_agent, base_url) VALUES ($1, 'b', $2, 'x', 'ua', 'http://127.0.0.1:3100/') RETURNING id`, [ws2, urn]);
    await old.query(`INSERT INTO quota_reservations (workspace_id, account_id, kind, operation_id, reserved_at) VALUES ($1, $2, 'message', 'op-1', now()), ($3, $4, 'message', 'op-2', now())`, [ws, onDefault, ws2, onEmulator]);
    await old.destroy();

    const all = await scratch(name, MIGRATIONS);
    await all.runMigrations({ transaction: 'each' });
    const rows: Array<{ operation_id: string; member_key: string }> = await all.query('SELECT operation_id, member_key FROM quota_reservations ORDER BY operation_id');
    expect(rows).toEqual([
      { operation_id: 'op-1', member_key: linkedinMemberKey('https://www.linkedin.com', urn) },
      { operation_id: 'op-2', member_key: linkedinMemberKey('http://127.0.0.1:3100', urn) },
    ]);
    // A deleted account's units stay with its member.
    await all.query('DELETE FROM linkedin_accounts WHERE id = $1', [onDefault]);
    expect(await all.query(`SELECT account_id FROM quota_reservations WHERE operation_id = 'op-1'`)).toEqual([{ account_id: null }]);
    await all.query(`INSERT INTO api_rate_counters (bucket, hits, window_ends_at) VALUES ('key:x', 1, now())`);

    // Down through both migrations of this change (and any later ones), then up again.
    const applied = async () => ((await all.query('SELECT name FROM migrations')) as Array<{ name: string }>).map((m) => m.name);
    while ((await applied()).includes('ApiRateCounters1796070535115')) await all.undoLastMigration({ transaction: 'each' });
    const columns: Array<{ column_name: string }> = await all.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'quota_reservations'`);
    expect(columns.map((c) => c.column_name)).not.toContain('member_key');
    expect(await all.query(`SELECT to_regclass('api_rate_counters') AS t`)).toEqual([{ t: null }]);
    expect(await all.query('SELECT operation_id FROM quota_reservations')).toEqual([{ operation_id: 'op-2' }]);
    await all.runMigrations({ transaction: 'each' });
    expect(await all.query('SELECT member_key FROM quota_reservations')).toEqual([{ member_key: linkedinMemberKey('http://127.0.0.1:3100', urn) }]);
    await all.destroy();
  });

  it('counts API hits in one window, starts a fresh one when it ends, and sweeps ended windows', async () => {
    const counters = new ApiRateCountersRepository(admin);
    const bucket = `key:${randomBytes(4).toString('hex')}`;
    const [first, second] = [await counters.hit(bucket, 60_000), await counters.hit(bucket, 60_000)];
    expect([first.hits, second.hits]).toEqual([1, 2]);
    expect(second.resetInMs).toBeGreaterThan(55_000);
    expect(second.resetInMs).toBeLessThanOrEqual(60_000);
    await admin.query(`UPDATE api_rate_counters SET window_ends_at = now() - interval '1 second' WHERE bucket = $1`, [bucket]);
    expect((await counters.hit(bucket, 60_000)).hits).toBe(1);
    await admin.query(`UPDATE api_rate_counters SET window_ends_at = now() - interval '1 second' WHERE bucket = $1`, [bucket]);
    expect(await counters.deleteExpired(new Date())).toBeGreaterThanOrEqual(1);
    expect(await admin.query('SELECT 1 FROM api_rate_counters WHERE bucket = $1', [bucket])).toEqual([]);
  });
});
