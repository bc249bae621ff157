import { routeCounts } from './support/accounts';
import { api } from './support/api-client';
import { received, SANDBOX } from './support/emulator-admin';
import { closeTemporalClient, loadScenarioWithMembers, type Member, publishedSequence, resetEmulator, runCampaign, waitForSent, workspaceWithAlex } from './support/sequences';
import { stackInfo } from './support/stack-info';
import { download, uploadFile } from './support/uploads';
import { waitFor } from './support/wait-for';

jest.setTimeout(120_000);

const sarah = `urn:li:fsd_profile:${SANDBOX.sarah}`;
// The LinkedIn calls a send (or a typing indicator) makes; the inbox sync's background reads are left out.
const SEND_ROUTES = ['createMessage', 'profiles', 'typing', 'salesNavCreateMessage'];

describe('bad input is refused at the edge, before it costs anything (issue 14, defects 9 and 10)', () => {
  let key: string;
  let alexId: string;
  let members: Member[];

  beforeAll(async () => {
    members = await loadScenarioWithMembers(2);
    ({ key, alexId } = await workspaceWithAlex());
  });

  afterAll(async () => {
    await closeTemporalClient();
    await resetEmulator();
  });

  const sendCalls = async () => {
    const counts = await routeCounts(SANDBOX.alex);
    return Object.fromEntries(SEND_ROUTES.map((r) => [r, counts[r] ?? 0]));
  };
  const messagesUsed = async () => (await api('GET', `/v1/accounts/${alexId}/status`, { key })).body.quota.messages.used as number;

  it('answers 400 naming the field for a garbage, multi-line or placeholder recipient, and neither LinkedIn nor the quota sees it', async () => {
    const callsBefore = await sendCalls();
    const receivedBefore = (await received(SANDBOX.alex)).length;
    const usedBefore = await messagesUsed();

    const bad: Array<[string, Record<string, unknown>, string]> = [
      ['/v1/messages', { recipientId: 'urn:li:person:ACoAA...', text: 'Hi' }, 'recipientId'],
      ['/v1/messages', { recipientId: `${sarah}\n`, text: 'Hi' }, 'recipientId'],
      ['/v1/messages', { recipientId: 'sarah\nchen', text: 'Hi' }, 'recipientId'],
      ['/v1/messages', { recipientId: 'javascript:alert(1)', text: 'Hi' }, 'recipientId'],
      ['/v1/messages', { recipientIds: [sarah, 'ACoAA...'], text: 'Hi both' }, 'recipientIds'],
      ['/v1/messages', { conversationUrn: 'urn:li:msg_conversation:(urn:li:fsd_profile:ACoAA…,2-…)', text: 'Hi' }, 'conversationUrn'],
      ['/linkedin/messaging/send', { accountId: alexId, recipientProfileUrn: 'urn:li:fsd_profile:ACoAA...', message: 'Hi' }, 'recipientProfileUrn'],
      ['/linkedin/message', { accountId: alexId, recipientProfileId: '👋 sarah', message: 'Hi' }, 'recipientProfileId'],
      ['/v1/messaging/typing-indicator', { conversationUrn: 'urn:li:msg_conversation:(urn:li:fsd_profile:ACoAA...,2-abc)' }, 'conversationUrn'],
    ];
    for (const [path, body, field] of bad) {
      const res = await api('POST', path, { key, headers: { 'X-Account-Id': alexId }, body });
      expect([path, body, res.status, res.body.code, res.body.field]).toEqual([path, body, 400, 'VALIDATION_FAILED', field]);
      expect(res.body.error).toMatch(new RegExp(`^${field}: `));
    }

    // A good send afterwards lands; had a bad one gone out, the counts below would be off by more than this one.
    const good = await api('POST', '/v1/messages', { key, headers: { 'X-Account-Id': alexId }, body: { recipientId: sarah, text: 'The one real message' } });
    expect(good.status).toBe(200);
    expect(await sendCalls()).toEqual({ ...callsBefore, createMessage: callsBefore.createMessage! + 1 });
    const log = await received(SANDBOX.alex);
    expect(log.slice(receivedBefore).map((m) => m.text)).toEqual(['The one real message']);
    await waitFor('the real message to count against the quota', async () => (await messagesUsed()) > usedBefore || undefined);
    expect(await messagesUsed()).toBe(usedBefore + 1);
  });

  it('renders the fallback for a variable every object inherits ({{constructor}}), in the preview and in the message a lead gets', async () => {
    const steps = [{ id: 'hello', type: 'typing_and_send', typing: false, template: 'Hi {{constructor|there}}, {{firstName.length|friend}}: {{toString|no code here}}.' }];
    const sequenceId = await publishedSequence(key, steps);
    const preview = (await api('POST', `/v1/sequences/${sequenceId}/preview`, { key, body: { attributes: { firstName: 'Ada' } } })).body.preview;
    expect(preview.steps[0].messages[0]).toMatchObject({ text: 'Hi there, friend: no code here.', missingVariables: [], problem: null });

    const lead = members[0]!;
    await runCampaign(key, steps, [{ profile: lead.urn, attributes: { firstName: 'Ada' } }], { senders: [alexId] });
    const [sent] = await waitForSent(lead, 1);
    expect(sent!.text).toBe('Hi there, friend: no code here.');
  });

  it('answers 400 naming leads[i].profile for a bad lead profile, in JSON and in CSV, and adds no lead', async () => {
    const sequenceId = await publishedSequence(key, [{ type: 'typing_and_send', template: 'Hi.' }]);
    const campaignId = (await api('POST', '/v1/campaigns', { key, body: { name: 'bad leads', sequenceId, senders: [{ accountId: alexId }] } })).body.campaign.id as string;
    const good = members[1]!.urn;

    for (const [index, profile] of ['javascript:alert(1)', '👋', '   ', 'https://example.com/in/sarah-chen', 'https://www.linkedin.com/company/acme', 'urn:li:person:ACoAA...'].entries()) {
      const leads = [{ profile: good }, ...Array.from({ length: index }, () => ({ profile: good })), { profile }];
      const res = await api('POST', `/v1/campaigns/${campaignId}/leads`, { key, body: { leads } });
      expect([profile, res.status, res.body.code, res.body.field]).toEqual([profile, 400, 'VALIDATION_FAILED', `leads[${index + 1}].profile`]);
    }

    const form = new FormData();
    form.append('file', new Blob([`profileUrl,firstName\n${good},Ok\n,Blank row is skipped\n"javascript:alert(1)",Eve\n`], { type: 'text/csv' }), 'leads.csv');
    const csv = await fetch(`${stackInfo().apiUrl}/v1/campaigns/${campaignId}/leads/csv`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: form });
    const body = (await csv.json()) as { code: string; field: string; error: string };
    expect([csv.status, body.code, body.field]).toEqual([400, 'VALIDATION_FAILED', 'leads[2].profile']);
    expect(body.error).toContain('line 4');

    expect((await api('GET', `/v1/campaigns/${campaignId}/leads`, { key })).body.leads).toEqual([]);
  });

  it('keeps a UTF-8 filename as sent (résumé.txt), in the answer and the download', async () => {
    const up = await uploadFile(key, new TextEncoder().encode('My CV'), 'résumé.txt', 'text/plain');
    expect(up.status).toBe(201);
    expect(up.body.attachment.filename).toBe('résumé.txt');
    expect((await api('GET', `/v1/attachments/${up.body.attachment.id}`, { key })).body.attachment.filename).toBe('résumé.txt');
    const file = await download(key, `/v1/attachments/${up.body.attachment.id}/content`);
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('résumé.txt')}`);
  });

  it('answers 415 naming the file for a Windows executable declared as image/png, and stores nothing', async () => {
    const before = (await api('GET', '/v1/attachments', { key })).body.attachments.length as number;
    const exe = Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00]);
    const res = await uploadFile(key, exe, 'cat.png', 'image/png');
    expect([res.status, res.body.code, res.body.field]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE', 'file']);
    expect(res.body.error).toContain('executable');
    expect((await api('GET', '/v1/attachments', { key })).body.attachments).toHaveLength(before);
  });
});
