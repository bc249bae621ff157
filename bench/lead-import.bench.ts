import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import type { Stack } from '../scripts/stack';
import { type BenchFigure, json, printTable } from './bench-support';

const GOAL_LEADS_PER_SECOND = 2_000;
const STEPS = [{ id: 'intro', type: 'typing_and_send', template: 'Hi {{firstName|there}}' }, { id: 'done', type: 'end' }];

/**
 * Adding leads: N leads in one JSON request and N in one CSV upload to draft campaigns (nothing
 * enrols), against the bare INSERT of the same rows in one statement, without the skip rules.
 */
export async function leadImportBench(stack: Stack, ws: { key: string; accountId: string; note: string }, leads: number): Promise<BenchFigure[]> {
  const auth = { authorization: `Bearer ${ws.key}` };
  const sequence = await json<{ sequence: { id: string } }>(`${stack.apiUrl}/v1/sequences`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'bench import', steps: STEPS }) });
  await json(`${stack.apiUrl}/v1/sequences/${sequence.sequence.id}/publish`, { method: 'POST', headers: auth });
  const campaign = async (name: string) => (await json<{ campaign: { id: string } }>(`${stack.apiUrl}/v1/campaigns`, {
    method: 'POST', headers: auth, body: JSON.stringify({ name, sequenceId: sequence.sequence.id, senders: [{ accountId: ws.accountId }] }),
  })).campaign.id;
  const profile = (tag: string, i: number) => `https://www.linkedin.com/in/bench-${tag}-${i}`;

  console.warn(`[bench] import: ${leads.toLocaleString('en')} leads as JSON…`);
  const jsonCampaign = await campaign('bench import json');
  const body = JSON.stringify({ leads: Array.from({ length: leads }, (_, i) => ({ profile: profile('json', i), attributes: { firstName: `Lead${i}`, company: 'Northwind Traders' } })) });
  let t = performance.now();
  const viaJson = await json<{ added: number }>(`${stack.apiUrl}/v1/campaigns/${jsonCampaign}/leads`, { method: 'POST', headers: auth, body });
  const jsonSeconds = (performance.now() - t) / 1000;

  console.warn(`[bench] import: ${leads.toLocaleString('en')} leads as CSV…`);
  const csvCampaign = await campaign('bench import csv');
  const form = new FormData();
  const rows = Array.from({ length: leads }, (_, i) => `${profile('csv', i)},Lead${i},Northwind Traders`);
  form.append('file', new Blob([`profileUrl,firstName,company\n${rows.join('\n')}\n`], { type: 'text/csv' }), 'leads.csv');
  t = performance.now();
  const csvRes = await fetch(`${stack.apiUrl}/v1/campaigns/${csvCampaign}/leads/csv`, { method: 'POST', headers: auth, body: form });
  const viaCsv = (await csvRes.json()) as { added: number };
  const csvSeconds = (performance.now() - t) / 1000;
  if (viaJson.added !== leads || viaCsv.added !== leads) throw new Error(`import added ${viaJson.added} (JSON) and ${viaCsv.added} (CSV) of ${leads}`);

  const bareCampaign = await campaign('bench import bare');
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  let bareSeconds: number;
  try {
    const [{ workspace_id: workspaceId }] = (await db.query(`SELECT workspace_id FROM campaigns WHERE id = $1`, [bareCampaign])).rows;
    const keys = Array.from({ length: leads }, (_, i) => `bench-bare-${i}`);
    t = performance.now();
    await db.query(
      `INSERT INTO leads (workspace_id, campaign_id, account_id, profile_ref, profile_key, attributes, state)
       SELECT $1, $2, $3, 'https://www.linkedin.com/in/' || k, k, jsonb_build_object('firstName', 'Lead', 'company', 'Northwind Traders'), 'pending' FROM unnest($4::text[]) AS k`,
      [workspaceId, bareCampaign, ws.accountId, keys],
    );
    bareSeconds = (performance.now() - t) / 1000;
  } finally {
    await db.end();
  }
  const rate = (s: number) => Math.round(leads / s);
  const figures: BenchFigure[] = [['JSON', jsonSeconds], ['CSV', csvSeconds]].map(([how, seconds]) => ({
    what: `${leads.toLocaleString('en')} leads in one ${how} request (${ws.note})`,
    threadline: `${(seconds as number).toFixed(2)} s (${rate(seconds as number).toLocaleString('en')} leads/s)`,
    baseline: `one bare INSERT: ${bareSeconds.toFixed(2)} s (${rate(bareSeconds).toLocaleString('en')} leads/s)`,
    ratio: `${((seconds as number) / bareSeconds).toFixed(1)}× the time`,
    goal: `≥ ${GOAL_LEADS_PER_SECOND.toLocaleString('en')} leads/s`,
    met: rate(seconds as number) >= GOAL_LEADS_PER_SECOND,
  }));
  printTable('lead import', figures);
  return figures;
}
