import { createScratchDatabase, type ScratchDatabase, undoMigrationsThrough } from './scratch-database';

describe('the sequence sends migration', () => {
  let db: ScratchDatabase;

  beforeAll(async () => {
    db = await createScratchDatabase();
  });
  afterAll(() => db?.drop());

  it('does make a campaign send the sync stored as linkedin a sequence send with its campaign and lead, a paused campaign\'s lead paused, and goes down and up again', async () => {
    const ds = db.dataSource;
    const [{ id: ws }] = await ds.query(`INSERT INTO workspaces (name) VALUES ('migration') RETURNING id`);
    const [{ id: account }] = await ds.query(
      `INSERT INTO linkedin_accounts (workspace_id, name, profile_urn, cookies_encrypted, user_agent) VALUES ($1, 'Owner', 'urn:li:fsd_profile:OWNER', 'sealed', 'jest') RETURNING id`, [ws]);
    await undoMigrationsThrough(ds, 'SequenceSends1796086915833');
    const [{ id: sequence }] = await ds.query(`INSERT INTO sequences (workspace_id, name, draft) VALUES ($1, 's', '{}') RETURNING id`, [ws]);
    const [{ id: version }] = await ds.query(`INSERT INTO sequence_versions (workspace_id, sequence_id, version, document) VALUES ($1, $2, 1, '{}') RETURNING id`, [ws, sequence]);
    const [{ id: campaign }] = await ds.query(
      `INSERT INTO campaigns (workspace_id, name, sequence_version_id, working_hours, status) VALUES ($1, 'c', $2, '{}', 'paused') RETURNING id`, [ws, version]);
    const [{ id: lead }] = await ds.query(
      `INSERT INTO leads (workspace_id, campaign_id, account_id, profile_ref, profile_key, state) VALUES ($1, $2, $3, 'p', 'p', 'active') RETURNING id`, [ws, campaign, account]);
    const urn = 'urn:li:msg_message:(urn:li:fsd_profile:OWNER,2-seq)';
    await ds.query(`INSERT INTO lead_events (workspace_id, campaign_id, lead_id, event_key, type, at, data) VALUES ($1, $2, $3, 'sent:0', 'sent', now(), $4)`, [ws, campaign, lead, { messageUrn: urn }]);
    await ds.query(`INSERT INTO messages (workspace_id, account_id, direction, status, text, message_urn, origin, sent_at) VALUES ($1, $2, 'outbound', 'sent', 'Hi', $3, 'linkedin', now()), ($1, $2, 'outbound', 'sent', 'By hand', 'urn:li:msg_message:(urn:li:fsd_profile:OWNER,2-hand)', 'linkedin', now())`, [ws, account, urn]);
    await ds.runMigrations({ transaction: 'each' });

    expect(await ds.query(`SELECT text, origin, campaign_id, lead_id FROM messages ORDER BY text`)).toEqual([
      { text: 'By hand', origin: 'linkedin', campaign_id: null, lead_id: null },
      { text: 'Hi', origin: 'sequence', campaign_id: campaign, lead_id: lead },
    ]);
    expect((await ds.query(`SELECT state FROM leads WHERE id = $1`, [lead]))[0].state).toBe('paused');

    await undoMigrationsThrough(ds, 'SequenceSends1796086915833');
    expect(await ds.query(`SELECT DISTINCT origin FROM messages`)).toEqual([{ origin: 'linkedin' }]);
    expect((await ds.query(`SELECT state FROM leads WHERE id = $1`, [lead]))[0].state).toBe('active');
    await ds.runMigrations({ transaction: 'each' });
  });
});
