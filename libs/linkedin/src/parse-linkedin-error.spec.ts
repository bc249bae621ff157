import { DEFAULT_429_RETRY_MS, DEFAULT_999_RETRY_MS, parseLinkedInError, parseRetryAfter } from './parse-linkedin-error';

const SEND = 'https://www.linkedin.com/voyager/api/voyagerMessagingDashMessengerMessages?action=createMessage';
const GRAPHQL = 'https://www.linkedin.com/voyager/api/voyagerMessagingGraphQL/graphql?queryId=messengerConversations.x&variables=(count:25)';
const SALES = 'https://www.linkedin.com/sales-api/salesApiMessageActions?action=createMessage';

describe('parseLinkedInError', () => {
  it('does return undefined when the answer is a plain success', () => {
    expect(parseLinkedInError({ status: 200, bodyText: '{"value":{}}', url: SEND })).toBeUndefined();
    expect(parseLinkedInError({ status: 202, url: SEND })).toBeUndefined();
    expect(parseLinkedInError({ status: 200, bodyText: '{"results":{},"errors":{}}', url: SEND })).toBeUndefined();
  });

  it('does call a CSRF failure a client bug when LinkedIn answers 403 "CSRF check failed."', () => {
    const error = parseLinkedInError({ status: 403, bodyText: 'CSRF check failed.', url: SEND });
    expect(error?.code).toBe('invalid_request');
    expect(error?.reason).toBe('csrf_failed');
    expect(error?.message).toMatch(/JSESSIONID without quotes/);
  });

  it('does report auth_expired when LinkedIn redirects to /uas/login', () => {
    const error = parseLinkedInError({
      status: 302,
      headers: { location: 'https://www.linkedin.com/uas/login?session_redirect=%2Fvoyager%2Fapi%2Fme' },
      url: SEND,
    });
    expect(error?.code).toBe('auth_expired');
    expect(error?.status).toBe(302);
  });

  it('does report auth_expired when any answer sets li_at=delete me', () => {
    const headers = new Headers();
    headers.append('set-cookie', 'li_at=delete me; Domain=.www.linkedin.com; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT');
    headers.append('location', 'https://www.linkedin.com/feed/');
    expect(parseLinkedInError({ status: 302, headers, url: SEND })?.code).toBe('auth_expired');
    expect(parseLinkedInError({ status: 200, headers, bodyText: '{}', url: SEND })?.reason).toBe('session_cookie_deleted');
  });

  it('does report a checkpoint when LinkedIn redirects to /checkpoint/', () => {
    const error = parseLinkedInError({
      status: 302,
      headers: { Location: 'https://www.linkedin.com/checkpoint/challenge/AgH3x?ut=1' },
      url: SEND,
    });
    expect(error?.code).toBe('checkpoint');
    expect(error?.message).not.toContain('ut=1');
  });

  it('does report auth_expired when LinkedIn answers 401 {"status":401}', () => {
    expect(parseLinkedInError({ status: 401, bodyText: '{"status":401}', url: SEND })?.code).toBe('auth_expired');
  });

  it('does report rate_limited with a long wait when LinkedIn answers 999', () => {
    const error = parseLinkedInError({ status: 999, bodyText: 'Request denied', url: SEND });
    expect(error?.code).toBe('rate_limited');
    expect(error?.reason).toBe('request_denied');
    expect(error?.retryAfterMs).toBe(DEFAULT_999_RETRY_MS);
  });

  it('does honour Retry-After seconds when LinkedIn answers 429 with it', () => {
    const error = parseLinkedInError({ status: 429, headers: { 'Retry-After': '120' }, bodyText: '', url: SEND });
    expect(error?.code).toBe('rate_limited');
    expect(error?.retryAfterMs).toBe(120_000);
  });

  it('does fall back to a default wait when LinkedIn answers 429 without Retry-After', () => {
    const error = parseLinkedInError({ status: 429, bodyText: '{"status":429}', url: SEND });
    expect(error?.retryAfterMs).toBe(DEFAULT_429_RETRY_MS);
  });

  it('does flag the weekly invitation cap when a 429 carries FUSE_LIMIT_EXCEEDED', () => {
    const error = parseLinkedInError({ status: 429, bodyText: '{"status":429,"code":"FUSE_LIMIT_EXCEEDED"}', url: SEND });
    expect(error?.reason).toBe('weekly_invitation_limit');
    expect(error?.linkedinCode).toBe('FUSE_LIMIT_EXCEEDED');
  });

  it('does report invalid_request when LinkedIn answers a bare 400 {"status":400}', () => {
    const error = parseLinkedInError({ status: 400, bodyText: '{"status":400}', url: SEND });
    expect(error?.code).toBe('invalid_request');
    expect(error?.message).toMatch(/do not retry/);
  });

  it('does report invalid_request when a 200 carries a SDK_BUSINESS_LOGIC GraphQL error', () => {
    const bodyText = JSON.stringify({
      data: null,
      errors: [{ message: 'count must be <= 20', extensions: { classification: 'SDK_BUSINESS_LOGIC' } }],
    });
    const error = parseLinkedInError({ status: 200, bodyText, url: GRAPHQL });
    expect(error?.code).toBe('invalid_request');
    expect(error?.reason).toBe('page_too_large');
  });

  it('does report unknown with a query-id hint when a 200 carries another GraphQL error', () => {
    const bodyText = JSON.stringify({ errors: [{ message: 'Unknown persisted query' }] });
    const error = parseLinkedInError({ status: 200, bodyText, url: GRAPHQL });
    expect(error?.code).toBe('unknown');
    expect(error?.message).toMatch(/query id/);
  });

  it('does report used-up credits when Sales Navigator answers MESSAGE_VALIDATION_PLUGIN_ERROR about credits', () => {
    const bodyText = JSON.stringify({ status: 422, code: 'MESSAGE_VALIDATION_PLUGIN_ERROR', message: 'You have used all of your InMail credits' });
    const error = parseLinkedInError({ status: 422, bodyText, url: SALES });
    expect(error?.code).toBe('invalid_request');
    expect(error?.reason).toBe('inmail_credits_exhausted');
  });

  it('does report recipient_not_reachable when Sales Navigator refuses the recipient', () => {
    const bodyText = JSON.stringify({ status: 400, code: 'MESSAGE_VALIDATION_PLUGIN_ERROR', message: 'Recipient does not accept InMail' });
    expect(parseLinkedInError({ status: 400, bodyText, url: SALES })?.code).toBe('recipient_not_reachable');
  });

  it('does report recipient_not_reachable when the answer is the NOT_CONNECTED 403', () => {
    const bodyText = JSON.stringify({ status: 403, code: 'NOT_CONNECTED', message: 'Recipient is not a connection' });
    const error = parseLinkedInError({ status: 403, bodyText, url: SEND });
    expect(error?.code).toBe('recipient_not_reachable');
    expect(error?.reason).toBe('not_connected');
  });

  describe('403s (reference §6, §7.4)', () => {
    const TYPING = 'https://www.linkedin.com/voyager/api/voyagerMessagingDashMessengerConversations?action=typing';
    const RECALL = 'https://www.linkedin.com/voyager/api/voyagerMessagingDashMessengerMessages?action=recall';

    it('does call a plain 403 {"status":403} forbidden for that entity, not restricted, when it names no restriction', () => {
      for (const url of [SEND, TYPING, RECALL]) {
        const error = parseLinkedInError({ status: 403, bodyText: '{"status":403}', url });
        expect(error?.code).toBe('forbidden');
        expect(error?.status).toBe(403);
        expect(error?.message).toMatch(/not flagged/);
      }
    });

    it('does call a 403 with an empty or HTML body forbidden when the body carries no restriction notice', () => {
      expect(parseLinkedInError({ status: 403, bodyText: '', url: SEND })?.code).toBe('forbidden');
      expect(parseLinkedInError({ status: 403, url: SEND })?.code).toBe('forbidden');
      expect(parseLinkedInError({ status: 403, bodyText: '<html><body>Forbidden</body></html>', url: SEND })?.code).toBe('forbidden');
    });

    it('does report restricted when a 403 carries the RESTRICTED body the restriction notice comes with', () => {
      const bodyText = JSON.stringify({ status: 403, code: 'RESTRICTED', message: 'Your account has been restricted. Visit https://www.linkedin.com/checkpoint/ to learn more.' });
      const error = parseLinkedInError({ status: 403, bodyText, url: SEND });
      expect(error?.code).toBe('restricted');
      expect(error?.reason).toBe('restriction_notice');
      expect(error?.linkedinCode).toBe('RESTRICTED');
    });

    it('does report restricted when a 403 page or message shows the restriction notice without a code', () => {
      const page = '<!DOCTYPE html><html><head><title>LinkedIn</title></head><body><h1>Your account is temporarily restricted</h1></body></html>';
      expect(parseLinkedInError({ status: 403, bodyText: page, url: SEND })?.reason).toBe('restriction_notice');
      const json = JSON.stringify({ status: 403, message: 'This account has been restricted' });
      expect(parseLinkedInError({ status: 403, bodyText: json, url: SEND })?.code).toBe('restricted');
    });

    it('does keep a CSRF 403 a client bug when the body is exactly "CSRF check failed."', () => {
      expect(parseLinkedInError({ status: 403, bodyText: 'CSRF check failed.\n', url: TYPING })?.reason).toBe('csrf_failed');
    });

    it('does report restricted when LinkedIn redirects to its restriction page', () => {
      const error = parseLinkedInError({ status: 302, headers: { location: 'https://www.linkedin.com/checkpoint/restricted/AQE9x?trk=x' }, url: SEND });
      expect(error?.code).toBe('restricted');
      expect(error?.reason).toBe('restriction_page');
      expect(error?.message).not.toContain('trk=');
    });

    it('does not read "restricted" in a login redirect\'s query as a restriction', () => {
      const location = `https://www.linkedin.com/uas/login?session_redirect=${encodeURIComponent('https://www.linkedin.com/restricted/x')}`;
      expect(parseLinkedInError({ status: 302, headers: { location }, url: SEND })?.code).toBe('auth_expired');
    });
  });

  it('does report not_found when LinkedIn answers 404 or 410', () => {
    expect(parseLinkedInError({ status: 404, bodyText: '{"status":404}', url: SEND })?.code).toBe('not_found');
    expect(parseLinkedInError({ status: 410, url: SEND })?.reason).toBe('gone');
  });

  it('does report temporary when LinkedIn answers 5xx', () => {
    for (const status of [500, 502, 503, 504]) {
      expect(parseLinkedInError({ status, bodyText: '<html>', url: SEND })?.code).toBe('temporary');
    }
  });

  it('does report temporary when no answer arrives because of a network error', () => {
    const cause = new TypeError('fetch failed', { cause: new Error('ECONNRESET') });
    const error = parseLinkedInError({ status: 0, url: SEND, cause });
    expect(error?.code).toBe('temporary');
    expect(error?.reason).toBe('network');
    expect(error?.message).toContain('ECONNRESET');
  });

  it('does report a timeout as temporary when the request timed out', () => {
    const cause = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(parseLinkedInError({ status: 0, url: SEND, cause })?.reason).toBe('timeout');
  });

  it('does keep the query string out of the message when describing the URL', () => {
    const error = parseLinkedInError({ status: 500, url: GRAPHQL });
    expect(error?.message).toContain('/voyager/api/voyagerMessagingGraphQL/graphql');
    expect(error?.message).not.toContain('variables');
  });
});

describe('parseRetryAfter', () => {
  it('does read seconds and HTTP dates when given either form', () => {
    expect(parseRetryAfter('30')).toBe(30_000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:05:00 GMT', now)).toBe(300_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
