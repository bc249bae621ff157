import { LeadEntity, LeadsRepository } from '@threadline/db';
import type { DataSource } from 'typeorm';
import { seedInbox } from '../../bench/inbox-seed';
import { newAccount, newWorkspace } from './ledger-fixtures';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';

const key = (n: number) => `ACoAA${String(n).padStart(34, 'x')}`;
const candidate = (n: number, attributes: Record<string, unknown> = {}) => ({ profileRef: key(n), profileKey: key(n), profileUrn: `urn:li:fsd_profile:${key(n)}`, attributes });

async function newCampaign(ds: DataSource, workspaceId: string, senders: string[]): Promise<string> {
  const [{ id: sequenceId }] = await ds.query(`INSERT INTO sequences (workspace_id, name, draft) VALUES ($1, 's', '{}') RETURNING id`, [workspaceId]);
  const [{ id: versionId }] = await ds.query(`INSERT INTO sequence_versions (workspace_id, sequence_id, version, document) VALUES ($1, $2, 1, '{}') RETURNING id`, [workspaceId, sequenceId]);
  const [{ id }] = await ds.query(`INSERT INTO campaigns (workspace_id, name, sequence_version_id, working_hours) VALUES ($1, 'c', $2, '{}') RETURNING id`, [workspaceId, versionId]);
  for (const [position, accountId] of senders.entries()) {
    await ds.query(`INSERT INTO campaign_senders (campaign_id, account_id, workspace_id, position) VALUES ($1, $2, $3, $4)`, [id, accountId, workspaceId, position]);
  }
  return id as string;
}

interface PlanNode { 'Relation Name'?: string; 'Actual Rows'?: number; 'Actual Loops'?: number; 'Rows Removed by Filter'?: number; Plans?: PlanNode[] }

/** Rows the plan read from these tables, counting every loop: linear work stays near their size, a lookup per candidate multiplies it. */
function rowsVisited(node: PlanNode, relations: string[]): number {
  const here = node['Relation Name'] && relations.includes(node['Relation Name'])
    ? ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0)) * (node['Actual Loops'] ?? 1) : 0;
  return here + (node.Plans ?? []).reduce((sum, child) => sum + rowsVisited(child, relations), 0);
}

