import { NO_ACCOUNT, UsageRepository } from '@threadline/db';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';

describe('UsageRepository.addApiCalls', () => {
  let db: ScratchDatabase;
  let usage: UsageRepository;

  beforeAll(async () => {
    db = await createScratchDatabase();
    usage = new UsageRepository(db.dataSource);
  });
  afterAll(() => db?.drop());

  it('adds batched counts, counting a stranger account as none and dropping a deleted workspace', async () => {
    const [{ id: ws }] = await db.dataSource.query(`INSERT INTO workspaces (name) VALUES ('usage') RETURNING id`);
    const [{ id: other }] = await db.dataSource.query(`INSERT INTO workspaces (name) VALUES ('other') RETURNING id`);
    const [{ id: mine }] = await db.dataSource.query(
      `INSERT INTO linkedin_accounts (workspace_id, name, profile_urn, cookies_encrypted, user_agent) VALUES ($1, 'a', 'urn:li:fsd_profile:A', 'sealed', 'jest') RETURNING id`, [ws]);
    const [{ id: theirs }] = await db.dataSource.query(
      `INSERT INTO linkedin_accounts (workspace_id, name, profile_urn, cookies_encrypted, user_agent) VALUES ($1, 'b', 'urn:li:fsd_profile:B', 'sealed', 'jest') RETURNING id`, [other]);
    const gone = '00000000-0000-4000-8000-00000000dead';
    await usage.addApiCalls([
      { workspaceId: ws, accountId: null, day: '2026-12-01', calls: 2 },
      { workspaceId: ws, accountId: theirs, day: '2026-12-01', calls: 3 },
      { workspaceId: ws, accountId: mine, day: '2026-12-01', calls: 4 },
      { workspaceId: gone, accountId: null, day: '2026-12-01', calls: 9 },
    ]);
    await usage.addApiCalls([{ workspaceId: ws, accountId: mine, day: '2026-12-01', calls: 1 }]);
    const rows = await db.dataSource.query(`SELECT workspace_id, account_id, api_calls FROM api_usage_daily ORDER BY account_id`);
    expect(rows).toEqual([
      { workspace_id: ws, account_id: NO_ACCOUNT, api_calls: 5 },
      { workspace_id: ws, account_id: mine, api_calls: 5 },
    ]);
  });
});
