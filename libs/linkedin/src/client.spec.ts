import { LinkedInClient } from './client';
import { LinkedInError } from './linkedin-error';
import type { LinkedInSession } from './session';
import { isValidTrackingId } from './tracking-id';
import { conversationUrn, parseRestliRecord, rawQueryParam } from './wire';

const OWNER = 'urn:li:fsd_profile:ACoAAOwner00000000000000000000000000000';
const OTHER = 'urn:li:fsd_profile:ACoAAOther00000000000000000000000000000';
const session: LinkedInSession = { liAt: 'li-at-secret', jsessionId: '"ajax:42"', userAgent: 'UA/1.0' };

interface Call {
  url: URL;
  init: RequestInit;
  headers: Record<string, string>;
}

function mockFetch(answer: (call: Call, index: number) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetchImpl = jest.fn(async (input: string, init: RequestInit) => {
    const call = { url: new URL(input), init, headers: init.headers as Record<string, string> };
    calls.push(call);
    return answer(call, calls.length - 1);
  });
  return { calls, fetchImpl };
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

function client(fetchImpl: ReturnType<typeof mockFetch>['fetchImpl'], extra: Partial<ConstructorParameters<typeof LinkedInClient>[0]> = {}) {
  return new LinkedInClient({ baseUrl: 'https://li.test', session, fetchImpl, mailboxUrn: OWNER, ...extra });
}

function conversation(i: number) {
  return { entityUrn: conversationUrn(OWNER, `2-c${i}`), backendUrn: `urn:li:messagingThread:2-c${i}`, lastActivityAt: 1000 - i, groupChat: false, conversationParticipants: [] };
}

function variablesOf(call: Call) {
  return parseRestliRecord(rawQueryParam(call.url.search, 'variables') ?? '');
}

describe('LinkedInClient.listConversations', () => {
  it('does split a count above 20 into pages of at most 20 when following nextCursor', async () => {
    const { calls, fetchImpl } = mockFetch((call, index) => {
      const count = Number(variablesOf(call).count);
      const elements = Array.from({ length: count }, (_, i) => conversation(index * 20 + i));
      return json({ data: { messengerConversationsByCategoryQuery: { elements, metadata: { nextCursor: `cursor-${index + 1}` } } } });
    });
    const result = await client(fetchImpl).listConversations({ count: 45, lastUpdatedBefore: 5000 });
    expect(calls.map((c) => Number(variablesOf(c).count))).toEqual([20, 20, 5]);
    expect(variablesOf(calls[0]).lastUpdatedBefore).toBe('5000');
    expect(variablesOf(calls[1]).nextCursor).toBe('cursor-1');
    expect(variablesOf(calls[1]).lastUpdatedBefore).toBeUndefined();
    expect(result.conversations).toHaveLength(45);
    expect(result.nextCursor).toBe('cursor-3');
    expect(calls[0].url.searchParams.get('queryId')).toMatch(/^messengerConversations\./);
  });

  it('does stop paging when LinkedIn returns no nextCursor', async () => {
    const { calls, fetchImpl } = mockFetch(() => json({ data: { messengerConversationsByCategoryQuery: { elements: [conversation(1)], metadata: {} } } }));
    const result = await client(fetchImpl).listConversations({ count: 100 });
    expect(calls).toHaveLength(1);
    expect(result.nextCursor).toBeUndefined();
  });

  it('does run a delta sync and flatten deletedUrns objects when given a syncToken', async () => {
    const { calls, fetchImpl } = mockFetch(() =>
      json({
        data: {
          messengerConversationsBySyncToken: {
            elements: [conversation(1)],
            metadata: { newSyncToken: 'tok-2', deletedUrns: [{ conversation: { entityUrn: 'urn:li:msg_conversation:(x,2-d)' } }] },
          },
        },
      }),
    );
    const result = await client(fetchImpl).listConversations({ syncToken: 'tok-1' });
    expect(variablesOf(calls[0])).toEqual({ mailboxUrn: OWNER, syncToken: 'tok-1' });
    expect(result.newSyncToken).toBe('tok-2');
    expect(result.deletedConversationUrns).toEqual(['urn:li:msg_conversation:(x,2-d)']);
  });
});

describe('LinkedInClient.sendMessage', () => {
  const sent = { value: { entityUrn: 'urn:li:msg_message:(a,2-m)', backendUrn: 'urn:li:messagingMessage:2-m', conversationUrn: 'c', backendConversationUrn: 'b', deliveredAt: 7, originToken: 'o-1' } };

  it('does post createMessage as text/plain without accept when sending into a conversation', async () => {
    const { calls, fetchImpl } = mockFetch(() => json(sent));
    const conv = conversationUrn(OWNER, '2-abc');
    const result = await client(fetchImpl).sendMessage({ conversationUrn: conv, text: 'Hello', originToken: 'o-1' });
    const call = calls[0];
    expect(call.url.pathname).toBe('/voyager/api/voyagerMessagingDashMessengerMessages');
    expect(call.url.search).toBe('?action=createMessage');
    expect(call.headers.accept).toBeUndefined();
    expect(call.headers['content-type']).toBe('text/plain;charset=UTF-8');
    expect(call.headers['csrf-token']).toBe('ajax:42');
    expect(call.headers.cookie).toBe('li_at=li-at-secret; JSESSIONID="ajax:42"');
    expect(call.init.redirect).toBe('manual');
    const body = JSON.parse(call.init.body as string);
    expect(body).toMatchObject({
      message: { body: { text: 'Hello' }, conversationUrn: conv, originToken: 'o-1' },
      mailboxUrn: OWNER,
      dedupeByClientGeneratedToken: false,
    });
    expect(body.hostRecipientUrns).toBeUndefined();
    expect(isValidTrackingId(body.trackingId)).toBe(true);
    expect(result).toEqual({ entityUrn: 'urn:li:msg_message:(a,2-m)', backendUrn: 'urn:li:messagingMessage:2-m', conversationUrn: 'c', backendConversationUrn: 'b', deliveredAt: 7, originToken: 'o-1' });
  });

  it('does use hostRecipientUrns and a title when starting a group', async () => {
    const { calls, fetchImpl } = mockFetch(() => json(sent));
    await client(fetchImpl).sendMessage({ recipientUrns: [OTHER, OWNER.replace('Owner', 'Third')], text: 'Hi', originToken: 'o-1', title: 'Team' });
    const body = JSON.parse(calls[0].init.body as string);
    expect(body.hostRecipientUrns).toHaveLength(2);
    expect(body.conversationTitle).toBe('Team');
    expect(body.message.conversationUrn).toBeUndefined();
  });

  it('does mint a fresh trackingId per call when none is given', async () => {
    const { calls, fetchImpl } = mockFetch(() => json(sent));
    const c = client(fetchImpl);
    await c.sendMessage({ recipientUrns: [OTHER], text: 'a', originToken: 'o-1' });
    await c.sendMessage({ recipientUrns: [OTHER], text: 'a', originToken: 'o-2' });
    const ids = calls.map((call) => JSON.parse(call.init.body as string).trackingId as string);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('does refuse to send when the originToken is missing', async () => {
    const { calls, fetchImpl } = mockFetch(() => json(sent));
    await expect(client(fetchImpl).sendMessage({ recipientUrns: [OTHER], text: 'a', originToken: '' })).rejects.toMatchObject({ code: 'invalid_request' });
    expect(calls).toHaveLength(0);
  });

  it('does not retry a write when LinkedIn answers 503', async () => {
    const { calls, fetchImpl } = mockFetch(() => new Response('busy', { status: 503 }));
    await expect(client(fetchImpl).sendMessage({ recipientUrns: [OTHER], text: 'a', originToken: 'o' })).rejects.toMatchObject({ code: 'temporary', status: 503 });
    expect(calls).toHaveLength(1);
  });
});

describe('LinkedInClient transport', () => {
  // Temporal retries the activity (up to 8 attempts): a retry here too would try a read 3 × 8 = 24 times.
  it.each([
    ['a 503', () => Promise.resolve(new Response('', { status: 503 })), { code: 'temporary', status: 503 }],
    ['a 502', () => Promise.resolve(new Response('', { status: 502 })), { code: 'temporary', status: 502 }],
    ['a network error', () => Promise.reject(new TypeError('fetch failed')), { code: 'temporary', reason: 'network' }],
  ])('does send a read once and fail with temporary on %s, leaving the retry to the caller', async (_, answer, expected) => {
    const { calls, fetchImpl } = mockFetch(answer);
    await expect(client(fetchImpl).getConversation(conversationUrn(OWNER, '2-c1'))).rejects.toMatchObject(expected);
    expect(calls).toHaveLength(1);
  });

  it('does answer a read retried by the caller after a 503', async () => {
    const { calls, fetchImpl } = mockFetch((_, index) => (index === 0 ? new Response('', { status: 503 }) : json({ data: { messengerConversationsByIds: [conversation(1)] } })));
    const c = client(fetchImpl);
    await expect(c.getConversation(conversationUrn(OWNER, '2-c1'))).rejects.toMatchObject({ code: 'temporary' });
    await expect(c.getConversation(conversationUrn(OWNER, '2-c1'))).resolves.toMatchObject({ entityUrn: conversationUrn(OWNER, '2-c1') });
    expect(calls).toHaveLength(2);
  });

  it('does surface a redirect to login as auth_expired without following it', async () => {
    const { calls, fetchImpl } = mockFetch(() => new Response(null, { status: 302, headers: { location: 'https://li.test/uas/login?session_redirect=x' } }));
    const error = await client(fetchImpl).getConversation('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinkedInError);
    expect((error as LinkedInError).code).toBe('auth_expired');
    expect(calls).toHaveLength(1);
  });

  it('does turn a GraphQL error in a 200 into a LinkedInError', async () => {
    const { fetchImpl } = mockFetch(() => json({ errors: [{ message: 'x', extensions: { classification: 'SDK_BUSINESS_LOGIC' } }] }));
    await expect(client(fetchImpl).listConversations({ count: 5 })).rejects.toMatchObject({ code: 'invalid_request', reason: 'page_too_large' });
  });

  it('does time out as temporary when LinkedIn does not answer', async () => {
    const fetchImpl = jest.fn((_: string, init: RequestInit) => new Promise<Response>((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason))));
    await expect(client(fetchImpl, { timeoutMs: 20 }).getConversation('x')).rejects.toMatchObject({ code: 'temporary', reason: 'timeout' });
  });

  it('does send no cookies or csrf when downloading from another host', async () => {
    const { calls, fetchImpl } = mockFetch(() => new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': 'image/png', 'content-disposition': 'inline; filename="a.png"' } }));
    const c = client(fetchImpl);
    const media = await c.downloadAttachment('https://media.licdn.com/dms/image/x');
    expect(calls[0].headers.cookie).toBeUndefined();
    expect(calls[0].headers['csrf-token']).toBeUndefined();
    expect(media).toEqual({ bytes: new Uint8Array([1, 2, 3]), contentType: 'image/png', filename: 'a.png' });
    await c.downloadAttachment('https://li.test/dms/prv/x');
    expect(calls[1].headers.cookie).toContain('li_at=');
    expect(calls[1].headers['csrf-token']).toBeUndefined();
  });
});

describe('LinkedInClient reads', () => {
  it('does resolve a vanity profile URL through the identity dash profiles call', async () => {
    const { calls, fetchImpl } = mockFetch(() => json({ elements: [{ entityUrn: OTHER }] }));
    await expect(client(fetchImpl).resolveRecipient('https://www.linkedin.com/in/jane-doe/')).resolves.toBe(OTHER);
    expect(calls[0].url.pathname).toBe('/voyager/api/identity/dash/profiles');
    expect(calls[0].url.searchParams.get('q')).toBe('memberIdentity');
    expect(calls[0].url.searchParams.get('memberIdentity')).toBe('jane-doe');
  });

  it('does convert profile URNs and bare ids without any call', async () => {
    const { calls, fetchImpl } = mockFetch(() => json({}));
    const c = client(fetchImpl);
    const id = 'ACoAAOther00000000000000000000000000000';
    await expect(c.resolveRecipient(`urn:li:fs_miniProfile:${id}`)).resolves.toBe(OTHER);
    await expect(c.resolveRecipient(id)).resolves.toBe(OTHER);
    await expect(c.resolveRecipient(OTHER)).resolves.toBe(OTHER);
    expect(calls).toHaveLength(0);
  });

  it('does report not_found when no profile matches a vanity name', async () => {
    const { fetchImpl } = mockFetch(() => json({ elements: [] }));
    await expect(client(fetchImpl).resolveRecipient('nobody-here')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('does return only a 1:1 conversation when looking one up by recipient', async () => {
    const participant = (urn: string) => ({ entityUrn: `urn:li:msg_messagingParticipant:${urn}`, hostIdentityUrn: urn, participantType: {} });
    const group = { ...conversation(1), groupChat: true, conversationParticipants: [participant(OWNER), participant(OTHER)] };
    const direct = { ...conversation(2), conversationParticipants: [participant(OWNER), participant(OTHER)] };
    const { calls, fetchImpl } = mockFetch(() => json({ data: { messengerConversationsByRecipients: { elements: [group, direct] } } }));
    const found = await client(fetchImpl).findConversationByRecipient(OTHER);
    expect(found?.entityUrn).toBe(direct.entityUrn);
    expect(variablesOf(calls[0])).toEqual({ mailboxUrn: OWNER, recipients: [OTHER] });
  });

  it('does read /me once for the mailbox URN when none was configured', async () => {
    const { calls, fetchImpl } = mockFetch((call) =>
      call.url.pathname === '/voyager/api/me'
        ? json({ miniProfile: { firstName: 'A', lastName: 'B', publicIdentifier: 'ab', entityUrn: 'urn:li:fs_miniProfile:ACoAAOwner00000000000000000000000000000' } })
        : json({ data: { messengerConversationsBySyncToken: { elements: [], metadata: { newSyncToken: 't' } } } }),
    );
    const c = new LinkedInClient({ baseUrl: 'https://li.test', session, fetchImpl });
    await c.syncConversations();
    await c.syncConversations('t');
    expect(calls.filter((call) => call.url.pathname === '/voyager/api/me')).toHaveLength(1);
    expect(calls[0].headers['x-restli-protocol-version']).toBeUndefined();
    expect(variablesOf(calls[1]).mailboxUrn).toBe(OWNER);
  });

  it('does find our own message by originToken when reading back', async () => {
    const message = (token: string, at: number) => ({ entityUrn: `m-${token}`, deliveredAt: at, originToken: token });
    const { fetchImpl } = mockFetch(() =>
      json({ data: { messengerMessagesByAnchorTimestamp: { elements: [message('a', 1), message('b', 2)], metadata: { prevCursor: 'p' } } } }),
    );
    const c = client(fetchImpl);
    await expect(c.findMessageByOriginToken('conv', 'b')).resolves.toMatchObject({ entityUrn: 'm-b' });
    await expect(c.findMessageByOriginToken('conv', 'zzz')).resolves.toBeNull();
    const page = await c.getMessages({ conversationUrn: 'conv' });
    expect(page.messages.map((m) => m.entityUrn)).toEqual(['m-b', 'm-a']);
  });
});

describe('LinkedInClient write actions', () => {
  it('does mark read with a raw ids List and plain URN entity keys', async () => {
    const conv = conversationUrn(OWNER, '2-abc');
    const { calls, fetchImpl } = mockFetch(() => json({ results: { [conv]: { status: 204 } }, errors: {} }));
    await client(fetchImpl).markRead([conv], true);
    expect(calls[0].url.search).toBe(`?ids=List(${encodeURIComponent(conv).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'))})`);
    expect(JSON.parse(calls[0].init.body as string)).toEqual({ entities: { [conv]: { patch: { $set: { read: true } } } } });
  });

  it('does fail with not_found when the batch answer lists the conversation under errors with status 404', async () => {
    const conv = conversationUrn(OWNER, '2-gone');
    const { fetchImpl } = mockFetch(() => json({ results: {}, errors: { [conv]: { status: 404, message: 'conversation not found' } } }));
    await expect(client(fetchImpl).markRead([conv], true)).rejects.toMatchObject({ code: 'not_found', status: 404 });
  });

  it('does fail with forbidden, not restricted, when the batch answer lists the conversation under errors with status 403', async () => {
    const conv = conversationUrn(OWNER, '2-theirs');
    const { fetchImpl } = mockFetch(() => json({ results: {}, errors: { [conv]: { status: 403, message: 'not in this mailbox' } } }));
    await expect(client(fetchImpl).markRead([conv], true)).rejects.toMatchObject({ code: 'forbidden', status: 403 });
  });

  it('does refuse InMail with invalid_request when the account has no li_a', async () => {
    const { calls, fetchImpl } = mockFetch(() => json({}));
    await expect(client(fetchImpl).sendInmail({ profileUrn: OTHER, subject: 's', body: 'b' })).rejects.toMatchObject({
      code: 'invalid_request',
      reason: 'sales_navigator_required',
    });
    expect(calls).toHaveLength(0);
  });

  it('does send li_a and a createMessageRequest when sending an InMail through Sales Navigator', async () => {
    const { calls, fetchImpl } = mockFetch(() => json({ value: { messageId: 'm1', threadId: 't1' } }));
    const c = client(fetchImpl, { session: { ...session, liA: 'sales-cookie' } });
    await expect(c.sendInmail({ recipientSalesProfileUrn: 'urn:li:fs_salesProfile:(ACwAA1,NAME_SEARCH,x)', subject: 'Hi', body: 'Body' })).resolves.toEqual({ messageId: 'm1', threadId: 't1' });
    expect(calls[0].url.pathname).toBe('/sales-api/salesApiMessageActions');
    expect(calls[0].headers.cookie).toContain('li_a=sales-cookie');
    const body = JSON.parse(calls[0].init.body as string);
    expect(body.createMessageRequest).toMatchObject({ subject: 'Hi', body: 'Body', recipients: ['urn:li:fs_salesProfile:(ACwAA1,NAME_SEARCH,x)'], copyToCrm: false });
  });

  it('does upload metadata, PUT the bytes, and return the asset', async () => {
    const { calls, fetchImpl } = mockFetch((call) =>
      call.url.pathname.endsWith('MediaUploadMetadata')
        ? json({ data: { value: { urn: 'urn:li:digitalmediaAsset:1', singleUploadUrl: 'https://li.test/dms-uploads/1', type: 'SINGLE' } } })
        : new Response(null, { status: 201 }),
    );
    const asset = await client(fetchImpl).uploadAttachment({ filename: 'a.pdf', mimeType: 'application/pdf', bytes: new Uint8Array(10) });
    expect(JSON.parse(calls[0].init.body as string)).toEqual({ mediaUploadType: 'MESSAGING_FILE_ATTACHMENT', fileSize: 10, filename: 'a.pdf' });
    expect(calls[1].init.method).toBe('PUT');
    expect(calls[1].headers['content-type']).toBe('application/pdf');
    expect(calls[1].headers['x-li-track']).toBeUndefined();
    expect(asset).toMatchObject({ assetUrn: 'urn:li:digitalmediaAsset:1', byteSize: 10, kind: 'file' });
  });
});