describe('LeadsRepository.importLeads', () => {
  let db: ScratchDatabase;
  let leads: LeadsRepository;
  let workspaceId: string;
  let alex: string;
  let jordan: string;

  beforeAll(async () => {
    db = await createScratchDatabase();
    leads = new LeadsRepository(db.dataSource.getRepository(LeadEntity), db.dataSource);
    workspaceId = await newWorkspace(db.dataSource);
    alex = (await newAccount(db.dataSource, workspaceId)).id;
    jordan = (await newAccount(db.dataSource, workspaceId)).id;
  });
  afterAll(() => db?.drop());

  it('applies every skip rule in SQL, in the order the API reports them, and inserts the rest round-robin', async () => {
    const other = await newCampaign(db.dataSource, workspaceId, [jordan]);
    await leads.importLeads({ workspaceId, campaignId: other, senderIds: [jordan], turn: 0, candidates: [candidate(4)] });
    await db.dataSource.query(`INSERT INTO lead_exclusions (workspace_id, profile_key) VALUES ($1, $2)`, [workspaceId, key(3)]);
    await db.dataSource.query(
      `INSERT INTO messages (workspace_id, account_id, direction, status, text, sender_urn) VALUES ($1, $2, 'inbound', 'sent', 'hi', $3)`,
      [workspaceId, alex, `urn:li:fsd_profile:${key(5)}`],
    );
    const campaignId = await newCampaign(db.dataSource, workspaceId, [alex, jordan]);
    const first = await leads.importLeads({ workspaceId, campaignId, senderIds: [alex, jordan], turn: 0, candidates: [candidate(6)] });
    await db.dataSource.query(`UPDATE leads SET state = 'completed' WHERE id = $1`, [first.added[0]!.id]);

    const result = await leads.importLeads({
      workspaceId, campaignId, senderIds: [alex, jordan], turn: 1,
      candidates: [candidate(1, { firstName: 'A' }), candidate(1), candidate(3), candidate(4), candidate(5), candidate(6), candidate(7), { ...candidate(8), profileRef: 'some-vanity', profileKey: 'some-vanity', profileUrn: null }],
    });
    expect([...result.skipped.entries()].sort(([a], [b]) => a - b)).toEqual([
      [1, { reason: 'duplicate_in_request' }],
      [2, { reason: 'excluded' }],
      [3, { reason: 'in_active_campaign', campaignId: other }],
      [4, { reason: 'in_conversation' }],
      [5, { reason: 'already_in_campaign' }],
    ]);
    expect(result.added.map((l) => [l.profileKey, l.accountId, l.state, l.campaignId])).toEqual([
      [key(1), jordan, 'pending', campaignId], [key(7), alex, 'pending', campaignId], ['some-vanity', jordan, 'pending', campaignId],
    ]);
    expect(result.added[0]).toMatchObject({ attributes: { firstName: 'A' }, profileUrn: `urn:li:fsd_profile:${key(1)}`, createdAt: expect.any(Date) });

    // Importing the same people again: the live ones are already here.
    const again = await leads.importLeads({ workspaceId, campaignId, senderIds: [alex, jordan], turn: 4, candidates: [candidate(1), candidate(7)] });
    expect(again.added).toEqual([]);
    expect([...again.skipped.values()]).toEqual([{ reason: 'already_in_campaign' }, { reason: 'already_in_campaign' }]);
  });

  it('checks 10,000 people against a sender\'s 200k messages and 10k live leads reading each table once, not once per person', async () => {
    const [{ profile_urn: owner }] = await db.dataSource.query(`SELECT profile_urn FROM linkedin_accounts WHERE id = $1`, [alex]);
    await seedInbox(db.dataSource, { workspaceId, accounts: [{ id: alex, profileUrn: owner }], conversations: 20_000, messagesPerConversation: 10 });
    const sent: { sql: string; params: unknown[] }[] = [];
    const recording = new Proxy(db.dataSource, {
      get: (target, prop, receiver) => prop === 'query'
        ? (sql: string, params: unknown[] = []) => { sent.push({ sql, params }); return target.query(sql, params); }
        : Reflect.get(target, prop, receiver),
    });
    const importer = new LeadsRepository(db.dataSource.getRepository(LeadEntity), recording);
    // The sender already has 10,000 live leads, not yet in the table's statistics: the planner once probed them per candidate.
    const earlier = await importer.importLeads({ workspaceId, campaignId: await newCampaign(db.dataSource, workspaceId, [alex]), senderIds: [alex], turn: 0, candidates: Array.from({ length: 10_000 }, (_, i) => candidate(200_000 + i)) });
    expect(earlier.added).toHaveLength(10_000);
    sent.length = 0;
    const campaignId = await newCampaign(db.dataSource, workspaceId, [alex]);
    // People 1..10,000 of the seeded inbox wrote to alex: every one is already in a conversation.
    const candidates = Array.from({ length: 10_000 }, (_, i) => ({ profileRef: `ACoAASEED${i + 1}`, profileKey: `ACoAASEED${i + 1}`, profileUrn: `urn:li:fsd_profile:ACoAASEED${i + 1}`, attributes: {} }));
    const result = await importer.importLeads({ workspaceId, campaignId, senderIds: [alex], turn: 0, candidates });
    expect(result.added).toEqual([]);
    expect(new Set([...result.skipped.values()].map((s) => s.reason))).toEqual(new Set(['in_conversation']));
    const [{ 'QUERY PLAN': [plan] }] = await db.dataSource.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sent[0]!.sql}`, sent[0]!.params);
    const [{ n: tableRows }] = await db.dataSource.query(`SELECT (SELECT count(*) FROM messages) + (SELECT count(*) FROM leads) AS n`);
    expect(rowsVisited(plan.Plan, ['messages', 'leads'])).toBeLessThanOrEqual(3 * Number(tableRows));
  }, 120_000);

  it('imports 10,000 leads in one call', async () => {
    const campaignId = await newCampaign(db.dataSource, workspaceId, [alex]);
    const candidates = Array.from({ length: 10_000 }, (_, i) => candidate(100_000 + i, { company: `Company ${i}` }));
    const result = await leads.importLeads({ workspaceId, campaignId, senderIds: [alex], turn: 0, candidates });
    expect(result.added).toHaveLength(10_000);
    expect(result.skipped.size).toBe(0);
    expect(result.added.map((l) => l.profileKey)).toEqual(candidates.map((c) => c.profileKey));
  });
});
