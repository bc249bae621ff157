import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Client as PgClient } from 'pg';
import { createPayloadCodec } from '../../libs/core/src/temporal/payload-codec';
import { connectAccount } from './accounts';
import { api } from './api-client';
import { emulator, received, SANDBOX, type ReceivedMessage } from './emulator-admin';
import { stackInfo } from './stack-info';
import { waitFor } from './wait-for';

/** Always open: e2e sequences run in seconds whatever the day and hour. */
export const ALWAYS_OPEN = { timeZone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' };
export const FINAL_LEAD_STATES = ['replied', 'completed', 'stopped', 'skipped', 'failed', 'cancelled'];

export interface Member {
  profileId: string;
  urn: string;
  firstName: string;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function profileId(): string {
  return 'ACoAA' + [...randomBytes(34)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

let scenario: { members: unknown[]; connections: Array<{ a: string; b: string; degree: number }> } | null = null;

/**
 * Loads the sandbox scenario plus `count` fresh people connected (1st degree) to Alex and Jordan, and
 * `strangers` people connected to nobody, so every test has people nobody has written to yet.
 * `POST /__emulator/reset` restores the sandbox.
 */
export async function loadScenarioWithMembers(count: number, strangers = 0): Promise<Member[]> {
  const sandbox = JSON.parse(readFileSync(join(__dirname, '../../apps/linkedin-emulator/src/scenarios/sandbox.json'), 'utf8'));
  const members: Member[] = Array.from({ length: count + strangers }, (_, i) => {
    const id = profileId();
    return { profileId: id, urn: `urn:li:fsd_profile:${id}`, firstName: `Lead${i}` };
  });
  sandbox.members.push(...members.map((m, i) => ({ profileId: m.profileId, memberId: 200000000 + Math.floor(Math.random() * 1e6) * 100 + i, firstName: m.firstName, lastName: 'Seq', headline: 'Sequence e2e', publicIdentifier: `seq-${m.profileId.slice(-10).toLowerCase()}` })));
  sandbox.connections.push(...members.slice(0, count).flatMap((m) => [{ a: SANDBOX.alex, b: m.profileId, degree: 1 }, { a: SANDBOX.jordan, b: m.profileId, degree: 1 }]));
  scenario = sandbox;
  await emulator('POST', '/scenario', sandbox);
  return members;
}

/** Connects a stranger to Alex by reloading the scenario (clears the emulator's threads and logs). */
export async function connectToAlex(member: Member): Promise<void> {
  if (!scenario) throw new Error('load a scenario first');
  scenario.connections.push({ a: SANDBOX.alex, b: member.profileId, degree: 1 });
  await emulator('POST', '/scenario', scenario);
}

export async function resetEmulator(): Promise<void> {
  await emulator('POST', '/reset');
}

/** A workspace with Alex connected. */
export async function workspaceWithAlex(): Promise<{ key: string; alexId: string }> {
  const res = await api('POST', '/v1/admin/workspaces', { key: stackInfo().adminToken, body: { name: `seq-${Date.now()}` } });
  if (res.status !== 201 && res.status !== 200) throw new Error(`creating a workspace answered ${res.status}: ${JSON.stringify(res.body)}`);
  const key = res.body.apiKey.key as string;
  return { key, alexId: await connectAccount(key, SANDBOX.alex) };
}

async function ok<T = any>(method: string, path: string, key: string, body?: unknown): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await api(method, path, { key, body });
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as T;
}

/** Creates and publishes a sequence; returns its id. */
export async function publishedSequence(key: string, steps: unknown[], name = 'e2e sequence'): Promise<string> {
  const created = await ok('POST', '/v1/sequences', key, { name, steps });
  await ok('POST', `/v1/sequences/${created.sequence.id}/publish`, key);
  return created.sequence.id as string;
}

export interface CampaignOptions {
  senders: string[];
  stopOnReply?: boolean;
  workingHours?: unknown;
}

/** Creates a campaign on a published sequence, adds the leads, starts it; returns the ids. */
export async function runCampaign(key: string, steps: unknown[], leads: Array<{ profile: string; attributes?: Record<string, unknown> }>, options: CampaignOptions): Promise<{ campaignId: string; leadIds: string[]; sequenceId: string }> {
  const sequenceId = await publishedSequence(key, steps);
  const campaign = await ok('POST', '/v1/campaigns', key, {
    name: `e2e ${Date.now()}`, sequenceId, senders: options.senders.map((accountId) => ({ accountId })),
    workingHours: options.workingHours ?? ALWAYS_OPEN, ...(options.stopOnReply === undefined ? {} : { stopOnReply: options.stopOnReply }),
  });
  const campaignId = campaign.campaign.id as string;
  const added = await ok('POST', `/v1/campaigns/${campaignId}/leads`, key, { leads });
  if (added.skipped.length) throw new Error(`leads skipped: ${JSON.stringify(added.skipped)}`);
  await ok('POST', `/v1/campaigns/${campaignId}/start`, key);
  return { campaignId, leadIds: added.leads.map((l: { id: string }) => l.id), sequenceId };
}

export async function getLead(key: string, campaignId: string, leadId: string): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return (await ok('GET', `/v1/campaigns/${campaignId}/leads/${leadId}`, key)).lead;
}

export async function getCampaign(key: string, campaignId: string): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return (await ok('GET', `/v1/campaigns/${campaignId}`, key)).campaign;
}

/** Waits until the lead is in one of `states`; returns the lead (the error shows the lead as last seen). */
export async function waitForLead(key: string, campaignId: string, leadId: string, states: string[], timeoutMs = 60_000): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  let last: unknown;
  try {
    return await waitFor(`lead ${leadId} in ${states.join('/')}`, async () => {
      const lead = await getLead(key, campaignId, leadId);
      last = lead;
      return states.includes(lead.state) ? lead : undefined;
    }, timeoutMs, 300);
  } catch (err) {
    const timeline = await api('GET', `/v1/campaigns/${campaignId}/leads/${leadId}/timeline`, { key });
    throw new Error(`${(err as Error).message}\nlead: ${JSON.stringify(last)}\ntimeline: ${JSON.stringify(timeline.body?.timeline?.entries?.slice(-12))}`);
  }
}

