import { CREATE_MESSAGE, SANDBOX, sendBody, startHarness } from '../testing/emulator-harness';
import type { Harness } from '../testing/emulator-harness';

describe('attachments', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('uploads, sends and serves a file with GET and HEAD headers', async () => {
    const alex = h.as(SANDBOX.alex);
    const meta = await alex.post(
      '/voyager/api/voyagerVideoDashMediaUploadMetadata?action=upload',
      { mediaUploadType: 'MESSAGING_FILE_ATTACHMENT', fileSize: 5, filename: 'notes.txt' },
      { accept: 'application/vnd.linkedin.normalized+json+2.1', 'content-type': 'application/json; charset=UTF-8' },
    );
    expect(meta.status).toBe(200);
    const { urn, singleUploadUrl, type } = meta.json.data.value;
    expect(urn).toMatch(/^urn:li:digitalmediaAsset:/);
    expect(type).toBe('SINGLE');
    const put = await fetch(singleUploadUrl, { method: 'PUT', headers: { cookie: alex.account.cookieHeader, 'csrf-token': alex.account.csrfToken, 'content-type': 'text/plain' }, body: 'hello' });
    expect(put.status).toBe(201);
    const body = sendBody(SANDBOX.alex, { hostRecipientUrns: [`urn:li:fsd_profile:${SANDBOX.sarah}`] }, '');
    (body.message as Record<string, unknown>).renderContentUnions = [{ file: { assetUrn: urn, byteSize: 5, mediaType: 'text/plain', name: 'notes.txt' } }];
    expect((await alex.post(CREATE_MESSAGE, body)).status).toBe(200);
    const history = (await alex.graphql('messengerConversations.x', `(mailboxUrn:urn:li:fsd_profile:${SANDBOX.alex})`)).json.data.messengerConversationsBySyncToken.elements[0];
    const file = history.messages.elements[0].renderContent[0].file;
    expect(file).toMatchObject({ assetUrn: urn, byteSize: 5, mediaType: 'text/plain', name: 'notes.txt' });
    const head = await fetch(file.url, { method: 'HEAD', headers: { cookie: alex.account.cookieHeader } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/plain');
    expect(head.headers.get('content-length')).toBe('5');
    expect(head.headers.get('content-disposition')).toBe('inline; filename="notes.txt"');
    expect(await (await fetch(file.url, { headers: { cookie: alex.account.cookieHeader } })).text()).toBe('hello');
    const assetId = urn.split(':').pop();
    expect((await fetch(`${h.url}/media-licdn/dms/${assetId}/file`)).status).toBe(200);
  });

  it('answers a bare 400 when renderContentUnions names an unknown asset', async () => {
    const body = sendBody(SANDBOX.alex, { hostRecipientUrns: [`urn:li:fsd_profile:${SANDBOX.sarah}`] });
    (body.message as Record<string, unknown>).renderContentUnions = [{ file: { assetUrn: 'urn:li:digitalmediaAsset:nope', byteSize: 1, mediaType: 'x', name: 'x' } }];
    expect((await h.as(SANDBOX.alex).post(CREATE_MESSAGE, body)).json).toEqual({ status: 400 });
  });
});
