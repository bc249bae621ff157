import { api, createWorkspace } from './api-client';
import { accountCookies, emulator } from './emulator-admin';
import { profileId, waitForSyncPasses } from './inbox';
import type { IdPools } from './id-slots';
import { sendRaw, type WireRequest } from './raw-http';
import { ALWAYS_OPEN } from './sequences';
import { waitFor } from './wait-for';

/** The LinkedIn people of one seeded workspace: its account, two contacts in a thread with it, and a connection to enrol as a lead. */
export interface SeedPeople {
  owner: string;
  contacts: [string, string];
  lead: string;
  /** Not connected to the owner: the one the workspace invites. */
  stranger: string;
}

/** An emulator scenario with one LinkedIn account per tag, two contacts who already wrote to it, a connection nobody wrote to, and a stranger it invites. */
export function seedScenario(tags: string[]): { scenario: unknown; people: Record<string, SeedPeople> } {
  const people: Record<string, SeedPeople> = Object.fromEntries(tags.map((t) => [t, { owner: profileId(`${t}Own`), contacts: [profileId(`${t}Con`, 1), profileId(`${t}Con`, 2)], lead: profileId(`${t}Lead`), stranger: profileId(`${t}Str`) }]));
  const all = Object.entries(people);
  return {
    people,
    scenario: {
      seed: `seed-${tags.join('-')}`,
      accounts: all.map(([t, p]) => ({ profileId: p.owner, firstName: t, lastName: 'Owner' })),
      members: all.flatMap(([t, p]) => [...p.contacts, p.lead, p.stranger].map((c, i) => ({ profileId: c, firstName: `${t}Person${i}`, lastName: 'Person' }))),
      connections: all.flatMap(([, p]) => [...p.contacts, p.lead].map((c) => ({ a: p.owner, b: c, degree: 1 }))),
      threads: all.flatMap(([t, p]) => p.contacts.map((c, i) => ({
        participants: [p.owner, c],
        messages: [{ from: c, text: `${t} inbound ${i} first`, minutesAgo: 60 + i }, { from: c, text: `${t} inbound ${i} second`, minutesAgo: 30 + i }],
      }))),
    },
  };
}

/** One workspace with one of everything, made through the API. */
export interface SeededWorkspace {
  tag: string;
  workspaceId: string;
  /** Its LinkedIn people in the emulator. */
  people: SeedPeople;
  /** The key the workspace's requests use (never among `pools.apiKey`, so no test revokes it). */
  key: string;
  pools: IdPools;
  /** Strings only this workspace's data holds: its ids, URNs, names and texts. */
  markers: string[];
  /** The writes it made, byte for byte, without the Authorization header (every POST with an Idempotency-Key). */
  writes: WireRequest[];
}

const jsonRequest = (method: string, path: string, body: unknown, idempotencyKey?: string): WireRequest => ({
  method, path, headers: { 'content-type': 'application/json', ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) }, body: Buffer.from(JSON.stringify(body)),
});

