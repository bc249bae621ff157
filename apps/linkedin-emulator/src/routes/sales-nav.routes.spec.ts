import { SANDBOX, startHarness } from '../testing/emulator-harness';
import type { Harness } from '../testing/emulator-harness';

const salesUrn = (profileId: string): string => `urn:li:fs_salesProfile:(${profileId.replace(/^ACoAA/, 'ACwAA')},NAME_SEARCH,abc1)`;
const SEND = '/sales-api/salesApiMessageActions?action=createMessage';
const CREDITS = '/sales-api/salesApiCredits?q=findCreditGrant&creditGrantType=LSS_INMAIL';

describe('Sales Navigator', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  const inmail = (to: string, subject = 'Quick question') => ({
    createMessageRequest: { body: 'Hello from Sales Navigator', subject, recipients: [salesUrn(to)], copyToCrm: false, trackingId: 'abcdefghijklmnop' },
  });

  it('spends one credit and creates a PENDING INMAIL thread when an InMail is sent to a non-connection', async () => {
    const jordan = h.as(SANDBOX.jordan);
    expect((await jordan.get(CREDITS)).json.elements[0]).toMatchObject({ creditGrantType: 'LSS_INMAIL', value: 10 });
    const res = await jordan.post(SEND, inmail(SANDBOX.morgan));
    expect(res.status).toBe(200);
    expect(res.json.value).toEqual({ messageId: expect.stringMatching(/^2-/), threadId: expect.stringMatching(/^2-/) });
    expect((await jordan.get(CREDITS)).json.elements[0].value).toBe(9);
    const thread = (await jordan.get(`/sales-api/salesApiMessagingThreads/${encodeURIComponent(res.json.value.threadId)}?count=1&messageCount=10`)).json;
    expect(thread.messages[0]).toMatchObject({ type: 'INMAIL', subject: 'Quick question', body: 'Hello from Sales Navigator', author: expect.stringMatching(/^urn:li:fs_salesProfile:\(ACwAA/) });
    const flagship = (await h.admin('GET', `/threads?account=${SANDBOX.jordan}`)).json.threads.find((t: { id: string }) => t.id === res.json.value.threadId);
    expect(flagship).toMatchObject({ inmail: true, state: 'PENDING' });
    const received = (await h.admin('GET', `/received?account=${SANDBOX.jordan}`)).json.received;
    expect(received[0]).toMatchObject({ route: 'salesNavCreateMessage', inmail: true, subject: 'Quick question', recipients: [SANDBOX.morgan] });
  });

  it('answers MESSAGE_VALIDATION_PLUGIN_ERROR when the InMail credits are used up', async () => {
    await h.admin('PATCH', `/accounts/${SANDBOX.jordan}`, { inmailCredits: 1 });
    const jordan = h.as(SANDBOX.jordan);
    expect((await jordan.post(SEND, inmail(SANDBOX.morgan))).status).toBe(200);
    const res = await jordan.post(SEND, inmail(SANDBOX.david));
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 'MESSAGE_VALIDATION_PLUGIN_ERROR', message: expect.stringMatching(/credits/) });
    expect((await jordan.get(CREDITS)).json.elements[0].value).toBe(0);
  });

  it('refuses a second InMail to someone who has not replied', async () => {
    const jordan = h.as(SANDBOX.jordan);
    await jordan.post(SEND, inmail(SANDBOX.morgan));
    const res = await jordan.post(SEND, inmail(SANDBOX.morgan));
    expect(res.json.code).toBe('MESSAGE_VALIDATION_PLUGIN_ERROR');
    expect((await jordan.get(CREDITS)).json.elements[0].value).toBe(9);
  });

  it('sends without spending a credit when the recipient is a 1st-degree connection', async () => {
    const jordan = h.as(SANDBOX.jordan);
    const res = await jordan.post(SEND, { createMessageRequest: { body: 'hi Elena', recipients: [salesUrn(SANDBOX.elena)], copyToCrm: false, trackingId: 'abcdefghijklmnop' } });
    expect(res.status).toBe(200);
    expect((await jordan.get(CREDITS)).json.elements[0].value).toBe(10);
  });

  it('lists threads with pageStartsAt and marks them read and unread', async () => {
    const jordan = h.as(SANDBOX.jordan);
    const sent = (await jordan.post(SEND, inmail(SANDBOX.morgan))).json.value;
    await h.admin('POST', `/members/${SANDBOX.morgan}/reply`, { accountProfileId: SANDBOX.jordan, text: 'Sure, tell me more' });
    const list = await jordan.get(`/sales-api/salesApiMessagingThreads?count=20&filter=INBOX&pageStartsAt=${Date.now() + 1000}&q=filter`);
    expect(list.json.elements[0]).toMatchObject({ id: sent.threadId, unreadMessageCount: 1, archived: false, totalMessageCount: 2 });
    expect(list.json.elements[0].participantsResolutionResults[salesUrn(SANDBOX.morgan).replace('abc1', 'emu')].fullName).toBe('Morgan Taylor');
    const id = sent.threadId.replace(/=/g, '%3D');
    expect((await jordan.post(`/sales-api/salesApiMessagingThreads/${id}?action=markAsRead`)).status).toBe(200);
    expect((await jordan.get(`/sales-api/salesApiMessagingThreads?filter=INBOX&pageStartsAt=${Date.now() + 1000}&q=filter`)).json.elements[0].unreadMessageCount).toBe(0);
    // A reply accepts the InMail and returns the credit.
    expect((await jordan.get(CREDITS)).json.elements[0].value).toBe(10);
  });

  it('answers 400 when pageStartsAt is missing', async () => {
    expect((await h.as(SANDBOX.jordan).get('/sales-api/salesApiMessagingThreads?q=filter&filter=INBOX')).status).toBe(400);
  });
});
