import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, createWorkspace } from './support/api-client';
import { connectAccount } from './support/accounts';
import { SANDBOX, emulator, received } from './support/emulator-admin';
import { download, uploadFile } from './support/uploads';
import { specEmulatorUrl } from './support/stack-info';

const urn = (id: string) => `urn:li:fsd_profile:${id}`;
/** Sales Navigator addresses members by their sales profile (ACwAA… id). */
const salesUrn = (id: string) => `urn:li:fs_salesProfile:(${id.replace(/^ACoAA/, 'ACwAA')},NAME_SEARCH,e2e)`;

describe('sending: groups, group members, InMail through Sales Navigator, attachments, limits', () => {
  let key: string;
  let alex: string;
  let jordan: string;

  beforeAll(async () => {
    // The sandbox, plus a LinkedIn group shared by Alex and Morgan (not connected) to reach Morgan through it.
    const sandbox = JSON.parse(readFileSync(join(__dirname, '../apps/linkedin-emulator/src/scenarios/sandbox.json'), 'utf8'));
    for (const p of [...sandbox.accounts, ...sandbox.members]) if (p.profileId === SANDBOX.alex || p.profileId === SANDBOX.morgan) p.groups = ['9806731'];
    await emulator('POST', '/scenario', sandbox);
    ({ key } = await createWorkspace());
    alex = await connectAccount(key, SANDBOX.alex);
    jordan = await connectAccount(key, SANDBOX.jordan);
  });

  afterAll(async () => {
    await emulator('POST', '/reset');
  });

  it('starts a group conversation with several recipients and a title', async () => {
    const res = await api('POST', '/v1/messages', { key, body: { recipientIds: [urn(SANDBOX.sarah), urn(SANDBOX.priya)], title: 'Launch crew', text: 'Hi both!' } });
    expect(res.status).toBe(200);
    const last = (await received(SANDBOX.alex)).at(-1)!;
    expect(new Set(last.recipients)).toEqual(new Set([SANDBOX.sarah, SANDBOX.priya]));
  });

  it('reaches a fellow group member who is not a connection with POST /messaging/send-group', async () => {
    const res = await api('POST', '/linkedin/messaging/send-group', { key, body: { accountId: alex, recipientProfileUrn: urn(SANDBOX.morgan), groupId: '9806731', message: 'Hi Morgan, fellow group member here' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'sent', recipientProfileUrn: urn(SANDBOX.morgan) });
  });

  it('answers 403 GROUP_MESSAGE_UNSUPPORTED when LinkedIn refuses the group-member message', async () => {
    const res = await api('POST', '/v1/messaging/send-group', { key, body: { recipientProfileUrn: urn(SANDBOX.david), groupId: '1234', message: 'Hi David' } });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'GROUP_MESSAGE_UNSUPPORTED', field: 'groupId' });
  });

  it('answers 403 RECIPIENT_NOT_REACHABLE for a normal message to a non-connection', async () => {
    const res = await api('POST', '/v1/messages', { key, body: { recipientId: urn(SANDBOX.david), text: 'Hello stranger' } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('RECIPIENT_NOT_REACHABLE');
  });

  it('sends a seat holder\'s normal message through the classic inbox, and an InMail in the hosted shape (member URN or vanity name) to the member\'s Sales Navigator profile', async () => {
    const dm = await api('POST', '/v1/messages', { key, headers: { 'X-Account-Id': jordan }, body: { recipientId: urn(SANDBOX.elena), text: 'Hi Elena' } });
    expect(dm.status).toBe(200);
    expect(dm.body.conversationUrn).toMatch(/^urn:li:msg_conversation:/);
    // The hosted API's body: recipientProfileUrn + message + messageType + subject, at its own path.
    const inmail = await api('POST', '/linkedin/message', { key, headers: { 'X-Account-Id': jordan }, body: { recipientProfileUrn: urn(SANDBOX.tom), messageType: 'inmail', subject: 'Hello', message: 'An InMail' } });
    expect(inmail.status).toBe(200);
    expect(inmail.body).toMatchObject({ success: true, recipientProfileUrn: expect.stringMatching(new RegExp(`^urn:li:fs_salesProfile:\\(${SANDBOX.tom.replace(/^ACoAA/, 'ACwAA')},NAME_SEARCH,`)) });
    expect(inmail.body.conversationUrn).toMatch(/^urn:li:salesNav_thread:/);
    const byVanity = await api('POST', '/linkedin/message', { key, headers: { 'X-Account-Id': jordan }, body: { recipientProfileId: 'priya-patel-emu', messageType: 'inmail', subject: 'Hi Priya', message: 'By vanity name' } });
    expect(byVanity.status).toBe(200);
    expect(byVanity.body.recipientProfileUrn).toMatch(new RegExp(`^urn:li:fs_salesProfile:\\(${SANDBOX.priya.replace(/^ACoAA/, 'ACwAA')},`));
    const log = (await emulator('GET', `/received?account=${SANDBOX.jordan}`)) as { received: { text: string; inmail: boolean; route: string }[] } | { text: string; inmail: boolean; route: string }[];
    const entries = Array.isArray(log) ? log : log.received;
    expect(entries.filter((r) => r.route === 'salesNavCreateMessage' && r.inmail).map((r) => r.text)).toEqual(expect.arrayContaining(['An InMail', 'By vanity name']));
    await emulator('PATCH', `/accounts/${SANDBOX.jordan}`, { inmailCredits: 10 });
  });

  it('routes a Sales Navigator seat through Sales Navigator and spends an InMail credit', async () => {
    const before = await api('GET', `/v1/accounts/${jordan}/status?refresh=true`, { key });
    expect(before.body.linkedinPlan).toMatchObject({ hasSalesNavigator: true, inmailCredits: 10 });
    const res = await api('POST', '/v1/messages', { key, headers: { 'X-Account-Id': jordan }, body: { recipientId: salesUrn(SANDBOX.david), messageType: 'inmail', subject: 'Quick question', text: 'Hi David, an InMail.' } });
    expect(res.status).toBe(200);
    expect(res.body.conversationUrn).toMatch(/^urn:li:salesNav_thread:/);
    expect(res.body.threadId).toBeTruthy();
    expect(res.headers.get('x-ratelimit-action')).toBe('inmail');
    const after = await api('GET', `/v1/accounts/${jordan}/status?refresh=true`, { key });
    expect(after.body.linkedinPlan.inmailCredits).toBe(9);
  });

  it('answers 403 INMAIL_CREDITS_EXHAUSTED when the seat has no credits, and 400 naming subject without one', async () => {
    await emulator('PATCH', `/accounts/${SANDBOX.jordan}`, { inmailCredits: 0 });
    const res = await api('POST', '/v1/messages', { key, headers: { 'X-Account-Id': jordan }, body: { recipientId: salesUrn(SANDBOX.morgan), messageType: 'inmail', subject: 'Hello', text: 'An InMail' } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('INMAIL_CREDITS_EXHAUSTED');
    const refreshed = await api('GET', `/v1/accounts/${jordan}/status?refresh=true`, { key });
    expect(refreshed.body.linkedinPlan.inmailCredits).toBe(0);
    const fast = await api('POST', '/v1/messages', { key, headers: { 'X-Account-Id': jordan }, body: { recipientId: urn(SANDBOX.morgan), messageType: 'inmail', subject: 'Hello', text: 'Again' } });
    expect(fast.status).toBe(403);
    const noSubject = await api('POST', '/v1/messages', { key, headers: { 'X-Account-Id': jordan }, body: { recipientId: urn(SANDBOX.morgan), messageType: 'inmail', text: 'x' } });
    expect(noSubject.status).toBe(400);
    expect(noSubject.body.field).toBe('subject');
  });

  it('refuses InMail for an account without a Sales Navigator seat with 403', async () => {
    const res = await api('POST', '/v1/messages', { key, body: { accountId: alex, recipientId: urn(SANDBOX.david), messageType: 'inmail', subject: 'Hi', text: 'x' } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('INMAIL_UNAVAILABLE');
  });

  it('uploads a file, sends it, and downloads it back from Threadline and through the media proxy', async () => {
    const bytes = new Uint8Array(Buffer.from('%PDF-1.4 threadline attachment round trip'));
    const up = await uploadFile(key, bytes, 'deck.pdf', 'application/pdf');
    expect(up.status).toBe(201);
    const id = up.body.attachment.id;
    const sent = await api('POST', '/v1/messages', { key, body: { accountId: alex, recipientId: urn(SANDBOX.sarah), text: 'The deck', attachments: [id] } });
    expect(sent.status).toBe(200);
    const own = await download(key, `/v1/attachments/${id}/content`);
    expect(own.status).toBe(200);
    expect(Buffer.from(own.bytes).equals(Buffer.from(bytes))).toBe(true);

    const threads = await emulator('GET', `/threads?account=${SANDBOX.alex}`);
    const message = threads.threads.flatMap((t: { messages: unknown[] }) => t.messages).find((m: { text: string }) => m.text === 'The deck');
    // The URL LinkedIn shows in the message (reference §5.9: www.linkedin.com/dms/prv/…, cookies needed).
    const assetId = JSON.stringify(message.renderContent).match(/"assetId":"([^"]+)"/)?.[1];
    expect(assetId).toBeTruthy();
    const url = `${specEmulatorUrl()}/dms/prv/v2/${assetId}/messaging-attachmentFile/0`;
    const proxied = await download(key, `/linkedin/media?url=${encodeURIComponent(url)}`, { 'X-Account-Id': alex });
    expect(proxied.status).toBe(200);
    expect(Buffer.from(proxied.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it('answers 413 above 20 MB and 415 for a type LinkedIn does not take', async () => {
    const big = await uploadFile(key, new Uint8Array(20 * 1024 * 1024 + 10), 'big.pdf', 'application/pdf');
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
    const exe = await uploadFile(key, new Uint8Array([1, 2, 3]), 'tool.exe', 'application/x-msdownload');
    expect(exe.status).toBe(415);
    expect(exe.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('keeps attachments to their workspace (404 for another key, in sends too)', async () => {
    const up = await uploadFile(key, new Uint8Array(Buffer.from('secret')), 'a.txt', 'text/plain');
    const other = await createWorkspace();
    const otherAlex = await connectAccount(other.key, SANDBOX.alex);
    expect((await api('GET', `/v1/attachments/${up.body.attachment.id}`, { key: other.key })).status).toBe(404);
    expect((await download(other.key, `/v1/attachments/${up.body.attachment.id}/content`)).status).toBe(404);
    const send = await api('POST', '/v1/messages', { key: other.key, body: { accountId: otherAlex, recipientId: urn(SANDBOX.sarah), text: 'x', attachments: [up.body.attachment.id] } });
    expect(send.status).toBe(404);
    expect(send.body.field).toBe('attachments');
  });

  it('answers 429 with Retry-After while the account is paused, and when the daily cap is used', async () => {
    const until = new Date(Date.now() + 3_600_000).toISOString();
    expect((await api('PATCH', `/v1/accounts/${alex}`, { key, body: { holdUntil: until } })).status).toBe(200);
    const held = await api('POST', '/v1/messages', { key, body: { accountId: alex, recipientId: urn(SANDBOX.sarah), text: 'held' } });
    expect(held.status).toBe(429);
    expect(held.body.code).toBe('ACCOUNT_ON_HOLD');
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(3500);
    await api('PATCH', `/v1/accounts/${alex}`, { key, body: { holdUntil: null, dailyMessageCap: 1 } });
    const capped = await api('POST', '/v1/messages', { key, body: { accountId: alex, recipientId: urn(SANDBOX.sarah), text: 'over the cap' } });
    expect(capped.status).toBe(429);
    expect(capped.body.code).toBe('QUOTA_EXCEEDED');
    expect(Number(capped.headers.get('retry-after'))).toBeGreaterThan(0);
    // The refusal carries the same X-RateLimit-* headers as a send that spends quota.
    expect({
      action: capped.headers.get('x-ratelimit-action'),
      limit: capped.headers.get('x-ratelimit-limit'),
      remaining: capped.headers.get('x-ratelimit-remaining'),
    }).toEqual({ action: 'message', limit: '1', remaining: '0' });
    expect(Date.parse(capped.headers.get('x-ratelimit-reset') ?? '')).toBeGreaterThan(Date.now());
    await api('PATCH', `/v1/accounts/${alex}`, { key, body: { dailyMessageCap: null } });
  });

  it('rate-limits an API key with 429 and Retry-After', async () => {
    const limited = await api('POST', '/v1/api-keys', { key, body: { name: 'tiny', rateLimitPerMinute: 2 } });
    const tiny = limited.body.apiKey.key;
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push(await api('GET', '/v1/accounts', { key: tiny }));
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(statuses[2]!.body.code).toBe('API_RATE_LIMITED');
    expect(Number(statuses[2]!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('reports messages, InMails and API calls per account and day in GET /v1/usage', async () => {
    const res = await api('GET', '/v1/usage', { key });
    expect(res.status).toBe(200);
    // Inbox sync also brings in older history, so look at today's row.
    const today = new Date().toISOString().slice(0, 10);
    const alexDay = res.body.days.find((d: { accountId: string | null; day: string }) => d.accountId === alex && d.day === today);
    const jordanDay = res.body.days.find((d: { accountId: string | null; day: string }) => d.accountId === jordan && d.day === today);
    expect(alexDay.messages).toBeGreaterThanOrEqual(3);
    // Two hosted-shape InMails (member URN, vanity name) and one to a Sales Navigator URN.
    expect(jordanDay.inmails).toBe(3);
    expect(res.body.totals.apiCalls).toBeGreaterThan(10);
    const other = await createWorkspace();
    const theirs = await api('GET', '/v1/usage', { key: other.key });
    // Another workspace sees only its own (the count of this very call may land after the answer).
    expect(theirs.body.totals).toMatchObject({ messages: 0, inmails: 0 });
    expect(theirs.body.totals.apiCalls).toBeLessThanOrEqual(1);
  });
});
