import { SANDBOX, VoyagerTestClient, startHarness } from '../testing/emulator-harness';
import type { Harness } from '../testing/emulator-harness';

describe('auth middleware', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('answers /me with a plain miniProfile when only cookies and csrf are sent', async () => {
    const alex = h.as(SANDBOX.alex);
    const res = await alex.raw('/voyager/api/me', { headers: { cookie: alex.account.cookieHeader, 'csrf-token': alex.account.csrfToken } });
    expect(res.status).toBe(200);
    expect(res.json.miniProfile).toMatchObject({
      firstName: 'Alex',
      lastName: 'Sandbox',
      entityUrn: `urn:li:fs_miniProfile:${SANDBOX.alex}`,
      dashEntityUrn: `urn:li:fsd_profile:${SANDBOX.alex}`,
      publicIdentifier: 'alex-sandbox-emu',
    });
    expect(res.json.miniProfile.picture['com.linkedin.common.VectorImage']).toBeDefined();
  });

  it.each([
    ['missing', undefined],
    ['quoted', (t: string) => `"${t}"`],
    ['different', () => 'ajax:0000000000000000001'],
  ])('answers 403 "CSRF check failed." when the csrf-token is %s', async (_label, transform) => {
    const alex = h.as(SANDBOX.alex);
    const headers: Record<string, string> = { cookie: alex.account.cookieHeader };
    if (transform) headers['csrf-token'] = transform(alex.account.csrfToken);
    const res = await alex.raw('/voyager/api/me', { headers });
    expect(res.status).toBe(403);
    expect(res.text).toBe('CSRF check failed.');
  });

  it('accepts a self-generated JSESSIONID when the csrf header matches it', async () => {
    const alex = h.as(SANDBOX.alex);
    const res = await alex.raw('/voyager/api/me', {
      headers: { cookie: `li_at=${alex.account.cookies.li_at}; JSESSIONID="ajax:0000000000000000001"`, 'csrf-token': 'ajax:0000000000000000001' },
    });
    expect(res.status).toBe(200);
  });

  it('answers 401 {"status":401} when there is no li_at cookie', async () => {
    const res = await h.as(SANDBOX.alex).raw('/voyager/api/me', { headers: { cookie: 'JSESSIONID="ajax:1"', 'csrf-token': 'ajax:1' } });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ status: 401 });
  });

  it('redirects to /uas/login and deletes li_at when the li_at is unknown', async () => {
    const res = await h.as(SANDBOX.alex).raw('/voyager/api/me', { headers: { cookie: 'li_at=AQEDnope; JSESSIONID="ajax:1"', 'csrf-token': 'ajax:1' } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/\/uas\/login\?session_redirect=http%3A%2F%2F.*%2Fvoyager%2Fapi%2Fme$/);
    expect(res.headers.get('set-cookie')).toMatch(/^li_at=delete me;/);
  });

  it('redirects to /checkpoint/challenge when the account is at a checkpoint', async () => {
    await h.admin('PATCH', `/accounts/${SANDBOX.alex}`, { checkpoint: true });
    const res = await h.as(SANDBOX.alex).get('/voyager/api/me');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/\/checkpoint\/challenge\//);
  });

  it('answers 403 RESTRICTED when the account is restricted', async () => {
    await h.admin('PATCH', `/accounts/${SANDBOX.alex}`, { restricted: true });
    const res = await h.as(SANDBOX.alex).get('/voyager/api/me');
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ status: 403, code: 'RESTRICTED' });
  });

  it('kills the session when logging out with the csrf token in the query', async () => {
    const alex = h.as(SANDBOX.alex);
    const out = await alex.raw(`/uas/logout?csrfToken=${encodeURIComponent(alex.account.csrfToken)}`, { headers: { cookie: alex.account.cookieHeader } });
    expect(out.status).toBe(302);
    expect(out.headers.get('set-cookie')).toMatch(/^li_at=delete me/);
    expect((await alex.get('/voyager/api/me')).status).toBe(302);
  });

  it('issues fresh cookies on a new login and kills the old ones, as a user logging in again on linkedin.com', async () => {
    await h.admin('PATCH', `/accounts/${SANDBOX.jordan}`, { expired: true });
    const old = h.as(SANDBOX.jordan);
    expect((await old.get('/voyager/api/me')).status).toBe(302);
    const login = await h.admin('POST', `/accounts/${SANDBOX.jordan}/login`);
    expect(login.status).toBe(200);
    expect(login.json.flags.expired).toBe(false);
    for (const name of ['li_at', 'JSESSIONID', 'li_a'] as const) expect(login.json.cookies[name]).not.toBe(old.account.cookies[name]);
    expect((await new VoyagerTestClient(h.url, login.json).get('/voyager/api/me')).status).toBe(200);
    expect((await old.get('/voyager/api/me')).status).toBe(302);
    expect((await h.admin('POST', '/accounts/ACoAAnobody/login')).status).toBe(404);
  });

  it('requires the li_a cookie on Sales Navigator routes', async () => {
    const jordan = h.as(SANDBOX.jordan);
    const withoutLiA = await jordan.raw('/sales-api/salesApiCredits?q=findCreditGrant&creditGrantType=LSS_INMAIL', {
      headers: { cookie: `li_at=${jordan.account.cookies.li_at}; JSESSIONID=${jordan.account.cookies.JSESSIONID}`, 'csrf-token': jordan.account.csrfToken },
    });
    expect(withoutLiA.status).toBe(401);
    const alexNoSeat = await h.as(SANDBOX.alex).get('/sales-api/salesApiCredits?q=findCreditGrant&creditGrantType=LSS_INMAIL');
    expect(alexNoSeat.status).toBe(403);
  });
});
