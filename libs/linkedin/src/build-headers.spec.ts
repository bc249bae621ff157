import { buildHeaders, cookieHeader, mpVersionOf, PROFILES } from './build-headers';
import type { LinkedInSession } from './session';

const session: LinkedInSession = {
  liAt: 'AQEDAR-secret',
  jsessionId: '"ajax:1234567890123456789"',
  liA: 'AQJ-sales',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/141.0.0.0',
};

describe('buildHeaders', () => {
  it('does send csrf-token unquoted when JSESSIONID is stored with quotes', () => {
    expect(buildHeaders(session, PROFILES.restJson)['csrf-token']).toBe('ajax:1234567890123456789');
  });

  it('does quote JSESSIONID in the cookie header whether or not it was stored quoted', () => {
    expect(cookieHeader(session, false)).toBe('li_at=AQEDAR-secret; JSESSIONID="ajax:1234567890123456789"');
    expect(cookieHeader({ ...session, jsessionId: 'ajax:1' }, false)).toBe('li_at=AQEDAR-secret; JSESSIONID="ajax:1"');
  });

  it('does add li_a only when the request goes to Sales Navigator', () => {
    expect(buildHeaders(session, PROFILES.restJson).cookie).not.toContain('li_a=');
    expect(buildHeaders(session, PROFILES.salesNavigator).cookie).toContain('li_a=AQJ-sales');
  });

  it('does send no accept header and text/plain when building a createMessage request', () => {
    const headers = buildHeaders(session, PROFILES.createMessage);
    expect(headers.accept).toBeUndefined();
    expect(headers['content-type']).toBe('text/plain;charset=UTF-8');
    expect(headers['x-restli-protocol-version']).toBe('2.0.0');
  });

  it('does ask for application/graphql and send the x-li group when reading via GraphQL', () => {
    const headers = buildHeaders(session, PROFILES.messagingGraphql);
    expect(headers.accept).toBe('application/graphql');
    expect(JSON.parse(headers['x-li-track'] ?? '{}')).toMatchObject({ mpName: 'voyager-web' });
    expect(headers['x-li-lang']).toBe('en_US');
    expect(headers['user-agent']).toBe(session.userAgent);
  });

  it('does use the account x-li-track when the session has one', () => {
    const track = '{"clientVersion":"1.13.9","mpVersion":"1.13.9","mpName":"voyager-web"}';
    expect(buildHeaders({ ...session, xLiTrack: track }, PROFILES.restJson)['x-li-track']).toBe(track);
    expect(mpVersionOf(track)).toBe('1.13.9');
  });

  it('does send csrf but no x-li group and no accept when calling /me', () => {
    const headers = buildHeaders(session, PROFILES.me);
    expect(headers['csrf-token']).toBeDefined();
    expect(headers['x-restli-protocol-version']).toBeUndefined();
    expect(headers['x-li-track']).toBeUndefined();
    expect(headers.accept).toBeUndefined();
  });

  it('does send neither cookies nor csrf when credentials are none', () => {
    const headers = buildHeaders(session, { credentials: 'none', xli: false });
    expect(headers.cookie).toBeUndefined();
    expect(headers['csrf-token']).toBeUndefined();
  });

  it('does add origin when marking conversations read', () => {
    expect(buildHeaders(session, PROFILES.markRead).origin).toBe('https://www.linkedin.com');
  });
});
