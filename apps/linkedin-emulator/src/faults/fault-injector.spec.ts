import { CREATE_MESSAGE, SANDBOX, sendBody, startHarness } from '../testing/emulator-harness';
import type { Harness } from '../testing/emulator-harness';

describe('fault injection', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  const send = (to: string = SANDBOX.sarah) => h.as(SANDBOX.alex).post(CREATE_MESSAGE, sendBody(SANDBOX.alex, { hostRecipientUrns: [`urn:li:fsd_profile:${to}`] }));

  it('answers 429 with Retry-After for the next N matching requests only', async () => {
    await h.admin('POST', '/faults', { kind: '429', route: 'createMessage', account: SANDBOX.alex, times: 1, retryAfterSeconds: 120 });
    const first = await send();
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('120');
    expect((await send()).status).toBe(200);
  });

  it('answers 999 "Request denied" on every route when route is *', async () => {
    await h.admin('POST', '/faults', { kind: '999' });
    const res = await h.as(SANDBOX.alex).get('/voyager/api/me');
    expect(res.status).toBe(999);
    expect(res.text).toBe('Request denied');
    await h.admin('DELETE', '/faults');
    expect((await h.as(SANDBOX.alex).get('/voyager/api/me')).status).toBe(200);
  });

  it('answers the configured 5xx for the next N requests and touches only the targeted account', async () => {
    await h.admin('POST', '/faults', { kind: '5xx', status: 502, account: SANDBOX.alex, times: 2 });
    expect((await h.as(SANDBOX.jordan).get('/voyager/api/me')).status).toBe(200);
    expect((await h.as(SANDBOX.alex).get('/voyager/api/me')).status).toBe(502);
    expect((await h.as(SANDBOX.alex).get('/voyager/api/me')).json).toEqual({ status: 502 });
    expect((await h.as(SANDBOX.alex).get('/voyager/api/me')).status).toBe(200);
  });

  it('answers an expired session as a login redirect or a 401 when asked', async () => {
    await h.admin('POST', '/faults', { faults: [{ kind: 'expired', route: 'me', times: 1 }, { kind: 'expired', route: 'graphql', authMode: 'status', times: 1 }] });
    const me = await h.as(SANDBOX.alex).get('/voyager/api/me');
    expect(me.status).toBe(302);
    expect(me.headers.get('set-cookie')).toMatch(/^li_at=delete me/);
    const gql = await h.as(SANDBOX.alex).graphql('messengerConversations.x', '(mailboxUrn:urn:li:fsd_profile:x)');
    expect(gql.status).toBe(401);
    expect(gql.json).toEqual({ status: 401 });
  });

  it('redirects to a checkpoint and restricts when those faults are set', async () => {
    await h.admin('POST', '/faults', { faults: [{ kind: 'checkpoint', route: 'me', times: 1 }, { kind: 'restricted', route: 'createMessage', times: 1 }] });
    const me = await h.as(SANDBOX.alex).get('/voyager/api/me');
    expect(me.status).toBe(302);
    expect(me.headers.get('location')).toContain('/checkpoint/challenge/');
    expect((await send()).json).toMatchObject({ status: 403, code: 'RESTRICTED' });
  });

  it('answers a plain 403 {"status":403} without the restriction code when the fault is forbidden', async () => {
    await h.admin('POST', '/faults', { kind: 'forbidden', route: 'createMessage', account: SANDBOX.alex, times: 1 });
    const refused = await send();
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual({ status: 403 });
    expect((await send()).status).toBe(200);
  });

  it('targets a route group when the fault route is salesNav', async () => {
    await h.admin('POST', '/faults', { kind: '429', route: 'salesNav' });
    expect((await h.as(SANDBOX.jordan).get('/sales-api/salesApiCredits?q=findCreditGrant&creditGrantType=LSS_INMAIL')).status).toBe(429);
    expect((await h.as(SANDBOX.jordan).get('/voyager/api/me')).status).toBe(200);
  });

  it('answers 429 past the daily send limit and 999 when the limit status is 999', async () => {
    await h.admin('PATCH', `/accounts/${SANDBOX.alex}`, { dailySendLimit: 2 });
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    const over = await send();
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    await h.admin('PATCH', `/accounts/${SANDBOX.alex}`, { limitStatus: 999 });
    expect((await send()).status).toBe(999);
    await h.admin('POST', '/clock', { advanceMs: 86_400_000 });
    expect((await send()).status).toBe(200);
  });

  it('delays the answer when a delay fault is set', async () => {
    await h.admin('POST', '/faults', { kind: 'delay', delayMs: 150, route: 'me' });
    const started = Date.now();
    expect((await h.as(SANDBOX.alex).get('/voyager/api/me')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('replays the same hits for the same seed when a fault has a probability', async () => {
    const pattern = async (): Promise<number[]> => {
      const run = await startHarness({ seed: 42 });
      await run.admin('POST', '/scenario', { seed: 42, accounts: [{ profileId: SANDBOX.alex, firstName: 'A', lastName: 'B' }] });
      await run.admin('POST', '/faults', { kind: '5xx', probability: 0.5 });
      const acc = (await run.admin('GET', '/scenario')).json.accounts[0];
      const out: number[] = [];
      for (let i = 0; i < 12; i += 1) {
        out.push((await fetch(`${run.url}/voyager/api/me`, { headers: { cookie: acc.cookieHeader, 'csrf-token': acc.csrfToken } })).status);
      }
      await run.close();
      return out;
    };
    const a = await pattern();
    expect(await pattern()).toEqual(a);
    expect(a).toContain(503);
    expect(a).toContain(200);
  });

  it('counts the faults that fired by kind, spent and deleted rules included, until a new scenario', async () => {
    await h.admin('POST', '/faults', { faults: [{ kind: '429', route: 'me', times: 1 }, { kind: '5xx', route: 'createMessage' }] });
    await h.as(SANDBOX.alex).get('/voyager/api/me');
    await h.as(SANDBOX.alex).get('/voyager/api/me');
    await send();
    await send();
    await h.admin('DELETE', '/faults');
    await send();
    expect((await h.admin('GET', '/faults')).json).toEqual({ faults: [], injected: { 429: 1, '5xx': 2 } });
    await h.admin('POST', '/reset');
    expect((await h.admin('GET', '/faults')).json.injected).toEqual({});
  });

  it('counts requests per route for the admin API', async () => {
    await h.as(SANDBOX.alex).get('/voyager/api/me');
    await send();
    const counts = (await h.admin('GET', '/requests')).json;
    expect(counts.routes).toMatchObject({ me: 1, createMessage: 1 });
    expect(counts.byAccount[SANDBOX.alex]).toMatchObject({ me: 1, createMessage: 1 });
  });
});