/** What Alex's account sent to one person, in order, from the emulator's own record. */
export async function sentTo(member: Member, from: string = SANDBOX.alex): Promise<ReceivedMessage[]> {
  return (await received(from)).filter((m) => m.recipients.includes(member.profileId));
}

export async function waitForSent(member: Member, count: number, timeoutMs = 60_000): Promise<ReceivedMessage[]> {
  try {
    return await waitFor(`${count} message(s) to ${member.firstName}`, async () => {
      const sent = await sentTo(member);
      return sent.length >= count ? sent : undefined;
    }, timeoutMs, 200);
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${await whyNotSent(member).catch((e: Error) => `(no diagnosis: ${e.message})`)}`);
  }
}

/** What the leads of a person were doing, and the pacing rows, for the error of a send that never came. */
async function whyNotSent(member: Member): Promise<string> {
  const db = new PgClient({ connectionString: stackInfo().databaseUrl });
  await db.connect();
  try {
    const leads = await db.query(`SELECT id, state, state_reason, current_step_id, workflow_id, updated_at FROM leads WHERE profile_urn = $1 OR profile_ref = $1`, [member.urn]);
    const events = await db.query(`SELECT lead_id, type, step_id, at, data FROM lead_events WHERE lead_id = ANY($1::uuid[]) ORDER BY at DESC LIMIT 12`, [leads.rows.map((l) => l.id)]);
    const pacing = await db.query(`SELECT member_key, operation_id, claimed_at, done_at, in_flight_operation_id, in_flight_since, now() AS db_now FROM member_pacing`);
    return [`leads: ${JSON.stringify(leads.rows)}`, `latest events: ${JSON.stringify(events.rows)}`, `member_pacing: ${JSON.stringify(pacing.rows)}`].join('\n');
  } finally {
    await db.end();
  }
}

/** The person writes to Alex by hand, now. */
export async function replyByHand(member: Member, text: string): Promise<void> {
  await emulator('POST', `/members/${member.profileId}/reply`, { text, accountProfileId: SANDBOX.alex });
}

let client: Client | null = null;
/** A Temporal client on the e2e stack's namespace. */
/** The payload codec of the stack's api and worker (payloads are encrypted in history): their key, from the env or the data folder's secrets. */
export function stackPayloadCodec(dataDir = stackInfo().dataDir) {
  const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as { encryptionKey: string };
  return createPayloadCodec({ THREADLINE_ENCRYPTION_KEY: process.env.THREADLINE_ENCRYPTION_KEY ?? secrets.encryptionKey, TEMPORAL_PAYLOAD_KEYS: process.env.TEMPORAL_PAYLOAD_KEYS });
}

export async function temporalClient(): Promise<Client> {
  if (!client) {
    const { temporalAddress, namespace } = stackInfo();
    client = new Client({ connection: await Connection.connect({ address: temporalAddress }), namespace, dataConverter: { payloadCodecs: [stackPayloadCodec()] } });
  }
  return client;
}

export async function closeTemporalClient(): Promise<void> {
  await client?.connection.close();
  client = null;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const FIXTURES = join(__dirname, '../fixtures/histories');

/**
 * With THREADLINE_RECORD_HISTORIES=1, saves a finished run's history as a replay fixture
 * (`{ workflowId, history }`; the history as protobuf's plain object: enum names, int64 and bytes as
 * strings, so `History.fromObject` restores it exactly) for workflows/src/*.replay.spec.ts.
 */
export async function recordHistory(name: string, workflowId: string): Promise<void> {
  if (process.env.THREADLINE_RECORD_HISTORIES !== '1') return;
  const handle = (await temporalClient()).workflow.getHandle(workflowId);
  await waitFor(`${workflowId} to close`, async () => (await handle.describe()).status.name !== 'RUNNING' || undefined, 60_000, 500);
  mkdirSync(FIXTURES, { recursive: true });
  // Saved decrypted: the replay spec has no key (the stack's key is random per run).
  const history = await decryptPayloads(temporal.api.history.v1.History.fromObject(await handle.fetchHistory()));
  writeFileSync(join(FIXTURES, `${name}.json`), JSON.stringify({ workflowId, history: temporal.api.history.v1.History.toObject(history, { longs: String, enums: String, bytes: String }) }, null, 1) + '\n');
}

/** Replaces every encrypted payload anywhere in a history (inputs, results, memos, failures, markers) by its plain form. */
async function decryptPayloads<T extends object>(history: T): Promise<T> {
  const codec = stackPayloadCodec();
  const visit = async (node: unknown): Promise<void> => {
    if (typeof node !== 'object' || node === null || ArrayBuffer.isView(node)) return;
    for (const [key, value] of Object.entries(node)) {
      const encoding = (value as { metadata?: { encoding?: Uint8Array } } | null)?.metadata?.encoding;
      if (encoding && Buffer.from(encoding).toString() === 'binary/encrypted') (node as Record<string, unknown>)[key] = (await codec.decode([value as object]))[0];
      else await visit(value);
    }
  };
  await visit(history);
  return history;
}
