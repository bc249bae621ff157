import { DomainError } from '@threadline/domain';
import { LinkedInError, parseLinkedInError } from '@threadline/linkedin';
import { accountEffectOf, linkedInFailureOf, toDomainError } from './linkedin-failure';

const SEND = 'https://www.linkedin.com/voyager/api/voyagerMessagingDashMessengerMessages?action=createMessage';
const NOW = new Date('2026-03-02T10:00:00Z');

/** What node-postgres throws when a string carries U+0000. */
function nulInsertError(): Error {
  return Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { name: 'QueryFailedError', code: '22021' });
}

describe('linkedInFailureOf / toDomainError', () => {
  it('does leave a database error to its caller instead of calling it a LinkedIn outage', () => {
    expect(linkedInFailureOf(nulInsertError())).toBeUndefined();
    const error = toDomainError(nulInsertError());
    expect(error.code).toBe('INTERNAL');
    expect(error.code).not.toBe('LINKEDIN_UNAVAILABLE');
    expect(error.message).toMatch(/not at LinkedIn/);
    expect(error.message).toContain('0x00');
  });

  it('does map a plain 403 to LINKEDIN_FORBIDDEN with no account effect', () => {
    const error = toDomainError(parseLinkedInError({ status: 403, bodyText: '{"status":403}', url: SEND }));
    expect(error.code).toBe('LINKEDIN_FORBIDDEN');
    expect(accountEffectOf(error, NOW)).toBeNull();
  });

  it('does restrict the account only when LinkedIn shows its restriction notice', () => {
    const notice = parseLinkedInError({ status: 403, bodyText: '{"status":403,"code":"RESTRICTED","message":"Your account has been restricted."}', url: SEND });
    const error = toDomainError(notice);
    expect(error.code).toBe('ACCOUNT_RESTRICTED');
    expect(accountEffectOf(error, NOW)).toMatchObject({ status: 'restricted' });
  });

  it('does pass DomainErrors through and keep LinkedIn outages LINKEDIN_UNAVAILABLE', () => {
    const domain = new DomainError('NOT_FOUND', 'x');
    expect(linkedInFailureOf(domain)).toBe(domain);
    expect(toDomainError(new LinkedInError('temporary', 'LinkedIn failed (503)', { status: 503 })).code).toBe('LINKEDIN_UNAVAILABLE');
  });
});

describe('accountEffectOf on a throttle', () => {
  const bounds = { minMs: 60_000, maxMs: 3_600_000 };
  const throttled = (retryAfterMs?: number) => new DomainError('LINKEDIN_RATE_LIMITED', 'throttled', { retryAfterMs });

  it('does hold for the doubled minimum at the account\'s level, capped, and never shorter than LinkedIn\'s hint', () => {
    const holdMs = (level: number, hint?: number) => accountEffectOf(throttled(hint), NOW, bounds, level)!.holdUntil!.getTime() - NOW.getTime();
    expect([holdMs(0, 4_000), holdMs(1, 4_000), holdMs(3), holdMs(10)]).toEqual([60_000, 120_000, 480_000, 3_600_000]);
    expect(holdMs(0, 6 * 3_600_000)).toBe(6 * 3_600_000);
    expect(accountEffectOf(throttled(4_000), NOW, bounds)).toMatchObject({ status: 'on_hold', hintMs: 4_000 });
  });
});

describe('invitation refusals (reference §6, §7.4)', () => {
  const INVITE = 'https://www.linkedin.com/voyager/api/voyagerRelationshipsDashMemberRelationships?action=verifyQuotaAndCreateV2&decorationId=x';

  it('does hold only invitations on FUSE_LIMIT_EXCEEDED: INVITATIONS_HELD, no account effect', () => {
    const error = toDomainError(parseLinkedInError({ status: 429, bodyText: '{"status":429,"data":{"code":"FUSE_LIMIT_EXCEEDED"}}', url: INVITE }));
    expect(error.code).toBe('INVITATIONS_HELD');
    expect(error.retryAfterMs).toBe(24 * 3_600_000);
    expect(accountEffectOf(error, NOW)).toBeNull();
  });

  it('does read MAX_INVITATION_SENT and CANT_INVITE_CONNECTION_LIMIT_REACHED as the weekly cap too', () => {
    for (const code of ['MAX_INVITATION_SENT', 'CANT_INVITE_CONNECTION_LIMIT_REACHED']) {
      expect(toDomainError(parseLinkedInError({ status: 400, bodyText: `{"data":{"code":"${code}"}}`, url: INVITE })).code).toBe('INVITATIONS_HELD');
    }
  });

  it.each([
    [400, '{"data":{"code":"CANT_RESEND_YET"}}', 'INVITATION_RESEND_TOO_SOON'],
    [400, '{"data":{"code":"ALREADY_INVITED"}}', 'ALREADY_INVITED'],
    [403, '{"status":403}', 'NOT_INVITABLE'],
    [406, '{"status":406}', 'INVITATION_STATE_INVALID'],
    [400, '{"data":{"code":"CUSTOM_MESSAGE_QUOTA_EXCEEDED"}}', 'INVITATION_NOTE_UNAVAILABLE'],
  ])('does mark the prospect, not the account, on %s %s', (status, bodyText, code) => {
    const error = toDomainError(parseLinkedInError({ status, bodyText, url: INVITE }));
    expect(error.code).toBe(code);
    expect(accountEffectOf(error, NOW)).toBeNull();
  });

  it('does keep a 403 on a message send a message-level refusal', () => {
    expect(toDomainError(parseLinkedInError({ status: 403, bodyText: '{"status":403}', url: SEND })).code).toBe('LINKEDIN_FORBIDDEN');
  });
});