/** A multipart body with one file part, built by hand so a test controls every byte (filename and type included). */
export function multipartFile(file: { field?: string; filename: string; type: string; bytes: Buffer }, boundary = 'threadline-e2e-boundary'): { contentType: string; body: Buffer } {
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`;
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat([Buffer.from(head), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]) };
}

/**
 * Creates a workspace and, through the API, one of each thing a workspace owns: a connected account
 * (whose inbox sync brings two conversations with inbound messages), a sent message, an attachment, a
 * webhook (on an event no test fires), a published sequence, a draft campaign with a lead, an exclusion,
 * a second API key and an invitation. Every POST carries an Idempotency-Key. Nothing keeps running afterwards.
 */
export async function seedWorkspace(tag: string, people: SeedPeople): Promise<SeededWorkspace> {
  const { workspaceId, key } = await createWorkspace(`${tag}-workspace`);
  const writes: WireRequest[] = [];
  const write = async (req: WireRequest) => {
    writes.push(req);
    const res = await sendRaw({ ...req, headers: { ...req.headers, authorization: `Bearer ${key}` } });
    if (res.status >= 300) throw new Error(`${tag}: ${req.method} ${req.path} answered ${res.status}: ${res.text.slice(0, 300)}`);
    return res.json;
  };
  const get = async (path: string) => {
    const res = await api('GET', path, { key });
    if (res.status !== 200) throw new Error(`${tag}: GET ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const idem = (n: number) => `${tag}-idem-${n}`;
  const urn = (p: string) => `urn:li:fsd_profile:${p}`;

  const accountId: string = (await write(jsonRequest('POST', '/v1/accounts', { name: `${tag} account`, ...(await accountCookies(people.owner)) }, idem(1)))).account.id;
  await waitForSyncPasses(key, accountId);
  type Conv = { conversationUrn: string; participants: Array<{ profileUrn: string }> };
  const conversations = await waitFor(`${tag}'s two conversations`, async () => {
    const list: Conv[] = (await get(`/v1/conversations?accountId=${accountId}&count=1`)).conversations;
    const all: Conv[] = (await get(`/v1/conversations?accountId=${accountId}&count=50`)).conversations;
    return all.length >= 2 && list.length === 1 ? all : undefined;
  });
  const cursor: string = (await get(`/v1/conversations?accountId=${accountId}&count=1`)).nextCursor;
  const withContact = conversations.find((c) => c.participants.some((p) => p.profileUrn === urn(people.contacts[0])))!;
  const inbound: Array<{ id: string; messageUrn: string }> = (await get(`/v1/conversations/${encodeURIComponent(withContact.conversationUrn)}/messages?accountId=${accountId}&count=50`)).messages;

  const sent = await write(jsonRequest('POST', '/v1/messages', { accountId, recipientId: urn(people.contacts[0]), text: `${tag} sent through the API` }, idem(2)));
  const sentMessage = await waitFor(`${tag}'s send to complete`, async () => {
    const m = await get(`/v1/messages/${sent.messageId}`);
    return m.status === 'sent' && m.messageUrn ? m : undefined;
  });

  const upload = multipartFile({ filename: `${tag}-notes.txt`, type: 'text/plain', bytes: Buffer.from(`${tag} attachment body`) });
  const attachmentId: string = (await write({ method: 'POST', path: '/v1/attachments', headers: { 'content-type': upload.contentType, 'idempotency-key': idem(3) }, body: upload.body })).attachment.id;
  const webhookId: string = (await write(jsonRequest('POST', '/v1/webhooks', { url: `http://127.0.0.1:9/${tag}-hook`, events: ['campaign.completed'], description: `${tag} webhook` }, idem(4)))).webhook.id;
  const sequenceId: string = (await write(jsonRequest('POST', '/v1/sequences', { name: `${tag} sequence`, steps: [{ type: 'wait', duration: '1h' }, { type: 'typing_and_send', template: `${tag} hello {{firstName|there}}` }] }, idem(5)))).sequence.id;
  await write(jsonRequest('PATCH', `/v1/sequences/${sequenceId}`, { name: `${tag} sequence` }));
  await write(jsonRequest('POST', `/v1/sequences/${sequenceId}/publish`, {}, idem(6)));
  const campaignId: string = (await write(jsonRequest('POST', '/v1/campaigns', { name: `${tag} campaign`, sequenceId, senders: [{ accountId }], workingHours: ALWAYS_OPEN }, idem(7)))).campaign.id;
  const added = await write(jsonRequest('POST', `/v1/campaigns/${campaignId}/leads`, { leads: [{ profile: urn(people.lead), attributes: { firstName: `${tag}Lead` } }] }, idem(8)));
  if (!added.leads?.length) throw new Error(`${tag}: the lead was not added: ${JSON.stringify(added)}`);
  const leadId: string = added.leads[0].id;
  const excluded = urn(profileId(`${tag}Excl`));
  await write(jsonRequest('POST', '/v1/lead-exclusions', { profiles: [excluded], reason: `${tag} asked` }, idem(9)));
  const apiKey = (await write(jsonRequest('POST', '/v1/api-keys', { name: `${tag} second key` }, idem(10)))).apiKey;
  const invitationId: string = (await write(jsonRequest('POST', '/v1/connect', { accountId, profileUrn: urn(people.stranger), customMessage: `${tag} would like to connect` }, idem(11)))).id;

  const pools: IdPools = {
    workspace: [workspaceId],
    account: [accountId],
    // First of each: the thread with the first contact, its messages, and the send into it, so the firsts belong together.
    conversation: [withContact, ...conversations.filter((c) => c !== withContact)].map((c) => c.conversationUrn),
    message: [sent.messageId, ...inbound.map((m) => m.id)],
    messageUrn: [sentMessage.messageUrn, ...inbound.map((m) => m.messageUrn)],
    attachment: [attachmentId],
    webhook: [webhookId],
    sequence: [sequenceId],
    campaign: [campaignId],
    lead: [leadId],
    exclusion: [excluded],
    apiKey: [apiKey.id],
    idempotencyKey: writes.map((r) => r.headers['idempotency-key']).filter((k): k is string => k !== undefined),
    cursor: [cursor],
    invitation: [invitationId],
    member: [...people.contacts, people.lead].map(urn),
  };
  const markers = [tag, ...Object.values(pools).flat(), apiKey.key, apiKey.prefix, urn(people.owner)];
  return { tag, workspaceId, people, key, pools, markers, writes };
}

/** Loads the scenario (replacing the emulator's) and seeds one workspace per tag. */
export async function seedWorkspaces(tags: string[]): Promise<Record<string, SeededWorkspace>> {
  const { scenario, people } = seedScenario(tags);
  await emulator('POST', '/scenario', scenario);
  const seeded: Record<string, SeededWorkspace> = {};
  for (const tag of tags) seeded[tag] = await seedWorkspace(tag, people[tag]!);
  return seeded;
}
