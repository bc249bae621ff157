// Contract: every failure LinkedIn (emulated) answers maps to the client's closed set of LinkedInError codes.
import type { LinkedInClient, LinkedInSession, RealtimeEvent } from '@threadline/linkedin';
import { ANSWER_FIELDS, DEFAULT_QUERY_IDS } from '@threadline/linkedin/wire';
import {
  SANDBOX,
  admin,
  clientFor,
  conversationWith,
  expectLinkedInError,
  fakeProfileId,
  lowLevelGraphql,
  raw,
  received,
  requestCounts,
  sessionOf,
  startEmulator,
  tamperCsrf,
  urnOf,
  type EmulatorServer,
} from './support/linkedin-contract';

const ALEX = urnOf(SANDBOX.alex);

describe('LinkedInClient contract: error paths', () => {
  let emu: EmulatorServer;
  let alex: LinkedInClient;
  let session: LinkedInSession;
  let sarahConv: string;

  beforeEach(async () => {
    emu = await startEmulator();
    session = await sessionOf(emu, SANDBOX.alex);
    alex = await clientFor(emu, SANDBOX.alex, { mailboxUrn: ALEX });
    sarahConv = await conversationWith(emu, SANDBOX.alex, SANDBOX.sarah);
  });
  afterEach(async () => {
    await alex.close();
    await emu.close();
  });

  describe('session and account state', () => {
    it('does fail with auth_expired when the session is expired and LinkedIn redirects to login deleting li_at', async () => {
      await admin(emu, 'PATCH', `/accounts/${SANDBOX.alex}`, { expired: true });
      const answer = await raw(emu, session, 'GET', '/voyager/api/me');
      expect(answer.status).toBe(302);
      expect(answer.headers.get('location')).toMatch(/\/uas\/login\?session_redirect=/);
      expect(answer.headers.get('set-cookie')).toMatch(/^li_at=delete me;/);
      await expectLinkedInError(alex.me(), 'auth_expired', { status: 302, reason: 'session_cookie_deleted' });
      await expectLinkedInError(alex.listConversations(), 'auth_expired', { status: 302 });
    });

    it('does fail with auth_expired when LinkedIn answers 401', async () => {
      await admin(emu, 'POST', '/faults', { kind: 'expired', authMode: 'status', account: SANDBOX.alex, times: 1 });
      await expectLinkedInError(alex.me(), 'auth_expired', { status: 401 });
    });

    it('does fail with auth_expired when the li_at cookie is unknown to LinkedIn', async () => {
      const stranger = await clientFor(emu, SANDBOX.alex, { session: { ...session, liAt: 'AQEDnotasessionanymore' } });
      try {
        await expectLinkedInError(stranger.me(), 'auth_expired', { status: 302 });
      } finally {
        await stranger.close();
      }
    });

    it('does fail with checkpoint when the account must pass a security check', async () => {
      await admin(emu, 'PATCH', `/accounts/${SANDBOX.alex}`, { checkpoint: true });
      const answer = await raw(emu, session, 'GET', '/voyager/api/me');
      expect(answer.status).toBe(302);
      expect(answer.headers.get('location')).toMatch(/\/checkpoint\/challenge\//);
      await expectLinkedInError(alex.me(), 'checkpoint', { status: 302 });
      await expectLinkedInError(alex.sendMessage({ conversationUrn: sarahConv, text: 'x', originToken: 't' }), 'checkpoint');
    });

    it('does fail with restricted when the account is restricted', async () => {
      await admin(emu, 'PATCH', `/accounts/${SANDBOX.alex}`, { restricted: true });
      await expectLinkedInError(alex.sendMessage({ conversationUrn: sarahConv, text: 'x', originToken: 't' }), 'restricted', { status: 403, linkedinCode: 'RESTRICTED' });
      expect(await received(emu, SANDBOX.alex)).toEqual([]);
    });

    it('does fail with forbidden, not restricted, when writing into a conversation of another mailbox', async () => {
      const reply = await admin<{ conversationUrn: string; messageUrn: string }>(emu, 'POST', `/members/${SANDBOX.elena}/reply`, { text: 'Hi Jordan', accountProfileId: SANDBOX.jordan });
      const answer = await raw(emu, session, 'POST', '/voyager/api/voyagerMessagingDashMessengerConversations?action=typing', { body: { conversationUrn: reply.conversationUrn } });
      expect(answer.status).toBe(403);
      expect(answer.json).toEqual({ status: 403 });
      await expectLinkedInError(alex.sendTyping(reply.conversationUrn), 'forbidden', { status: 403 });
      await expectLinkedInError(alex.markRead([reply.conversationUrn], true), 'forbidden', { status: 403 });
      await expectLinkedInError(alex.recallMessage(reply.messageUrn), 'forbidden', { status: 403 });
      await expectLinkedInError(alex.sendMessage({ conversationUrn: reply.conversationUrn, text: 'x', originToken: 'other-mailbox' }), 'forbidden', { status: 403 });
      expect(await received(emu, SANDBOX.alex)).toEqual([]);
    });

    it('does fail with auth_expired from the realtime connect when the session is dead', async () => {
      await admin(emu, 'PATCH', `/accounts/${SANDBOX.alex}`, { expired: true });
      const stream = alex.connectRealtime({ signal: new AbortController().signal, heartbeatMs: 0 })[Symbol.asyncIterator]();
      await expectLinkedInError(stream.next() as Promise<IteratorResult<RealtimeEvent>>, 'auth_expired');
    });
  });

  describe('csrf', () => {
    it('does succeed when the JSESSIONID is self-generated, since LinkedIn only checks that csrf-token matches it', async () => {
      const selfMade = await clientFor(emu, SANDBOX.alex, { session: { ...session, jsessionId: 'ajax:0000000000000000001' } });
      try {
        await expect(selfMade.me()).resolves.toMatchObject({ profileUrn: ALEX });
      } finally {
        await selfMade.close();
      }
    });

    it.each([
      ['quoted', (token: string) => `"${token}"`],
      ['different from JSESSIONID', () => 'ajax:1111111111111111111'],
    ])('does fail with invalid_request csrf_failed, not restricted, when the csrf-token is %s', async (_how, rewrite) => {
      const broken = await clientFor(emu, SANDBOX.alex, { fetchImpl: tamperCsrf(rewrite) });
      try {
        const answer = await raw(emu, session, 'GET', '/voyager/api/me', { headers: { 'csrf-token': rewrite(session.jsessionId.replace(/"/g, '')) } });
        expect(answer.status).toBe(403);
        expect(answer.text).toBe('CSRF check failed.');
        await expectLinkedInError(broken.me(), 'invalid_request', { status: 403, reason: 'csrf_failed' });
      } finally {
        await broken.close();
      }
    });
  });

  describe('throttling', () => {
    it('does fail with rate_limited and the Retry-After when LinkedIn answers 429', async () => {
      await admin(emu, 'POST', '/faults', { kind: '429', route: 'createMessage', account: SANDBOX.alex, retryAfterSeconds: 120, times: 1 });
      await expectLinkedInError(alex.sendMessage({ conversationUrn: sarahConv, text: 'throttled', originToken: 't429' }), 'rate_limited', { status: 429, retryAfterMs: 120_000 });
      expect(await received(emu, SANDBOX.alex)).toEqual([]);
    });

    it('does fail with rate_limited when LinkedIn answers 999', async () => {
      await admin(emu, 'POST', '/faults', { kind: '999', account: SANDBOX.alex, times: 1 });
      const error = await expectLinkedInError(alex.listConversations(), 'rate_limited', { status: 999, reason: 'request_denied' });
      expect(error.retryAfterMs).toBeGreaterThan(0);
    });

    it('does fail with rate_limited until the next day when the daily send limit is used up', async () => {
      await admin(emu, 'PATCH', `/accounts/${SANDBOX.alex}`, { dailySendLimit: 1 });
      await alex.sendMessage({ conversationUrn: sarahConv, text: 'first of the day', originToken: 'day-1' });
      const error = await expectLinkedInError(alex.sendMessage({ conversationUrn: sarahConv, text: 'one too many', originToken: 'day-2' }), 'rate_limited', { status: 429 });
      expect(error.retryAfterMs).toBeGreaterThan(0);
      expect(error.retryAfterMs).toBeLessThanOrEqual(86_400_000);
      await admin(emu, 'PATCH', `/accounts/${SANDBOX.alex}`, { limitStatus: 999 });
      await expectLinkedInError(alex.sendMessage({ conversationUrn: sarahConv, text: 'still too many', originToken: 'day-3' }), 'rate_limited', { status: 999 });
      expect((await received(emu, SANDBOX.alex)).map((r) => r.originToken)).toEqual(['day-1']);
    });
  });

  describe('transient failures', () => {
    // The client never retries (Temporal retries the activity): one request per call, reads and writes alike.
    it('does fail a read with temporary after one request when a 503 hits, and answer the caller\'s retry', async () => {
      await admin(emu, 'POST', '/faults', { kind: '5xx', status: 503, route: 'graphql', account: SANDBOX.alex, times: 1 });
      await expectLinkedInError(alex.getConversation(sarahConv), 'temporary', { status: 503 });
      expect((await requestCounts(emu, SANDBOX.alex)).graphql).toBe(1);
      await expect(alex.getConversation(sarahConv)).resolves.toMatchObject({ entityUrn: sarahConv });
      expect((await requestCounts(emu, SANDBOX.alex)).graphql).toBe(2);
    });

    it('does send a read once when the 503 persists', async () => {
      await admin(emu, 'POST', '/faults', { kind: '5xx', status: 503, route: 'graphql', account: SANDBOX.alex });
      await expectLinkedInError(alex.getMessages({ conversationUrn: sarahConv }), 'temporary', { status: 503 });
      expect((await requestCounts(emu, SANDBOX.alex)).graphql).toBe(1);
    });

    it('does fail with temporary without retrying when a write gets a 503', async () => {
      await admin(emu, 'POST', '/faults', { kind: '5xx', status: 503, route: 'createMessage', account: SANDBOX.alex, times: 1 });
      await expectLinkedInError(alex.sendMessage({ conversationUrn: sarahConv, text: 'maybe', originToken: 't503' }), 'temporary', { status: 503 });
      expect((await requestCounts(emu, SANDBOX.alex)).createMessage).toBe(1);
      expect(await received(emu, SANDBOX.alex)).toEqual([]);
    });
  });

  describe('refusals of the request itself', () => {
    it('does fail with recipient_not_reachable when messaging someone who is not a connection', async () => {
      await expectLinkedInError(alex.sendMessage({ recipientUrns: [urnOf(SANDBOX.david)], text: 'Hi David', originToken: 'not-connected' }), 'recipient_not_reachable', {
        status: 403,
        reason: 'not_connected',
        linkedinCode: 'NOT_CONNECTED',
      });
      expect(await received(emu, SANDBOX.alex)).toEqual([]);
    });

    it('does fail with invalid_request when LinkedIn answers a bare 400', async () => {
      const unknown = urnOf(fakeProfileId(9999));
      const answer = await raw(emu, session, 'POST', '/voyager/api/voyagerMessagingDashMessengerMessages?action=createMessage', {
        body: { message: { body: { text: 'x' }, originToken: 'o' }, mailboxUrn: ALEX, trackingId: 'abcdefghijklmnop', dedupeByClientGeneratedToken: false, hostRecipientUrns: [unknown] },
      });
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ status: 400 });
      await expectLinkedInError(alex.sendMessage({ recipientUrns: [unknown], text: 'x', originToken: 'bare-400' }), 'invalid_request', { status: 400 });
    });

    it('does fail with invalid_request page_too_large when a conversation page above 20 comes back as GraphQL errors in a 200', async () => {
      const variables = { query: { predicateUnions: [{ conversationCategoryPredicate: { category: 'PRIMARY_INBOX' } }] }, count: 21, mailboxUrn: ALEX, lastUpdatedBefore: Date.now() };
      const query = `queryId=${DEFAULT_QUERY_IDS.conversationsByCategory}&variables=(query:(predicateUnions:List((conversationCategoryPredicate:(category:PRIMARY_INBOX)))),count:21,mailboxUrn:${encodeURIComponent(ALEX)})`;
      const answer = await raw(emu, session, 'GET', `/voyager/api/voyagerMessagingGraphQL/graphql?${query}`, { headers: { accept: 'application/graphql' } });
      expect(answer.status).toBe(200);
      expect(answer.json.errors[0].extensions.classification).toBe('SDK_BUSINESS_LOGIC');
      await expectLinkedInError(lowLevelGraphql(emu, session, DEFAULT_QUERY_IDS.conversationsByCategory, variables, ANSWER_FIELDS.conversationsByCategory), 'invalid_request', {
        status: 200,
        reason: 'page_too_large',
        linkedinCode: 'SDK_BUSINESS_LOGIC',
      });
    });

    it('does fail with not_found when sending into a conversation that does not exist', async () => {
      const missing = `urn:li:msg_conversation:(${ALEX},2-bm9zdWNodGhyZWFkXzEwMA==)`;
      await expectLinkedInError(alex.sendMessage({ conversationUrn: missing, text: 'hello?', originToken: 'missing' }), 'not_found', { status: 404 });
      await expectLinkedInError(alex.markRead([missing], true), 'not_found', { status: 404 });
      await expectLinkedInError(alex.sendTyping(missing), 'not_found', { status: 404 });
    });
  });
});
